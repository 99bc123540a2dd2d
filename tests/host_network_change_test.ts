// Changing a bridge's ports and a bond's members and mode through the API (in memory, the whole
// app with its checks), staged and applied with the real ifupdown2 in two network namespaces this
// test makes (the isolation of host_network_bond_test.ts): "host" holds three veths standing in
// for the host's NICs, "lan" their peers. The host's own interfaces and files are never read or
// touched, nor is ifupdown2's lock in /run/network. Bridges need no driver this machine's kernel
// lacks, so the bridge's changes are applied here; a bond's are staged only (bonding is not in
// this kernel: host_network_bond_test.ts applies bonds in a guest). Fails, never skips, without
// ip or ifupdown2.

import { HostNetworkService } from "../lib/host_network/service.ts";
import { HostNetwork } from "../lib/host_network/host_network.ts";
import { feature } from "../lib/feature.ts";
import { type CommandRunner, runCommand } from "../lib/firewall/run_command.ts";
import { hostNetworkRoutes } from "../routes/api/host_network.ts";
import { FEATURES } from "../routes/features.ts";
import { plug } from "../routes/plug.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { sh } from "./support/host_network_namespaces.ts";
import { withTestApp } from "./harness/test_app.ts";
import type { HostNetworkState, PendingChange } from "../shared/host_network.ts";

const TAG = `${Deno.pid % 100000}`;
const HOST_NS = `kvmm-hnchg-h-${TAG}`;
const LAN_NS = `kvmm-hnchg-l-${TAG}`;
const ETC = `/etc/netns/${HOST_NS}`;
/** Addresses from 10.76.0.0/16, which no other test and no real network here uses. */
const HOST_IP = "10.76.0.1";

const INITIAL = `# The host's file, as an admin wrote it.
auto lo
iface lo inet loopback

auto nic2
iface nic2 inet static
    address 10.76.2.1/24

auto br0
iface br0 inet static
    address ${HOST_IP}/24
    bridge-ports nic0
    bridge-stp off
    bridge-fd 0
`;

/** Runs `fn` with the namespaces, the file loaded as at boot, and a service on them. */
async function withBed(fn: (service: HostNetworkService) => Promise<void>) {
  for (const tool of ["/usr/sbin/ip", "/usr/sbin/ifreload"]) {
    await Deno.stat(tool).catch(() => {
      throw new Error(`${tool} is missing: bash scripts/install-test-deps.sh installs it`);
    });
  }
  const dir = await Deno.makeTempDir({ prefix: "kvmm-hnchg-" });
  const runDirExisted = await Deno.stat("/run/network").then(() => true, () => false);
  try {
    await sh("ip", "netns", "add", HOST_NS);
    await sh("ip", "netns", "add", LAN_NS);
    await sh("ip", "-n", HOST_NS, "link", "set", "lo", "up");
    for (const [i, nic] of ["nic0", "nic1", "nic2"].entries()) {
      const made = `kvmmhc${TAG}${i}`;
      await sh(
        "ip",
        "link",
        "add",
        made,
        "netns",
        HOST_NS,
        "type",
        "veth",
        "peer",
        "name",
        `${made}p`,
        "netns",
        LAN_NS,
      );
      await sh("ip", "-n", HOST_NS, "link", "set", made, "name", nic);
    }
    await Deno.mkdir(`${ETC}/network/interfaces.d`, { recursive: true });
    await sh("cp", "-r", "/etc/network/ifupdown2", `${ETC}/network/`);
    const conf = `${ETC}/network/ifupdown2/ifupdown2.conf`;
    await Deno.writeTextFile(
      conf,
      (await Deno.readTextFile(conf)).replace(/^state_dir=.*$/m, `state_dir=${dir}/state/`),
    );
    await Deno.writeTextFile(`${ETC}/network/interfaces`, INITIAL);
    // ifupdown2 locks /run/network/.lock, which every network namespace shares: each command
    // gets a /run/network of its own, so another test's ifreload meanwhile does not refuse it.
    await Deno.mkdir("/run/network", { recursive: true });
    const run: CommandRunner = (binary, args, input, signal) =>
      runCommand(
        "unshare",
        [
          "-m",
          "--propagation",
          "private",
          "sh",
          "-c",
          'mount -t tmpfs kvmm-hnchg /run/network && exec ip netns exec "$@"',
          "sh",
          HOST_NS,
          binary,
          ...args,
        ],
        input,
        signal,
      );
    assertEquals(
      await sh("ip", "netns", "exec", HOST_NS, "cat", "/etc/network/interfaces"),
      INITIAL,
    );
    const service = new HostNetworkService(
      {
        interfacesPath: `${ETC}/network/interfaces`,
        stagedPath: `${dir}/staged`,
        pendingPath: `${dir}/pending.json`,
      },
      run,
    );
    try {
      const boot = await service.applier.apply(INITIAL, 60);
      await service.applier.confirm(boot.id);
      await fn(service);
    } finally {
      service.applier.close();
    }
  } finally {
    await runCommand("ip", ["netns", "del", HOST_NS]);
    await runCommand("ip", ["netns", "del", LAN_NS]);
    await Deno.remove(ETC, { recursive: true }).catch(() => {});
    await Deno.remove(dir, { recursive: true });
    if (!runDirExisted) await Deno.remove("/run/network", { recursive: true }).catch(() => {});
  }
}

