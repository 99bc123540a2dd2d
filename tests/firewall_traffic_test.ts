// Port forwards carrying real TCP connections, under both of libvirt's firewall backends. Three
// network namespaces of the test's own: a "host" with a NAT bridge (kvmmtest0, 192.168.250.1/24)
// and libvirt's rules for it, written as libvirt writes them (iptables: libvirt 9's chains;
// nftables: libvirt 10.4+'s table ip libvirt_network); a "guest" on the bridge (192.168.250.10)
// with a TCP server on port 80; a "client" on another link (10.88.0.2), as a LAN machine would be.
// The client connects to the host's 10.88.0.1:18080, and so does the host itself.
//
// Under nftables, the rules iptables would write (all a host got before) leave the forward dead
// behind libvirt's reject; the host's firewall (lib/firewall/host_firewall.ts) puts an accept in
// libvirt's own chain, and carries the connection. A network restart puts libvirt's reject back on
// top: that is seen as not applied until the forwards are applied again. The host's own firewall
// is never touched (compared before and after). Needs root, iproute2, iptables and nft; fails,
// never skips, without them.

import { HostFirewall } from "../lib/firewall/host_firewall.ts";
import { IptablesFirewall } from "../lib/firewall/iptables.ts";
import { NftablesFirewall, whyNot } from "../lib/firewall/nftables.ts";
import { ourId } from "../lib/firewall/nftables_rules.ts";
import { type CommandRunner, runCommand } from "../lib/firewall/run_command.ts";
import type { ForwardRule } from "../lib/firewall/types.ts";
import { assert, assertEquals } from "./support/assert.ts";
import {
  libvirtChainArgs,
  libvirtNftRestartScript,
  libvirtNftScript,
  TestNetns,
} from "./support/firewall_netns.ts";

const BRIDGE = "kvmmtest0";
const SUBNET = "192.168.250.0/24";
const GUEST = "192.168.250.10";
const HOST_LAN = "10.88.0.1";
const FORWARD: ForwardRule = {
  id: 990101,
  protocol: "tcp",
  hostPort: 18080,
  guestIp: GUEST,
  guestPort: 80,
  bridge: BRIDGE,
};
const GREETING = "hello from the guest";

async function must(run: CommandRunner, binary: string, args: string[], input?: string) {
  let out;
  try {
    out = await run(binary, args, input);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new Error(
        `${binary} is not installed: this test needs it (iproute2, iptables, nftables)`,
      );
    }
    throw err;
  }
  assert(out.code === 0, `${binary} ${args.join(" ")} failed (${out.code}): ${out.stderr}`);
  return out.stdout;
}

/**
 * KVM Manager's rules in the host's own firewall (iptables' listing and nft's ruleset), to compare
 * at the end: the test's rules live in its namespaces and must never reach the host's. Only ours:
 * a host's counters move, and other tests or programs may change their own rules meanwhile.
 */
const hostFirewall = async () =>
  [
    ...(await must(runCommand, "iptables-save", [])).split("\n"),
    ...(await must(runCommand, "nft", ["list", "ruleset"])).split("\n"),
  ].filter((l) => /kvmm|kvm_manager/i.test(l)).join("\n");

/** The three namespaces, linked as the file's header says. */
class Bed {
  constructor(readonly host: TestNetns, readonly guest: TestNetns, readonly client: TestNetns) {}

  static async open(): Promise<Bed> {
    if (Deno.uid() !== 0) throw new Error("tests/firewall_traffic_test.ts needs root");
    const host = await TestNetns.open();
    const guest = await TestNetns.open();
    const client = await TestNetns.open();
    const bed = new Bed(host, guest, client);
    try {
      const h = (...args: string[]) => must(host.run, "ip", args);
      await h("link", "set", "lo", "up");
      await h("link", "add", BRIDGE, "type", "bridge");
      await h("addr", "add", "192.168.250.1/24", "dev", BRIDGE);
      await h("link", "set", BRIDGE, "up");
      await h("link", "add", "kvmmtg0", "type", "veth", "peer", "name", "eth0");
      await h("link", "set", "eth0", "netns", String(guest.pid));
      await h("link", "set", "kvmmtg0", "master", BRIDGE, "up");
      await h("link", "add", "kvmmtc0", "type", "veth", "peer", "name", "eth0");
      await h("link", "set", "eth0", "netns", String(client.pid));
      await h("addr", "add", `${HOST_LAN}/24`, "dev", "kvmmtc0");
      await h("link", "set", "kvmmtc0", "up");
      await must(host.run, "sysctl", ["-qw", "net.ipv4.ip_forward=1"]);
      for (
        const [ns, address, gateway] of [
          [guest, `${GUEST}/24`, "192.168.250.1"],
          [client, "10.88.0.2/24", HOST_LAN],
        ] as const
      ) {
        const ip = (...args: string[]) => must(ns.run, "ip", args);
        await ip("link", "set", "lo", "up");
        await ip("addr", "add", address, "dev", "eth0");
        await ip("link", "set", "eth0", "up");
        await ip("route", "add", "default", "via", gateway);
      }
    } catch (err) {
      await bed.close();
      throw err;
    }
    return bed;
  }

