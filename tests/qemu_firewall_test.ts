// Real libvirtd: a VM's firewall set through the API is a libvirt network filter of its own on
// its NIC; libvirt instantiates it when the guest runs (a binding for the guest's tap, and the
// tap's own iptables chains with the rule's port, ip6tables ones for its IPv6 rule), applies a
// changed rule to the running guest (also from the command line's `vm firewall --set`), takes
// anti-spoofing in (bound to the restarted guest's tap), and drops the binding when the firewall
// is turned off live; the filter goes with the VM. The guest sits on the isolated kvmm-test-net
// and sends nothing. Fails (never skips) without libvirtd.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { adminCall, startRealServer } from "./support/real_server.ts";
import { adminHeaders } from "./support/browser_helpers.ts";
import { assertExit, rows, runCli } from "./support/cli.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineDisklessGuest,
  ensureTestNetwork,
  run,
  virsh,
} from "./support/guest.ts";
import type { VmFirewall, VmFirewallState } from "../shared/vm_firewall.ts";
import type { Server } from "../main.ts";

const PREFIX = "kvmm-fw-";

const FIREWALL: VmFirewall = {
  enabled: true,
  antiSpoofing: false,
  inboundPolicy: "drop",
  outboundPolicy: "accept",
  rules: [
    { action: "accept", direction: "in", protocol: "tcp", port: "22", remote: "10.0.0.0/8" },
    { action: "reject", direction: "out", protocol: "udp", port: "5353", comment: "no mDNS" },
    { action: "accept", direction: "in", protocol: "tcp", port: "8443", remote: "fd00::/8" },
  ],
};

/** The tap's own chains in the host's iptables (libvirt names them after the tap). */
const tapRules = async (tap: string, command = "iptables") =>
  (await run(command, ["-S"])).split("\n").filter((l) => l.includes(tap));