/** The host namespace's links' masters, by name. */
async function masters(): Promise<Record<string, string | null>> {
  const all = JSON.parse(await sh("ip", "-n", HOST_NS, "-j", "link", "show")) as {
    ifname: string;
    master?: string;
  }[];
  return Object.fromEntries(all.map((l) => [l.ifname, l.master ?? null]));
}

/** The app with the host network feature over `service` (the namespaces') in place of this machine's. */
function featuresOver(service: HostNetworkService) {
  const ours = plug(
    feature({
      name: "host network",
      scope: "host",
      make: () => ({ services: new HostNetwork(service, "qemu:///system") }),
    }),
    { mount: "/api", routes: hostNetworkRoutes },
  );
  return FEATURES.map((f) => f.name === "host network" ? ours : f);
}

Deno.test("host network change - a bridge's ports changed and applied (none too), a bond over its freed NICs changed, each refusal by its field", async () => {
  await withBed(async (service) => {
    await withTestApp(
      async ({ req }) => {
        const call = async (path: string, body: unknown) => {
          const res = await req("POST", `/api/host/network/${path}`, body);
          return { status: res.status, body: await res.json() };
        };
        const refused = async (path: string, body: unknown) => {
          const { status, body: answer } = await call(path, body);
          return [status, answer.code, answer.field, answer.message];
        };
        const ports = "staged/bridge-ports";
        assertEquals(await refused(ports, { bridge: "br9", ports: [] }), [
          404,
          "HOST_INTERFACE_NOT_FOUND",
          "bridge",
          `${ETC}/network/interfaces defines no bridge named br9`,
        ]);
        assertEquals((await refused(ports, { bridge: "br0", ports: ["-x"] })).slice(0, 3), [
          400,
          "INVALID_INPUT",
          "ports",
        ]);
        assertEquals(await refused(ports, { bridge: "br0", ports: ["nic0", "lo"] }), [
          409,
          "HOST_NETWORK_NAME_TAKEN",
          "ports",
          "lo cannot be a bridge's port: only a NIC, bond or VLAN can",
        ]);
        assertEquals(await refused(ports, { bridge: "br0", ports: ["nic0", "br0"] }), [
          409,
          "HOST_NETWORK_NAME_TAKEN",
          "ports",
          "br0 cannot be a bridge's port: only a NIC, bond or VLAN can",
        ]);
        assertEquals(await refused(ports, { bridge: "br0", ports: ["nic9"] }), [
          404,
          "HOST_INTERFACE_NOT_FOUND",
          "ports",
          "This host has no interface named nic9",
        ]);
        assertEquals(await refused(ports, { bridge: "br0", ports: ["nic0", "nic2"] }), [
          409,
          "HOST_NETWORK_NAME_TAKEN",
          "ports",
          "nic2 has addresses: a port has none. Set its addresses to none first (and give them to br0 if the host should keep them there)",
        ]);

        // nic1 joins: one line of the file changes, and the kernel's bridge takes it.
        const two = await call(ports, { bridge: "br0", ports: ["nic0", "nic1"] });
        assertEquals(two.status, 200);
        const staged = two.body as HostNetworkState;
        assertMatch(staged.staged, /\n- {4}bridge-ports nic0\n\+ {4}bridge-ports nic0 nic1\n/);
        assertEquals(staged.staged.split("\n").filter((l) => /^[-+] /.test(l)).length, 2);
        assertEquals(staged.defined.find((d) => d.name === "br0")?.ports, ["nic0", "nic1"]);
        const apply = async () => {
          const res = await call("apply", { rollbackSeconds: 60 });
          assertEquals(res.status, 200, JSON.stringify(res.body));
          const confirmed = await req("POST", "/api/host/network/confirm", {
            id: (res.body as PendingChange).id,
          });
          assertEquals(confirmed.status, 204);
        };
        await apply();
        assertEquals({ ...await masters() }.nic1, "br0");
        assertEquals((await masters()).nic0, "br0");

        // A VM's tap on the bridge, which no file names: still the bridge's, whatever is staged.
        await sh("ip", "-n", HOST_NS, "tuntap", "add", "dev", "vnet7", "mode", "tap");
        await sh("ip", "-n", HOST_NS, "link", "set", "vnet7", "master", "br0", "up");

        // No port at all: the NICs the file put on br0 are free for a bond in the same staging,
        // though the kernel has them on br0 until Apply. Staged only (no bonding driver here).
        const none = await call(ports, { bridge: "br0", ports: [] });
        assertMatch((none.body as HostNetworkState).staged, /\n\+ {4}bridge-ports none\n/);
        assertEquals(await refused("staged/address", { interface: "vnet7", method: "dhcp" }), [
          409,
          "HOST_NETWORK_NAME_TAKEN",
          "interface",
          "vnet7 is already a port of br0",
        ]);
        const bond = { name: "bond0", members: ["nic0", "nic1"], mode: "active-backup" };
        const bonded = await call("staged/bond", bond);
        assertEquals(bonded.status, 200, JSON.stringify(bonded.body));
        const change = "staged/bond-change";
        assertEquals(await refused(change, { ...bond, name: "br0" }), [
          404,
          "HOST_INTERFACE_NOT_FOUND",
          "name",
          `${ETC}/network/interfaces defines no bond named br0`,
        ]);
        assertEquals((await refused(change, { ...bond, members: ["nic0"] })).slice(0, 3), [
          400,
          "INVALID_INPUT",
          "members",
        ]);
        assertEquals((await refused(change, { ...bond, mode: "lacp" })).slice(0, 3), [
          400,
          "INVALID_INPUT",
          "mode",
        ]);
        assertEquals(
          (await refused(change, { ...bond, members: ["nic0", "nic1", "nic2"] }))[3],
          "nic2 has addresses: a port has none. Set its addresses to none first (and give them to bond0 if the host should keep them there)",
        );
        const changed = await call(change, {
          name: "bond0",
          members: ["nic1", "nic0"],
          miimon: 250,
        });
        assertEquals(changed.status, 200);
        const state = changed.body as HostNetworkState;
        assertMatch(state.staged, /\+ {4}bond-slaves nic1 nic0\n\+ {4}bond-mode active-backup\n/);
        assertMatch(state.staged, /\+ {4}bond-miimon 250\n/);
        assertEquals(state.defined.find((d) => d.name === "bond0"), {
          name: "bond0",
          kind: "bond",
          ports: ["nic1", "nic0"],
          mode: "active-backup",
          miimon: 250,
        });
        const discarded = await req("DELETE", "/api/host/network/staged");
        assertEquals(discarded.status, 200);
        assert(!(await service.state()).staged, "nothing is left staged");

        // The bridge with no port applied: ifreload takes the NICs out and keeps the bridge; the
        // VM's tap stays on it.
        assertEquals((await call(ports, { bridge: "br0", ports: [] })).status, 200);
        await apply();
        const after = await masters();
        assertEquals([after.nic0, after.nic1, after.vnet7, "br0" in after], [
          null,
          null,
          "br0",
          true,
        ]);
      },
      undefined,
      { features: featuresOver(service) },
    );
  });
});
