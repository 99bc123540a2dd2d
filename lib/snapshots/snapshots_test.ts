import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { checkSnapshotInput, defaultSnapshotName } from "./input.ts";
import { snapshotTree, withDescendants } from "./tree.ts";
import { buildSnapshotXml, domainSnapshotFacts, parseSnapshotXml } from "./xml.ts";

const NOW = new Date("2024-05-01T02:03:04.567Z");

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    assert(err instanceof AppError, String(err));
    return err;
  }
  throw new Error("expected a refusal");
}

Deno.test("snapshots - input defaults, name rule and description limits", () => {
  assertEquals(defaultSnapshotName(NOW), "snap-20240501-020304");
  assertEquals(checkSnapshotInput(undefined, NOW), {
    name: "snap-20240501-020304",
    generated: true,
    description: "",
    memory: undefined,
    quiesce: undefined,
  });
  const ok = checkSnapshotInput(
    { name: "before.upgrade_1-a", description: "a & <b>\nline", memory: true, quiesce: false },
    NOW,
  );
  assertEquals(ok.name, "before.upgrade_1-a");
  assertEquals(ok.generated, false);
  assertEquals(ok.memory, true);
  assertEquals(ok.quiesce, false);
  assertEquals(checkSnapshotInput({ name: "x".repeat(64) }, NOW).name.length, 64);

  for (const name of ["-a", ".a", "a b", "x".repeat(65), "a/b", 7, "é"]) {
    const e = refusal(() => checkSnapshotInput({ name }, NOW));
    assertEquals([e.status, e.code], [400, "INVALID_NAME"], String(name));
    assertMatch(e.message, /^Invalid snapshot name: /);
  }
  const long = refusal(() => checkSnapshotInput({ description: "d".repeat(1001) }, NOW));
  assertEquals(long.code, "INVALID_DESCRIPTION");
  assertEquals(long.message, "Description is too long: 1001 characters (at most 1000)");
  assertEquals(checkSnapshotInput({ description: "d".repeat(1000) }, NOW).description.length, 1000);
  assertEquals(
    refusal(() => checkSnapshotInput({ description: 5 }, NOW)).code,
    "INVALID_DESCRIPTION",
  );
  assertEquals(
    refusal(() => checkSnapshotInput({ description: "bell\x07" }, NOW)).message,
    "Description must not contain control characters",
  );
  assertEquals(refusal(() => checkSnapshotInput({ nam: "a" }, NOW)).message, "Unknown field: nam");
  assertEquals(
    refusal(() => checkSnapshotInput({ memory: "yes" }, NOW)).message,
    "memory must be true or false",
  );
  assertEquals(refusal(() => checkSnapshotInput([], NOW)).code, "BAD_REQUEST");
});

Deno.test("snapshots - XML built with user text escaped, read back", () => {
  const xml = buildSnapshotXml({ name: "a", description: "x & <y> 'z' \"w\"", memory: true });
  assert(!xml.includes("<y>"), xml);
  const facts = parseSnapshotXml(xml);
  assertEquals(facts.name, "a");
  assertEquals(facts.description, "x & <y> 'z' \"w\"");
  assertEquals(facts.memory, true);
  assertEquals(
    buildSnapshotXml({ name: "b", description: "" }),
    "<domainsnapshot><name>b</name></domainsnapshot>",
  );

  const libvirt = parseSnapshotXml(`<domainsnapshot>
    <name>s2</name><description>second</description><state>paused</state>
    <parent><name>s1</name></parent><creationTime>1714528984</creationTime>
    <memory snapshot='internal'/><disks><disk name='vda' snapshot='internal'/></disks>
    <domain type='qemu'><name>vm</name><description>not this one</description></domain>
  </domainsnapshot>`);
  assertEquals(libvirt, {
    name: "s2",
    description: "second",
    state: "paused",
    parent: "s1",
    createdAt: 1714528984000,
    memory: true,
  });
  const off = parseSnapshotXml(
    "<domainsnapshot><name>o</name><state>shutoff</state><creationTime>1</creationTime>" +
      "<memory snapshot='no'/></domainsnapshot>",
  );
  assertEquals([off.parent, off.memory, off.description], [null, false, ""]);
});

Deno.test("snapshots - guest agent and pflash read from the live domain XML", () => {
  const agent = (state: string) =>
    `<domain><devices><channel type='unix'><source mode='bind'/>` +
    `<target type='virtio' name='org.qemu.guest_agent.0' state='${state}'/></channel>` +
    `<channel type='spicevmc'><target type='virtio' name='com.redhat.spice.0'/></channel>` +
    `</devices></domain>`;
  assertEquals(domainSnapshotFacts(agent("connected")), { agentConnected: true, pflash: false });
  assertEquals(domainSnapshotFacts(agent("disconnected")).agentConnected, false);
  assertEquals(domainSnapshotFacts("<domain><devices/></domain>").agentConnected, false);
  const uefi = "<domain><os><type>hvm</type><loader readonly='yes' type='pflash'>" +
    "/usr/share/OVMF/OVMF_CODE.fd</loader></os></domain>";
  assertEquals(domainSnapshotFacts(uefi).pflash, true);
  assertEquals(domainSnapshotFacts("<domain><os firmware='efi'/></domain>").pflash, true);
});

Deno.test("snapshots - tree: roots and siblings by time (ties by name), children depth-first", () => {
  const at = (s: number) => s * 1000;
  const e = (name: string, parent: string | null, t: number, current = false) => ({
    name,
    parent,
    createdAt: at(t),
    current,
    description: "",
    state: "running",
    memory: true,
  });
  // Name order differs from time order on purpose: z is the oldest root.
  const tree = snapshotTree([
    e("b", "z", 30),
    e("a", null, 50),
    e("y", "z", 20),
    e("z", null, 10),
    e("x", "y", 40, true),
    e("w", "y", 40),
    e("orphan", "gone", 5),
  ]);
  assertEquals(
    tree.map((s) => [s.name, s.depth, s.parent]),
    [
      ["orphan", 0, null],
      ["z", 0, null],
      ["y", 1, "z"],
      ["w", 2, "y"],
      ["x", 2, "y"],
      ["b", 1, "z"],
      ["a", 0, null],
    ],
  );
  assertEquals(tree.find((s) => s.name === "z")!.children, ["y", "b"]);
  assertEquals(tree.find((s) => s.name === "y")!.children, ["w", "x"]);
  assertEquals(tree.filter((s) => s.current).map((s) => s.name), ["x"]);
  assertEquals(tree[1].createdAt, "1970-01-01T00:00:10.000Z");
  assertEquals(withDescendants(tree, "z"), ["z", "y", "w", "x", "b"]);
  assertEquals(withDescendants(tree, "y"), ["y", "w", "x"]);
  assertEquals(withDescendants(tree, "a"), ["a"]);
  assertEquals(withDescendants(tree, "none"), []);
  // A chain far deeper than any call stack would allow for recursion.
  const chain = Array.from({ length: 20_000 }, (_, i) => e(`s${i}`, i ? `s${i - 1}` : null, i));
  assertEquals(snapshotTree(chain).at(-1)!.depth, 19_999);
});
