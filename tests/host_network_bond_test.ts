// Bonds, VLANs and addresses staged and applied with the real ifupdown2, in two network namespaces
// this test makes (the isolation of host_network_netns_test.ts): "host" holds two veths standing
// in for the host's NICs (nic0, nic1), "lan" their peers as ports of one bridge, with the LAN's
// VLAN 20 on it. `ip netns exec` gives the host namespace its own /etc/network (from
// /etc/netns/NAME/network, ifupdown2's state in the test's folder), so the host's own interfaces
// and files are never read or touched, nor is ifupdown2's lock in /run/network.
//
// Staging (every refusal, the one diff) needs only veths. Applying needs the kernel's bonding and
// 802.1Q drivers: on a kernel without them (the test machines' own has neither) the apply test
// runs itself in a guest that boots Debian's kernel (tests/support/kernel_guest.ts,
// scripts/kernel-guest-test.sh, about 90 s) and fails, never skips, when it cannot pass there.

import { HostNetworkService } from "../lib/host_network/service.ts";
import { type CommandRunner, runCommand } from "../lib/firewall/run_command.ts";
import { AppError } from "../lib/errors.ts";
import { assert, assertEquals, assertMatch, assertRejects } from "./support/assert.ts";
import { sh } from "./support/host_network_namespaces.ts";
import { kernelMakes, passInKernelGuest } from "./support/kernel_guest.ts";
import type { HostInterface, HostNetworkState } from "../shared/host_network.ts";

const TAG = `${Deno.pid % 100000}`;
const HOST_NS = `kvmm-hnbond-h-${TAG}`;
const LAN_NS = `kvmm-hnbond-l-${TAG}`;
const ETC = `/etc/netns/${HOST_NS}`;
/** Addresses from 10.78.0.0/16, which no other test and no real network here uses. */
const HOST_VLAN_IP = "10.78.20.1";
const LAN_VLAN_IP = "10.78.20.2";

const INITIAL = `# The host's file, as an admin wrote it.
auto lo
iface lo inet loopback
`;

interface Bed {
  service: HostNetworkService;
  run: CommandRunner;
  dir: string;
}

/** A veth from the host namespace (`inHost`) to the LAN's (`inLan`), made under unique names. */
async function veth(made: string, inHost: string, inLan: string) {
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
  await sh("ip", "-n", HOST_NS, "link", "set", made, "name", inHost);
  await sh("ip", "-n", LAN_NS, "link", "set", `${made}p`, "name", inLan);
}

async function withBed(fn: (bed: Bed) => Promise<void>) {
  for (const tool of ["/usr/sbin/ip", "/usr/sbin/ifreload"]) {
    await Deno.stat(tool).catch(() => {
      throw new Error(`${tool} is missing: bash scripts/install-test-deps.sh installs it`);
    });
  }
  const dir = await Deno.makeTempDir({ prefix: "kvmm-hnbond-" });
  const runDirExisted = await Deno.stat("/run/network").then(() => true, () => false);
  try {
    await sh("ip", "netns", "add", HOST_NS);
    await sh("ip", "netns", "add", LAN_NS);
    await sh("ip", "-n", HOST_NS, "link", "set", "lo", "up");
    await veth(`kvmmhb${TAG}a`, "nic0", "lan0");
    await veth(`kvmmhb${TAG}b`, "nic1", "lan1");
    // The LAN: both peers on one switch, so that whichever member is active reaches it.
    await sh("ip", "-n", LAN_NS, "link", "add", "lanbr", "type", "bridge");
    for (const port of ["lan0", "lan1"]) {
      await sh("ip", "-n", LAN_NS, "link", "set", port, "master", "lanbr", "up");
    }
    await sh("ip", "-n", LAN_NS, "link", "set", "lanbr", "up");
    await Deno.mkdir(`${ETC}/network/interfaces.d`, { recursive: true });
    await sh("cp", "-r", "/etc/network/ifupdown2", `${ETC}/network/`);
    const conf = `${ETC}/network/ifupdown2/ifupdown2.conf`;
    await Deno.writeTextFile(
      conf,
      (await Deno.readTextFile(conf)).replace(/^state_dir=.*$/m, `state_dir=${dir}/state/`),
    );
    await Deno.writeTextFile(`${ETC}/network/interfaces`, INITIAL);
    // ifupdown2 locks /run/network/.lock, which every network namespace shares: each command
    // here gets a /run/network of its own, so another test's ifreload meanwhile (on this host's
    // namespaces) is not "Another instance of this program is already running".
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
          'mount -t tmpfs kvmm-hnbond /run/network && exec ip netns exec "$@"',
          "sh",
          HOST_NS,
          binary,
          ...args,
        ],
        input,
        signal,
      );
    // `ip netns exec` only warns when its bind of /etc/netns fails: the namespace must see the
    // test's file before anything runs ifreload in it.
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
      await fn({ service, run, dir });
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

