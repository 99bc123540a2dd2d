// A bridge's ports and a bond's members, mode and link check changed in place: only the option
// lines concerned change, the rest of the file stays byte for byte, and ifupdown2's own parser
// (`ifup -s`) takes each file written.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { ifupdown2Refusal } from "../../tests/support/ifupdown2.ts";
import { changeBond, definedIn, setBridgePorts } from "./change.ts";
import { addBond } from "./stanzas.ts";

const FILE = `# The admin's file.
auto lo
iface lo inet loopback

auto nic0
iface nic0 inet manual

auto br0
iface br0 inet static
	address 10.79.0.1/24
	# a comment the admin wrote
	bridge-ports nic0
	bridge-stp off

auto bond0
iface bond0 inet manual
  bond-slaves nic1 nic2
  bond-mode active-backup
  bond-miimon 100
# The end.
`;

/** The lines of `after` that are not in `before`, and those of `before` that are not in `after`. */
function changedLines(before: string, after: string) {
  const a = before.split("\n");
  const b = after.split("\n");
  return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
}

Deno.test("change - a bridge's ports: one line changes, in the admin's indentation", async () => {
  const two = setBridgePorts(FILE, "br0", ["nic0", "nic3"]);
  assertEquals(changedLines(FILE, two), {
    added: ["\tbridge-ports nic0 nic3"],
    removed: ["\tbridge-ports nic0"],
  });
  assertEquals(await ifupdown2Refusal(two), "");
  // No port: a bridge of its own, as ifupdown2 writes it.
  const none = setBridgePorts(FILE, "br0", []);
  assertEquals(changedLines(FILE, none).added, ["\tbridge-ports none"]);
  // ifupdown2's checker (`ifup -s`) takes "none" for an interface name and warns; its bridge code
  // reads it as no port (bridge.py _get_ifaceobj_bridge_ports), and ifreload applies it
  // (tests/host_network_change_test.ts). The warning is the only word it has.
  assertEquals(
    await ifupdown2Refusal(none),
    `warning: br0: bridge-ports: invalid value "none": valid attribute values: ['<interface-list>']`,
  );
  assertEquals(definedIn(none).find((d) => d.name === "br0")?.ports, []);
  // And back: the file as it was.
  assertEquals(setBridgePorts(none, "br0", ["nic0"]), FILE);
});

Deno.test("change - a bond's members, mode and miimon: their lines only", async () => {
  const changed = changeBond(FILE, "bond0", {
    members: ["nic1", "nic2", "nic3"],
    mode: "802.3ad",
    miimon: 250,
  });
  assertEquals(changedLines(FILE, changed), {
    added: ["  bond-slaves nic1 nic2 nic3", "  bond-mode 802.3ad", "  bond-miimon 250"],
    removed: ["  bond-slaves nic1 nic2", "  bond-mode active-backup", "  bond-miimon 100"],
  });
  assertEquals(await ifupdown2Refusal(changed), "");
  assertEquals(definedIn(changed).find((d) => d.name === "bond0"), {
    name: "bond0",
    kind: "bond",
    ports: ["nic1", "nic2", "nic3"],
    mode: "802.3ad",
    miimon: 250,
  });
  assertEquals(
    changeBond(changed, "bond0", { members: ["nic1", "nic2"], mode: "active-backup", miimon: 100 }),
    FILE,
  );
});

Deno.test("change - a bond written with bond-ports and no mode keeps its key and gains the rest", async () => {
  const text = `auto bond1
iface bond1
    bond-ports nic4 nic5
`;
  const changed = changeBond(text, "bond1", {
    members: ["nic4", "nic6"],
    mode: "balance-alb",
    miimon: 0,
  });
  assertEquals(
    changed,
    `auto bond1
iface bond1
    bond-ports nic4 nic6
    bond-mode balance-alb
    bond-miimon 0
`,
  );
  assertEquals(await ifupdown2Refusal(changed), "");
});

Deno.test("change - a continued or repeated option is written anew, the stanza in Debian's layout", async () => {
  const text = `auto br1
iface br1 inet manual
    bridge-ports nic0 \\
        nic1
    bridge-fd 0
`;
  const changed = setBridgePorts(text, "br1", ["nic1"]);
  assertEquals(
    changed,
    `auto br1
iface br1 inet manual
    bridge-ports nic1
    bridge-fd 0
`,
  );
  assertEquals(await ifupdown2Refusal(changed), "");
});

Deno.test("change - a bond staged a moment ago changes like one of the admin's", async () => {
  const staged = addBond(FILE, {
    name: "bond2",
    members: ["nic5", "nic6"],
    mode: "active-backup",
    miimon: 100,
  });
  const changed = changeBond(staged, "bond2", {
    members: ["nic5", "nic6"],
    mode: "balance-xor",
    miimon: 100,
  });
  assertEquals(changedLines(staged, changed), {
    added: ["    bond-mode balance-xor"],
    removed: ["    bond-mode active-backup"],
  });
  assert(changed.startsWith(FILE.replace(/\n$/, "")), "the admin's part stays as it was");
  assertEquals(await ifupdown2Refusal(changed), "");
  assertEquals(definedIn(changed).map((d) => `${d.kind} ${d.name}`), [
    "bridge br0",
    "bond bond0",
    "bond bond2",
  ]);
});
