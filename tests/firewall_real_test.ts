// The iptables firewall against the real iptables: rules written, listed back, applied twice,
// pushed behind libvirt's chains, shrunk and torn down. Every test runs in a network namespace
// of its own (tests/support/firewall_netns.ts): its tables start empty, as on a machine where libvirt
// never started a network, it makes libvirt's chains itself where a step needs them, and the
// host's firewall is never touched. Needs root, iptables, unshare and nsenter; it fails (never
// skips) without them. It sends no traffic.

import { AppError } from "../lib/errors.ts";
import {
  type CommandRunner,
  type ForwardRule,
  IptablesFirewall,
  runCommand,
} from "../lib/firewall/iptables.ts";
import { type NetworkFacts, PortForwardService } from "../lib/firewall/port_forwards.ts";
import { Store } from "../lib/store.ts";
import { assert, assertEquals, assertRejects } from "./support/assert.ts";
import { libvirtChainArgs, TestNetns } from "./support/firewall_netns.ts";

// Test-only ids, host ports and bridge; the guests are on a made-up subnet.
const A: ForwardRule = {
  id: 990001,
  protocol: "tcp",
  hostPort: 18080,
  guestIp: "192.168.250.10",
  guestPort: 80,
  bridge: "kvmmtest0",
};
const B: ForwardRule = {
  id: 990002,
  protocol: "udp",
  hostPort: 18081,
  guestIp: "192.168.250.11",
  guestPort: 53,
  bridge: "kvmmtest0",
};
const C: ForwardRule = {
  id: 990003,
  protocol: "tcp",
  hostPort: 18082,
  guestIp: "192.168.250.12",
  guestPort: 22,
  bridge: "kvmmtest1",
};

const dnatLine = (r: ForwardRule) =>
  `-A KVMM_PREROUTING -p ${r.protocol} -m addrtype --dst-type LOCAL -m ${r.protocol} ` +
  `--dport ${r.hostPort} -m comment --comment "kvmm:${r.id}" -j DNAT ` +
  `--to-destination ${r.guestIp}:${r.guestPort}`;
const acceptLine = (r: ForwardRule) =>
  `-A KVMM_FORWARD -d ${r.guestIp}/32 -o ${r.bridge} -p ${r.protocol} -m ${r.protocol} ` +
  `--dport ${r.guestPort} -m conntrack --ctstate DNAT ` +
  `-m comment --comment "kvmm:${r.id}" -j ACCEPT`;

/** Runs the real iptables through `run` (in the test's namespace, or the host's). */
async function iptablesWith(run: CommandRunner, args: string[]): Promise<string> {
  let out;
  try {
    out = await run("iptables", ["-w", ...args]);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new Error(
        "iptables is not installed: this test needs it (apt-get install iptables)",
      );
    }
    throw err;
  }
  assert(out.code === 0, `iptables -w ${args.join(" ")} failed: ${out.stderr}`);
  return out.stdout;
}

const lines = (text: string) => text.split("\n").filter((l) => l !== "");

/** Everything in the nat, filter and mangle tables as `iptables -S` lists it. */
const allRules = async (run: CommandRunner) => [
  ...lines(await iptablesWith(run, ["-t", "nat", "-S"])),
  ...lines(await iptablesWith(run, ["-t", "filter", "-S"])),
  ...lines(await iptablesWith(run, ["-t", "mangle", "-S"])),
];

/** The iptables of one test: its own namespace, the host's listing checked at the end. */
class Bed {
  constructor(readonly ns: TestNetns, readonly hostBefore: string[]) {}

  /** Root, a fresh namespace with empty tables, and what the host's firewall holds now. */
  static async open(): Promise<Bed> {
    if (Deno.uid() !== 0) {
      throw new Error(
        "tests/firewall_real_test.ts needs root (network namespaces, iptables) " +
          `(uid is ${Deno.uid()}): run it with sudo`,
      );
    }
    const hostBefore = await allRules(runCommand);
    const ns = await TestNetns.open();
    const bed = new Bed(ns, hostBefore);
    try {
      assert(ns.id !== Deno.readLinkSync("/proc/self/ns/net"), "not a namespace of our own");
      // Empty, as on a fresh machine: only the built-in chains with their policies.
      const fresh = await allRules(bed.run);
      assertEquals(fresh.filter((l) => !l.startsWith("-P ")), [], "the namespace starts empty");
    } catch (err) {
      await ns.close();
      throw err;
    }
    return bed;
  }