  /** Starts the guest's server: it greets every connection on port 80. */
  serve(): Deno.ChildProcess {
    return inNamespace(this.guest, [
      "eval",
      `const l = Deno.listen({ port: 80 }); console.log("ready");
       for await (const c of l) { await c.write(new TextEncoder().encode(${
        JSON.stringify(GREETING)
      })); c.close(); }`,
    ], "piped");
  }

  /** What a connection from `ns` to the host's forwarded port reads, or why it failed. */
  async connect(ns: TestNetns): Promise<string> {
    const child = inNamespace(ns, [
      "eval",
      `try {
         const c = await Deno.connect({ hostname: ${
        JSON.stringify(HOST_LAN)
      }, port: ${FORWARD.hostPort} });
         const buf = new Uint8Array(100); const n = await c.read(buf);
         console.log(new TextDecoder().decode(buf.subarray(0, n ?? 0)));
       } catch (e) { console.log("failed: " + e.name); }`,
    ], "null");
    const out = await child.output();
    return new TextDecoder().decode(out.stdout).trim();
  }

  async close() {
    for (const ns of [this.client, this.guest, this.host]) await ns.close();
  }
}

/** Runs Deno in `ns` (nsenter into its network namespace only). */
function inNamespace(ns: TestNetns, args: string[], stdout: "piped" | "null"): Deno.ChildProcess {
  return new Deno.Command("nsenter", {
    args: [`--net=/proc/${ns.pid}/ns/net`, "--", Deno.execPath(), ...args],
    stdin: "null",
    stdout: stdout === "null" ? "piped" : stdout,
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
}

/** Waits for the guest's server to say it listens. */
async function ready(server: Deno.ChildProcess) {
  const reader = server.stdout.getReader();
  const first = await reader.read();
  reader.releaseLock();
  assertEquals(new TextDecoder().decode(first.value).trim(), "ready", "the guest's server");
}

async function withBed(fn: (bed: Bed) => Promise<void>) {
  const before = await hostFirewall();
  const bed = await Bed.open();
  const server = bed.serve();
  try {
    await ready(server);
    await fn(bed);
  } finally {
    server.kill();
    await server.output().catch(() => {});
    await bed.close();
  }
  assertEquals(await hostFirewall(), before, "the host's firewall is as it was");
}

/**
 * Both ways in: from the LAN (PREROUTING's DNAT, then forwarded past libvirt's chains) and from
 * the host itself (OUTPUT's DNAT; the host's own traffic is not forwarded, so libvirt's reject
 * does not see it).
 */
async function assertCarries(bed: Bed, what: string) {
  assertEquals(await bed.connect(bed.client), GREETING, `${what}: from the LAN`);
  assertEquals(await bed.connect(bed.host), GREETING, `${what}: from the host itself`);
}

/**
 * The client's connection is refused by libvirt's own reject in its nftables table (its counter
 * moves), not merely by a host port nobody forwards.
 */
async function assertRejected(bed: Bed, what: string) {
  const rejected = async () => {
    const chain = await must(bed.host.run, "nft", [
      "list",
      "chain",
      "ip",
      "libvirt_network",
      "guest_input",
    ]);
    const line = chain.split("\n").find((l) =>
      /oif "kvmmtest0" counter packets \d+ .* reject/.test(l)
    );
    assert(line, `libvirt's reject for ${BRIDGE} is in its chain:\n${chain}`);
    return Number(/packets (\d+)/.exec(line)![1]);
  };
  const before = await rejected();
  assertEquals(await bed.connect(bed.client), "failed: ConnectionRefused", what);
  assert(await rejected() > before, `${what}: libvirt's reject turned the connection away`);
}

Deno.test("firewall traffic - iptables backend: a port forward carries a TCP connection past libvirt's chains", async () => {
  await withBed(async (bed) => {
    for (const args of libvirtChainArgs(BRIDGE, SUBNET)) {
      await must(bed.host.run, "iptables", ["-w", ...args]);
    }
    assertEquals(await bed.connect(bed.client), "failed: ConnectionRefused", "no forward yet");
    const firewall = new HostFirewall({
      iptables: new IptablesFirewall({ run: bed.host.run }),
      nftables: new NftablesFirewall({ run: bed.host.run }),
    });
    assertEquals(await firewall.apply([FORWARD]), new Map(), "every rule carries traffic");
    await assertCarries(bed, "iptables");
    assertEquals(await firewall.list(), [FORWARD]);
    const tables = await must(bed.host.run, "nft", ["list", "tables"]);
    assert(
      !tables.includes("kvm_manager"),
      `no table of ours: the network is iptables': ${tables}`,
    );
    await firewall.apply([]);
    assertEquals(await bed.connect(bed.client), "failed: ConnectionRefused", "removed");
  });
});

Deno.test("firewall traffic - nftables backend: dead with iptables rules alone, carried with an accept in libvirt's table, and again after libvirt rebuilds its rules", async () => {
  await withBed(async (bed) => {
    const nft = (args: string[], input?: string) => must(bed.host.run, "nft", args, input);
    await nft(["-f", "-"], libvirtNftScript(BRIDGE, SUBNET));

    // What every host got before: iptables' DNAT and accept, behind which libvirt's own table
    // still rejects the new connection.
    const iptables = new IptablesFirewall({ run: bed.host.run });
    await iptables.apply([FORWARD]);
    await assertRejected(bed, "dead under nftables");
    await iptables.teardown();

    const nftables = new NftablesFirewall({ run: bed.host.run });
    const firewall = new HostFirewall({ iptables, nftables });
    assertEquals(await firewall.apply([FORWARD]), new Map(), "every rule carries traffic");
    await assertCarries(bed, "nftables");
    assertEquals(await firewall.list(), [FORWARD]);
    assertEquals(await iptables.list(), [], "nothing of it in iptables");
    const input = await nft(["list", "chain", "ip", "libvirt_network", "guest_input"]);
    assert(
      input.indexOf('comment "kvmm:990101"') < input.indexOf(`oif "${BRIDGE}" counter packets`),
      `our accept stands ahead of libvirt's reject:\n${input}`,
    );
    assertEquals(await firewall.apply([FORWARD]), new Map(), "applied twice");
    assertEquals(
      (await nftables.libvirtRules()).rules.filter((r) => ourId(r) !== null).length,
      1,
      "one accept, not two",
    );

    // The network restarts: libvirt's rules go and come back on top, ahead of ours.
    const libvirtOwn = (await nftables.libvirtRules()).rules.filter((r) => ourId(r) === null);
    await nft(
      ["-f", "-"],
      libvirtNftRestartScript(BRIDGE, SUBNET, libvirtOwn.map((r) => r.handle)),
    );
    assertEquals(
      [...whyNot([FORWARD], await nftables.libvirtRules()).values()].map((why) => why()),
      [`libvirt's nftables rules for bridge ${BRIDGE} reject it ahead of ours`],
    );
    await assertRejected(bed, "dead again");
    assertEquals(await firewall.apply([FORWARD]), new Map(), "applied again (the network event)");
    await assertCarries(bed, "after the restart");

    // A forward to a bridge libvirt's table has no rules for (its network is not running): on a
    // host with nftables only, its DNAT is in place for when it starts, and it is said not to
    // carry traffic.
    const other = { ...FORWARD, id: 990102, hostPort: 18081, bridge: "kvmmtest9" };
    assertEquals(
      [...(await nftables.apply([FORWARD, other]))].map(([id, why]) => [id, why()]),
      [[
        990102,
        "libvirt's nftables table has no rules for bridge kvmmtest9: its network is not running",
      ]],
    );

    await firewall.apply([]);
    assertEquals(await bed.connect(bed.client), "failed: ConnectionRefused", "removed");
    assertEquals(await firewall.list(), []);
    const tables = await nft(["list", "tables"]);
    assert(!tables.includes("kvm_manager"), `our table is gone: ${tables}`);
    const left = await nft(["list", "chain", "ip", "libvirt_network", "guest_input"]);
    assert(!left.includes("kvmm:"), `no accept of ours is left in libvirt's chain:\n${left}`);
  });
});
