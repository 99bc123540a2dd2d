// The iptables firewall against this host's real iptables: rules written, listed back, applied
// twice, shrunk and torn down. Needs root and iptables; it fails (never skips) without them.
// It only changes KVM Manager's own chains and sends no traffic.

import { AppError } from "../lib/errors.ts";
import {
  type CommandRunner,
  type ForwardRule,
  IptablesFirewall,
  runCommand,
} from "../lib/firewall.ts";
import { type NetworkFacts, PortForwardService } from "../lib/port_forwards.ts";
import { Store } from "../lib/store.ts";
import { assert, assertEquals, assertRejects } from "../lib/testing/assert.ts";

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

/** Runs the real iptables; failing the test with the fix when it cannot. */
async function iptables(...args: string[]): Promise<string> {
  let out;
  try {
    out = await runCommand("iptables", ["-w", ...args]);
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

/** The rule lines of one chain (`-A CHAIN ...`), as iptables prints them. */
const chain = async (table: string, name: string) =>
  lines(await iptables("-t", table, "-S", name)).filter((l) => l.startsWith("-A "));

/** Everything but KVM Manager's own rules and chains, to prove nothing else was touched. */
const others = async () =>
  [
    ...lines(await iptables("-t", "nat", "-S")),
    ...lines(await iptables("-t", "filter", "-S")),
  ].filter((l) => !l.includes("KVMM_"));

const dnatLine = (r: ForwardRule) =>
  `-A KVMM_PREROUTING -p ${r.protocol} -m addrtype --dst-type LOCAL -m ${r.protocol} ` +
  `--dport ${r.hostPort} -m comment --comment "kvmm:${r.id}" -j DNAT ` +
  `--to-destination ${r.guestIp}:${r.guestPort}`;
const acceptLine = (r: ForwardRule) =>
  `-A KVMM_FORWARD -d ${r.guestIp}/32 -o ${r.bridge} -p ${r.protocol} -m ${r.protocol} ` +
  `--dport ${r.guestPort} -m conntrack --ctstate NEW,RELATED,ESTABLISHED ` +
  `-m comment --comment "kvmm:${r.id}" -j ACCEPT`;

/** Checks our chains hold exactly `rules` and each jump is there once, FORWARD's first. */
async function assertInPlace(rules: ForwardRule[]) {
  assertEquals(await chain("nat", "KVMM_PREROUTING"), rules.map(dnatLine));
  assertEquals(await chain("filter", "KVMM_FORWARD"), rules.map(acceptLine));

  const prerouting = await chain("nat", "PREROUTING");
  assertEquals(prerouting.filter((l) => l.includes("KVMM_")), ["-A PREROUTING -j KVMM_PREROUTING"]);
  const output = await chain("nat", "OUTPUT");
  assertEquals(output.filter((l) => l.includes("KVMM_")), [
    "-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j KVMM_PREROUTING",
  ]);
  const forward = await chain("filter", "FORWARD");
  assertEquals(forward.filter((l) => l.includes("KVMM_")), ["-A FORWARD -j KVMM_FORWARD"]);
  assertEquals(forward[0], "-A FORWARD -j KVMM_FORWARD", "our jump is FORWARD's first rule");
  const libvirt = forward.indexOf("-A FORWARD -j LIBVIRT_FWI");
  assert(libvirt > 0, `libvirtd's LIBVIRT_FWI jump is missing from FORWARD: ${forward}`);
}

/** Fails unless we are root with iptables, and unless our chains hold only this test's rules. */
async function preconditions() {
  if (Deno.uid() !== 0) {
    throw new Error(
      "tests/firewall_real_test.ts changes the host firewall and must run as root " +
        `(uid is ${Deno.uid()}): run it with sudo`,
    );
  }
  for (const table of ["nat", "filter"]) {
    const ours = lines(await iptables("-t", table, "-S"))
      .filter((l) => /^-A KVMM_/.test(l) && !/"kvmm:99\d{4}"/.test(l));
    assert(
      ours.length === 0,
      `KVM Manager's firewall chains hold real port forwards on this host (${ours[0]}); ` +
        "this test would replace them, so it refuses to run",
    );
  }
}

Deno.test("firewall (real iptables) - apply, re-apply, heal, shrink and teardown", async (t) => {
  await preconditions();
  const firewall = new IptablesFirewall();
  await firewall.teardown(); // leftovers of an interrupted run
  const before = await others();
  try {
    await t.step("apply writes the rules and the jumps", async () => {
      await firewall.apply([A, B, C]);
      await assertInPlace([A, B, C]);
      assertEquals(await firewall.list(), [A, B, C]);
    });

    await t.step("applying again changes nothing", async () => {
      const nat = await iptables("-t", "nat", "-S");
      const filter = await iptables("-t", "filter", "-S");
      await firewall.apply([C, A, B]);
      assertEquals(await iptables("-t", "nat", "-S"), nat);
      assertEquals(await iptables("-t", "filter", "-S"), filter);
    });

    await t.step("a jump pushed behind libvirt's chains is moved back first", async () => {
      // What happens when libvirtd re-creates its chains: its jumps go in above ours.
      await iptables("-t", "filter", "-D", "FORWARD", "-j", "KVMM_FORWARD");
      await iptables("-t", "filter", "-A", "FORWARD", "-j", "KVMM_FORWARD");
      await iptables("-t", "nat", "-A", "PREROUTING", "-j", "KVMM_PREROUTING");
      await firewall.apply([A, B, C]);
      await assertInPlace([A, B, C]);
    });

    await t.step("a smaller or changed set replaces the rules", async () => {
      const moved = { ...C, guestPort: 2222 };
      await firewall.apply([A, moved]);
      await assertInPlace([A, moved]);
      assertEquals(await firewall.list(), [A, moved]);
      await firewall.apply([]);
      await assertInPlace([]);
    });

    await t.step("a user without the right gets 503 FIREWALL_UNAVAILABLE", async () => {
      // The real iptables, run as nobody.
      const asNobody: CommandRunner = async (binary, args) => {
        try {
          return await runCommand("setpriv", [
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            binary,
            ...args,
          ]);
        } catch (err) {
          if (!(err instanceof Deno.errors.NotFound)) throw err;
          throw new Error("setpriv (util-linux) is needed to run iptables as nobody");
        }
      };
      const denied = new IptablesFirewall({ binary: "/usr/sbin/iptables", run: asNobody });
      const err = await assertRejects(() => denied.apply([A]), AppError);
      assertEquals([err.status, err.code, err.details], [503, "FIREWALL_UNAVAILABLE", {
        reason: "permission",
      }], err.message);
      assert(err.message.includes("run KVM Manager as root"), err.message);

      const missing = new IptablesFirewall({ binary: "/nonexistent/iptables" });
      const gone = await assertRejects(() => missing.apply([A]), AppError);
      assertEquals(
        [gone.status, gone.code, gone.message],
        [
          503,
          "FIREWALL_UNAVAILABLE",
          "Port forwarding needs iptables, which is not installed on this host",
        ],
      );
      await assertInPlace([]);
    });

    await t.step("teardown removes our chains and jumps and nothing else", async () => {
      await firewall.apply([A]);
      await firewall.teardown();
      const all = [
        ...lines(await iptables("-t", "nat", "-S")),
        ...lines(await iptables("-t", "filter", "-S")),
      ];
      assertEquals(all.filter((l) => l.includes("KVMM_")), []);
      assertEquals(await others(), before);
      assertEquals(await firewall.list(), []);
    });
  } finally {
    await firewall.teardown();
  }
});

Deno.test("port forwards (real iptables) - a forward added and removed through the service", async () => {
  await preconditions();
  const firewall = new IptablesFirewall();
  await firewall.teardown();
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
    await forwards.reconcile([net]);
    const fwd = await forwards.add(net, {
      protocol: "tcp",
      hostPort: 18090,
      guestIp: "192.168.251.10",
      guestPort: 22,
      description: "ssh",
    });
    await assertInPlace([{
      id: fwd.id,
      protocol: "tcp",
      hostPort: 18090,
      guestIp: "192.168.251.10",
      guestPort: 22,
      bridge: "kvmmtest2",
    }]);
    assertEquals(forwards.list(net.name).map((f) => f.applied), [true]);
    assertEquals(await forwards.removeAll(net.name), 1);
    await assertInPlace([]);
  } finally {
    await firewall.teardown();
  }
});