  run: CommandRunner = (binary, args) => this.ns.run(binary, args);

  iptables = (...args: string[]) => iptablesWith(this.run, args);

  /** The rule lines of one chain (`-A CHAIN ...`), as iptables prints them. */
  chain = async (table: string, name: string) =>
    lines(await this.iptables("-t", table, "-S", name)).filter((l) => l.startsWith("-A "));

  /** Everything but KVM Manager's own rules and chains, to prove nothing else was touched. */
  others = async () => (await allRules(this.run)).filter((l) => !l.includes("KVMM_"));

  /** What libvirt 9 writes when it first starts a NAT network on kvmmtest0. */
  async addLibvirtChains() {
    for (const args of libvirtChainArgs("kvmmtest0", "192.168.250.0/24")) {
      await this.iptables(...args);
    }
  }

  /** Checks our chains hold exactly `rules`, each jump is there once and FORWARD's first. */
  async assertInPlace(rules: ForwardRule[], { libvirt }: { libvirt: boolean }) {
    assertEquals(await this.chain("nat", "KVMM_PREROUTING"), rules.map(dnatLine));
    assertEquals(await this.chain("filter", "KVMM_FORWARD"), rules.map(acceptLine));

    const prerouting = await this.chain("nat", "PREROUTING");
    assertEquals(prerouting.filter((l) => l.includes("KVMM_")), [
      "-A PREROUTING -j KVMM_PREROUTING",
    ]);
    const output = await this.chain("nat", "OUTPUT");
    assertEquals(output.filter((l) => l.includes("KVMM_")), [
      "-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j KVMM_PREROUTING",
    ]);
    const forward = await this.chain("filter", "FORWARD");
    assertEquals(forward.filter((l) => l.includes("KVMM_")), ["-A FORWARD -j KVMM_FORWARD"]);
    assertEquals(forward[0], "-A FORWARD -j KVMM_FORWARD", "our jump is FORWARD's first rule");
    const fwi = forward.indexOf("-A FORWARD -j LIBVIRT_FWI");
    if (libvirt) assert(fwi > 0, `libvirt's LIBVIRT_FWI jump is missing from FORWARD: ${forward}`);
    else assertEquals(forward, ["-A FORWARD -j KVMM_FORWARD"], "no libvirt chains yet");
  }

  /** Ends the namespace; the host's firewall must be as it was (none of our rules reached it). */
  async close() {
    await this.ns.close();
    const hostAfter = await allRules(runCommand);
    const ours = (rules: string[]) => rules.filter((l) => l.includes("KVMM_") || /kvmm:/.test(l));
    assertEquals(ours(hostAfter), ours(this.hostBefore), "the host's firewall was changed");
  }
}