/** The AppError `promise` is refused with: its code, the field it names, its words. */
async function refusal(promise: () => Promise<unknown>) {
  const err = await assertRejects(promise, AppError);
  return [err.code, err.details?.field, err.message];
}

const iface = (state: HostNetworkState, name: string): HostInterface => {
  const found = state.interfaces.find((i) => i.name === name);
  if (!found) throw new Error(`no ${name} in ${state.interfaces.map((i) => i.name).join(", ")}`);
  return found;
};

Deno.test("host network bonds - staged with every refusal in words, shown in one diff, a bridge over the staged bond", async () => {
  await withBed(async ({ service }) => {
    const bond = {
      name: "bond0",
      members: ["nic0", "nic1"],
      mode: "active-backup" as const,
      miimon: 100,
    };
    assertEquals(await refusal(() => service.stageBond({ ...bond, members: ["nic0", "eth9"] })), [
      "HOST_INTERFACE_NOT_FOUND",
      "members",
      "This host has no interface named eth9",
    ]);
    assertEquals(await refusal(() => service.stageBond({ ...bond, members: ["nic0", "lo"] })), [
      "HOST_NETWORK_NAME_TAKEN",
      "members",
      "lo is not a NIC: a bond is made of NICs",
    ]);
    assertEquals(await refusal(() => service.stageBond({ ...bond, name: "nic1" })), [
      "HOST_NETWORK_NAME_TAKEN",
      "name",
      "This host already has an interface named nic1",
    ]);
    const bonded = await service.stageBond(bond);
    assertEquals(bonded.file, INITIAL, "the file itself waits for the apply");
    assertMatch(bonded.staged, /\n\+ {4}bond-slaves nic0 nic1\n\+ {4}bond-mode active-backup\n/);
    assertEquals(await refusal(() => service.stageBond({ ...bond, name: "bond1" })), [
      "HOST_NETWORK_NAME_TAKEN",
      "members",
      "nic0 is already a port of bond0",
    ]);

    // A VLAN on the bond staged a moment ago, which the kernel does not have yet.
    await service.stageVlan({ parent: "bond0", id: 20 });
    assertEquals(await refusal(() => service.stageVlan({ parent: "bond0", id: 20, name: "v20" })), [
      "HOST_NETWORK_NAME_TAKEN",
      "id",
      "VLAN 20 is already on bond0: bond0.20",
    ]);
    assertEquals(
      (await refusal(() => service.stageVlan({ parent: "nic0", id: 5 })))[2],
      "nic0 is already a port of bond0",
    );
    assertEquals(await refusal(() => service.stageVlan({ parent: "nosuchparent1", id: 4094 })), [
      "INVALID_INPUT",
      "name",
      "nosuchparent1.4094 is longer than the 15 characters an interface name may have: give the VLAN a name",
    ]);
    assertEquals(
      (await refusal(() => service.stageVlan({ parent: "eth9", id: 7 })))[0],
      "HOST_INTERFACE_NOT_FOUND",
    );

    // Addresses: on the VLAN; not on a bond's member, not on the loopback.
    const addressed = await service.stageAddress("bond0.20", {
      method: "static",
      addresses: [`${HOST_VLAN_IP}/24`],
    });
    assertMatch(
      addressed.staged,
      /\n\+iface bond0\.20 inet static\n\+ {4}address 10\.78\.20\.1\/24\n/,
    );
    assertEquals(
      (await refusal(() => service.stageAddress("nic1", { method: "dhcp" })))[1],
      "interface",
    );
    assertEquals(
      (await refusal(() => service.stageAddress("lo", { method: "none" })))[0],
      "HOST_NETWORK_NAME_TAKEN",
    );
    assertEquals(
      (await refusal(() => service.stageAddress("eth9", { method: "none" })))[0],
      "HOST_INTERFACE_NOT_FOUND",
    );

    // A bridge over the staged bond; the bond is in use then, the loopback no deletion of ours.
    const bridged = await service.stageBridge("bond0", "vmbr0");
    assertMatch(bridged.staged, /\n\+ {4}bridge-ports bond0\n/);
    assertEquals(await refusal(() => service.stageDelete("bond0")), [
      "HOST_NETWORK_NAME_TAKEN",
      "name",
      "bond0 is used by bond0.20, vmbr0: delete or change those first",
    ]);
    assertEquals(await refusal(() => service.stageDelete("lo")), [
      "INVALID_INPUT",
      "name",
      "Only a bridge, bond or VLAN can be deleted here: lo is none",
    ]);
    assertEquals((await refusal(() => service.stageDelete("eth9")))[0], "HOST_INTERFACE_NOT_FOUND");
    const deleted = await service.stageDelete("vmbr0");
    assert(!deleted.staged.includes("vmbr0"), deleted.staged);
    // Everything staged is one diff against the file, applied as one step.
    for (
      const line of [
        "+auto bond0",
        "+auto bond0.20",
        "+    vlan-raw-device bond0",
        "+    vlan-id 20",
      ]
    ) {
      assert(deleted.staged.includes(`\n${line}\n`), `${line} in\n${deleted.staged}`);
    }
    assertEquals((await service.discard()).staged, "");
  });
});