Deno.test("qemu firewall - a VM's firewall is its own network filter, applied to the running guest", async () => {
  await assertLibvirtReachable();
  await cleanupGuestsNamed(PREFIX);
  const network = await ensureTestNetwork();
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-test-fw-" });
  const name = `${PREFIX}vm`;
  let server: Server | undefined;
  let filter = "";
  try {
    const uuid = await defineDisklessGuest(name);
    server = await startRealServer(dataDir);
    const api = <T>(method: string, path: string, body?: unknown) =>
      adminCall<T>(server!, method, path, body);
    await api("POST", `/api/vms/${uuid}/interfaces`, { network });

    // Stopped: the filter is defined and the NIC's definition references it.
    const set = await api<VmFirewallState>("PUT", `/api/vms/${uuid}/firewall`, FIREWALL);
    filter = set.filter;
    assertEquals(filter, `kvmm-vm-${uuid}`);
    const { filter: _f, nics, live, ...settings } = set;
    assertEquals(settings, FIREWALL);
    assertEquals([nics.length, nics[0].filtered, live], [1, true, false]);
    const defined = await virsh("dumpxml", name);
    assert(defined.includes(`<filterref filter='${filter}'/>`), defined);
    const kept = await virsh("nwfilter-dumpxml", filter);
    assert(/dstportstart='22'/.test(kept), kept);

    // Running: libvirt binds the filter to the guest's tap and builds its chains.
    await virsh("start", name);
    let tap = /^\s*(vnet\d+)\s/m.exec(await virsh("domiflist", name))?.[1] ?? "";
    assert(tap, "the running guest has a tap");
    assert((await virsh("nwfilter-binding-list")).includes(tap), "a binding for the tap");
    let rules = await tapRules(tap);
    assert(rules.some((r) => /--dport 22\b/.test(r)), rules.join("\n"));
    // Each rule in its IP version's tables: the IPv6 address's rule in ip6tables only, the
    // IPv4 one's in iptables only, the port rule without an address in both.
    const rules6 = await tapRules(tap, "ip6tables");
    assert(rules6.some((r) => /-s fd00::\/8 .*--dport 8443\b/.test(r)), rules6.join("\n"));
    assert(!rules6.some((r) => /--dport 22\b/.test(r)), rules6.join("\n"));
    assert(!rules.some((r) => /--dport 8443\b/.test(r)), rules.join("\n"));
    assert(rules6.some((r) => /--sport 5353\b|--dport 5353\b/.test(r)), rules6.join("\n"));

    // A changed rule reaches the running guest's chains.
    const moved = {
      ...FIREWALL,
      rules: [{ ...FIREWALL.rules[0], port: "2222" }, ...FIREWALL.rules.slice(1)],
    };
    const changed = await api<VmFirewallState>("PUT", `/api/vms/${uuid}/firewall`, moved);
    assertEquals([changed.rules[0].port, changed.live], ["2222", true]);
    rules = await tapRules(tap);
    assert(rules.some((r) => /--dport 2222\b/.test(r)), rules.join("\n"));
    assert(!rules.some((r) => /--dport 22\b/.test(r)), rules.join("\n"));

    // The command line reads the same firewall, and sets it from stdin (an edited --json answer).
    const home = await Deno.makeTempDir({ prefix: "kvmm-test-fw-cli-" });
    try {
      const token = adminHeaders(server).authorization.slice("Bearer ".length);
      const cli = (args: string[], stdin?: string) =>
        runCli([...args, "--url", server!.url, "--token", token], home, { stdin });
      let r = await cli(["vm", "firewall", name]);
      assertExit(r, 0, "vm firewall");
      assertMatch(r.stdout, /^Firewall: +on$/m);
      assertEquals(rows(r.stdout.split("\n\n")[1]).map((row) => [row.PORT, row.IP]), [
        ["2222", "ipv4"],
        ["5353", "both"],
        ["8443", "ipv6"],
      ]);
      r = await cli(["vm", "firewall", name, "--json"]);
      const answer = JSON.parse(r.stdout) as VmFirewallState;
      answer.rules[0].port = "2200";
      r = await cli(["vm", "firewall", name, "--set", "-"], JSON.stringify(answer));
      assertExit(r, 0, "vm firewall --set");
      assertMatch(r.stdout, /Saved; in force on the running VM/);
      rules = await tapRules(tap);
      assert(rules.some((r) => /--dport 2200\b/.test(r)), rules.join("\n"));
    } finally {
      await Deno.remove(home, { recursive: true });
    }

    // Anti-spoofing on: the filter takes in clean-traffic, and the restarted guest's tap is bound
    // to it. (libvirt then learns the guest's address before it enforces anything; on this test
    // machine its learning thread fails — "learnIPAddressThread … Invalid argument" — and leaves
    // the tap without rules, so the enforcement itself is not asserted here; README says so.)
    const guarded = await api<VmFirewallState>("PUT", `/api/vms/${uuid}/firewall`, {
      ...moved,
      antiSpoofing: true,
    });
    assertEquals(guarded.antiSpoofing, true);
    assert(
      (await virsh("nwfilter-dumpxml", filter)).includes("<filterref filter='clean-traffic'/>"),
    );
    await virsh("destroy", name);
    await virsh("start", name);
    tap = /^\s*(vnet\d+)\s/m.exec(await virsh("domiflist", name))?.[1] ?? "";
    assert(tap, "the restarted guest has a tap");
    const bindings = await virsh("nwfilter-binding-list");
    assert(new RegExp(`${tap}\\s+${filter}`).test(bindings), bindings);

    // Off, live: the NIC drops the reference, libvirt the binding and the tap's chains.
    const off = await api<VmFirewallState>("PUT", `/api/vms/${uuid}/firewall`, {
      ...moved,
      enabled: false,
    });
    assertEquals([off.enabled, off.nics[0].filtered], [false, false]);
    assert(!(await virsh("nwfilter-binding-list")).includes(tap), "no binding for the tap");
    assertEquals(await tapRules(tap), []);
    assertEquals(
      (await api<VmFirewallState>("GET", `/api/vms/${uuid}/firewall`)).rules[0].port,
      "2222",
      "the rules stay, kept in the filter",
    );

    // Deleting the VM removes its filter.
    await virsh("destroy", name);
    await api("DELETE", `/api/vms/${uuid}`, { deleteDisks: false });
    assert(!(await virsh("nwfilter-list")).includes(filter), "the filter went with the VM");
  } finally {
    await server?.close();
    await cleanupGuestsNamed(PREFIX);
    if (filter) await virsh("nwfilter-undefine", filter).catch(() => {});
    await Deno.remove(dataDir, { recursive: true });
  }
});