Deno.test("firewall (real iptables) - apply, re-apply, heal, shrink and teardown", async (t) => {
  const bed = await Bed.open();
  const firewall = new IptablesFirewall({ run: bed.run });
  try {
    await t.step("apply works where libvirt never started a network", async () => {
      await firewall.apply([A, B, C]);
      await bed.assertInPlace([A, B, C], { libvirt: false });
      assertEquals(await firewall.list(), [A, B, C]);
    });

    await t.step("libvirt's chains made later go above ours; apply moves ours first", async () => {
      await bed.addLibvirtChains();
      const forward = await bed.chain("filter", "FORWARD");
      assertEquals(forward, [
        "-A FORWARD -j LIBVIRT_FWX",
        "-A FORWARD -j LIBVIRT_FWI",
        "-A FORWARD -j LIBVIRT_FWO",
        "-A FORWARD -j KVMM_FORWARD",
      ]);
      await firewall.apply([A, B, C]);
      await bed.assertInPlace([A, B, C], { libvirt: true });
      assertEquals((await bed.chain("filter", "FORWARD")).slice(1), forward.slice(0, 3));
    });

    const before = await bed.others();

    await t.step("applying again changes nothing", async () => {
      const nat = await bed.iptables("-t", "nat", "-S");
      const filter = await bed.iptables("-t", "filter", "-S");
      await firewall.apply([C, A, B]);
      assertEquals(await bed.iptables("-t", "nat", "-S"), nat);
      assertEquals(await bed.iptables("-t", "filter", "-S"), filter);
    });

    await t.step("a jump pushed behind libvirt's chains is moved back first", async () => {
      await bed.iptables("-t", "filter", "-D", "FORWARD", "-j", "KVMM_FORWARD");
      await bed.iptables("-t", "filter", "-A", "FORWARD", "-j", "KVMM_FORWARD");
      await bed.iptables("-t", "nat", "-A", "PREROUTING", "-j", "KVMM_PREROUTING");
      await firewall.apply([A, B, C]);
      await bed.assertInPlace([A, B, C], { libvirt: true });
    });

    await t.step("a smaller or changed set replaces the rules", async () => {
      const moved = { ...C, guestPort: 2222 };
      await firewall.apply([A, moved]);
      await bed.assertInPlace([A, moved], { libvirt: true });
      assertEquals(await firewall.list(), [A, moved]);
      await firewall.apply([]);
      await bed.assertInPlace([], { libvirt: true });
    });

    await t.step("a user without the right gets 503 FIREWALL_UNAVAILABLE", async () => {
      // The real iptables, run as nobody.
      const asNobody: CommandRunner = (binary, args) =>
        bed.run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", binary, ...args]);
      const denied = new IptablesFirewall({ binary: "/usr/sbin/iptables", run: asNobody });
      const err = await assertRejects(() => denied.apply([A]), AppError);
      assertEquals([err.status, err.code, err.details], [503, "FIREWALL_UNAVAILABLE", {
        reason: "permission",
      }], err.message);
      assert(err.message.includes("run KVM Manager as root"), err.message);

      const missing = new IptablesFirewall({ binary: "/nonexistent/iptables", run: bed.run });
      const gone = await assertRejects(() => missing.apply([A]), AppError);
      assertEquals(
        [gone.status, gone.code, gone.message],
        [
          503,
          "FIREWALL_UNAVAILABLE",
          "Port forwarding needs iptables, which is not installed on this host",
        ],
      );
      await bed.assertInPlace([], { libvirt: true });
    });

    await t.step("teardown removes our chains and jumps and nothing else", async () => {
      await firewall.apply([A]);
      await firewall.teardown();
      assertEquals((await allRules(bed.run)).filter((l) => l.includes("KVMM_")), []);
      assertEquals(await bed.others(), before);
      assertEquals(await firewall.list(), []);
    });
  } finally {
    await bed.close();
  }
});

Deno.test("port forwards (real iptables) - a forward added and removed through the service", async () => {
  const bed = await Bed.open();
  const firewall = new IptablesFirewall({ run: bed.run });
  using store = Store.open(":memory:");
  const forwards = new PortForwardService(store, firewall);
  // Defined only in what the service is told: no libvirt network is started for this.
  const net: NetworkFacts = {
    name: "kvmm-t4-nat",
    mode: "nat",
    bridge: "kvmmtest2",
    subnet: "192.168.251.0/24",
    active: false,
  };
  try {
    await bed.addLibvirtChains();
    await forwards.reconcile(() => [net]);
    const fwd = await forwards.add(net, {
      protocol: "tcp",
      hostPort: 18090,
      guestIp: "192.168.251.10",
      guestPort: 22,
      description: "ssh",
    });
    await bed.assertInPlace([{
      id: fwd.id,
      protocol: "tcp",
      hostPort: 18090,
      guestIp: "192.168.251.10",
      guestPort: 22,
      bridge: "kvmmtest2",
    }], { libvirt: true });
    // In place for when the network starts, but carrying nothing until then.
    assertEquals(forwards.list(net.name).map((f) => [f.applied, f.reason]), [
      [false, "Network kvmm-t4-nat is not running"],
    ]);
    await forwards.reconcile(() => [{ ...net, active: true }]);
    assertEquals(forwards.list(net.name).map((f) => [f.applied, f.reason]), [[true, null]]);
    assertEquals(await forwards.removeAll(net.name), 1);
    await bed.assertInPlace([], { libvirt: true });
  } finally {
    await bed.close();
  }
});