/**
 * Whether the host namespace reaches the LAN's VLAN peer within `waitMs` (a bond's link takes a
 * moment to come up): a TCP RST (refused) is an answer too.
 */
async function reachesPeer(run: CommandRunner, waitMs = 10_000): Promise<boolean> {
  for (const end = Date.now() + waitMs; Date.now() < end;) {
    const out = await run("timeout", ["2", "bash", "-c", `exec 3<>/dev/tcp/${LAN_VLAN_IP}/9`]);
    if (out.code === 0 || out.stderr.includes("Connection refused")) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Fails, in words, on a kernel without the bonding or 802.1Q driver: the apply needs both. */
async function requireBondAndVlan() {
  const probe = `kvmmprobe${TAG}`;
  const kinds: [string, string[]][] = [
    ["bond", ["link", "add", probe, "type", "bond"]],
    ["vlan", ["link", "add", "link", "nic0", "name", probe, "type", "vlan", "id", "4000"]],
  ];
  for (const [kind, args] of kinds) {
    const out = await runCommand("ip", ["-n", HOST_NS, ...args]);
    if (out.code !== 0) {
      throw new Error(
        `this kernel (${Deno.osRelease()}) cannot make a ${kind} link (${out.stderr.trim()}): applying a bond and a VLAN needs its bonding and 8021q drivers (bash scripts/kernel-guest-test.sh tests/host_network_bond_test.ts runs this test on Debian's kernel)`,
      );
    }
    await sh("ip", "-n", HOST_NS, "link", "del", probe);
  }
}

const APPLY_TEST =
  "host network bonds - two NICs bonded (active-backup), a VLAN on the bond with an address, the LAN reached over it, kept";

Deno.test(APPLY_TEST, async () => {
  // This machine's kernel may lack the drivers: then the test runs on Debian's, in a guest.
  if (!(await kernelMakes(["bond", "vlan"]))) {
    return await passInKernelGuest("tests/host_network_bond_test.ts", APPLY_TEST);
  }
  await withBed(async ({ service, run }) => {
    await requireBondAndVlan();
    // The LAN's side of VLAN 20, on its switch.
    await sh(
      "ip",
      "-n",
      LAN_NS,
      "link",
      "add",
      "link",
      "lanbr",
      "name",
      "lanbr.20",
      "type",
      "vlan",
      "id",
      "20",
    );
    await sh("ip", "-n", LAN_NS, "address", "add", `${LAN_VLAN_IP}/24`, "dev", "lanbr.20");
    await sh("ip", "-n", LAN_NS, "link", "set", "lanbr.20", "up");
    assert(!(await reachesPeer(run, 500)), "no path to VLAN 20 before the change");

    await service.stageBond({
      name: "bond0",
      members: ["nic0", "nic1"],
      mode: "active-backup",
      miimon: 100,
    });
    await service.stageVlan({ parent: "bond0", id: 20 });
    await service.stageAddress("bond0.20", { method: "static", addresses: [`${HOST_VLAN_IP}/24`] });
    const staged = (await service.state()).staged;
    const change = await service.apply(60);
    assertEquals(service.applier.pending?.id, change.id);
    assert(await reachesPeer(run), "the host reaches the LAN's VLAN peer through the bond");

    // The page's table: the bond with its mode and members, the VLAN with its parent, id, address.
    const state = await service.state();
    const bond0 = iface(state, "bond0");
    assertEquals([bond0.kind, bond0.ports.toSorted(), bond0.bond], ["bond", ["nic0", "nic1"], {
      mode: "active-backup",
      miimon: 100,
    }]);
    const vlan = iface(state, "bond0.20");
    assertEquals([vlan.kind, vlan.vlan, vlan.up], ["vlan", { parent: "bond0", id: 20 }, true]);
    assert(vlan.addresses.some((a) => a.address === HOST_VLAN_IP && a.prefixLength === 24));
    assertEquals([iface(state, "nic0").master, iface(state, "nic1").master], ["bond0", "bond0"]);

    await service.applier.confirm(change.id);
    assertEquals(service.applier.pending, null);
    const kept = await service.state();
    assert(kept.file.includes("bond-slaves nic0 nic1"), kept.file);
    assertEquals(kept.staged, "");
    assert(staged.length > 0);
    assert(await reachesPeer(run), "still, once kept");
  });
});
