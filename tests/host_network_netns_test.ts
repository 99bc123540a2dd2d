// Host network changes with the real ifupdown2, in two network namespaces this test makes: "host"
// holds a veth standing in for the host's NIC (nic0), "lan" its peer with an address of the LAN.
// `ip netns exec` gives the host namespace its own /etc/network (from /etc/netns/NAME/network,
// with ifupdown2's state in the test's folder), so the host's own interfaces and files are never
// read or touched. Fails (never skips) without ifupdown2 or ip.
//
// Bridging the NIC keeps the host's address on the bridge and its path to the LAN; a change
// that drops that path rolls back by itself when nobody confirms it, and the path works again;
// a change ifreload refuses leaves the file as it was; a server stopped before confirming
// undoes the change at its next start; and after a simulated reboot (links deleted, the written
// file loaded again) the bridge comes back.

import { HostNetworkApplier } from "../lib/host_network/apply.ts";
import { bridgeNic } from "../lib/host_network/bridge_nic.ts";
import { type CommandRunner, runCommand } from "../lib/firewall/run_command.ts";
import { AppError } from "../lib/errors.ts";
import { assert, assertEquals, assertMatch, assertRejects } from "./support/assert.ts";
import { startServeProcess } from "./harness/server_process.ts";
import { assertLibvirtReachable } from "./support/guest.ts";
import { ApiTokens } from "../lib/auth/tokens.ts";
import { DB_FILE, Store } from "../lib/store.ts";
import type { HostInterface, HostNetworkState } from "../shared/host_network.ts";

const HOST_NS = `kvmm-hn-host-${Deno.pid}`;
const LAN_NS = `kvmm-hn-lan-${Deno.pid}`;
const HOST_IP = "10.77.0.1";
const LAN_IP = "10.77.0.2";
const ETC = `/etc/netns/${HOST_NS}`;

async function sh(...args: string[]): Promise<string> {
  const out = await runCommand(args[0], args.slice(1));
  if (out.code !== 0) throw new Error(`${args.join(" ")}: ${out.stderr || out.stdout}`);
  return out.stdout;
}

/** Whether the host namespace reaches the LAN peer: a TCP RST (refused) is an answer too. */
async function reachesLan(): Promise<boolean> {
  const out = await runCommand("ip", [
    "netns",
    "exec",
    HOST_NS,
    "timeout",
    "2",
    "bash",
    "-c",
    `exec 3<>/dev/tcp/${LAN_IP}/9`,
  ]);
  return out.code === 0 || out.stderr.includes("Connection refused");
}

/** Whether the LAN is reached within 10 s: a bridge's port takes a moment to forward. */
async function reachesLanSoon(): Promise<boolean> {
  for (const end = Date.now() + 10_000; Date.now() < end;) {
    if (await reachesLan()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** The host namespace's addresses by interface (ip -j). */
async function addresses(): Promise<Record<string, string[]>> {
  const links = JSON.parse(await sh("ip", "-n", HOST_NS, "-j", "address", "show")) as {
    ifname: string;
    addr_info: { family: string; local: string; prefixlen: number }[];
  }[];
  return Object.fromEntries(
    links.map((l) => [
      l.ifname,
      l.addr_info.filter((a) => a.family === "inet").map((a) => `${a.local}/${a.prefixlen}`),
    ]),
  );
}

const INITIAL = `# The host's file, as an admin wrote it.
auto lo
iface lo inet loopback

auto nic0
iface nic0 inet static
    address ${HOST_IP}/24
    mtu 1400
`;

async function withNamespaces(
  fn: (applier: () => HostNetworkApplier, dir: string) => Promise<void>,
) {
  for (const tool of ["ip", "/usr/sbin/ifreload"]) {
    await Deno.stat(tool.startsWith("/") ? tool : "/usr/sbin/ip").catch(() => {
      throw new Error(`${tool} is missing: bash scripts/install-test-deps.sh installs it`);
    });
  }
  const dir = await Deno.makeTempDir({ prefix: "kvmm-hn-" });
  const runDirExisted = await Deno.stat("/run/network").then(() => true, () => false);
  try {
    await sh("ip", "netns", "add", HOST_NS);
    await sh("ip", "netns", "add", LAN_NS);
    await sh("ip", "-n", HOST_NS, "link", "set", "lo", "up");
    await sh(
      "ip",
      "link",
      "add",
      `kvmmhn${Deno.pid % 10000}a`,
      "netns",
      HOST_NS,
      "type",
      "veth",
      "peer",
      "name",
      `kvmmhn${Deno.pid % 10000}b`,
      "netns",
      LAN_NS,
    );
    await sh("ip", "-n", HOST_NS, "link", "set", `kvmmhn${Deno.pid % 10000}a`, "name", "nic0");
    await sh("ip", "-n", LAN_NS, "link", "set", `kvmmhn${Deno.pid % 10000}b`, "name", "lan0");
    await sh("ip", "-n", LAN_NS, "address", "add", `${LAN_IP}/24`, "dev", "lan0");
    await sh("ip", "-n", LAN_NS, "link", "set", "lan0", "up");
    // A second NIC, unconfigured: what the API test bridges and lets roll back.
    await sh(
      "ip",
      "link",
      "add",
      `kvmmhn${Deno.pid % 10000}c`,
      "netns",
      HOST_NS,
      "type",
      "veth",
      "peer",
      "name",
      `kvmmhn${Deno.pid % 10000}d`,
      "netns",
      LAN_NS,
    );
    await sh("ip", "-n", HOST_NS, "link", "set", `kvmmhn${Deno.pid % 10000}c`, "name", "nic1");
    // The host namespace's /etc/network: its interfaces file and ifupdown2's settings, with the
    // state kept in the test's folder instead of the host's /var/tmp/network.
    await Deno.mkdir(`${ETC}/network/interfaces.d`, { recursive: true });
    await sh("cp", "-r", "/etc/network/ifupdown2", `${ETC}/network/`);
    const conf = `${ETC}/network/ifupdown2/ifupdown2.conf`;
    await Deno.writeTextFile(
      conf,
      (await Deno.readTextFile(conf)).replace(/^state_dir=.*$/m, `state_dir=${dir}/state/`),
    );
    await Deno.writeTextFile(`${ETC}/network/interfaces`, INITIAL);
    const run: CommandRunner = (binary, args, input, signal) =>
      runCommand("ip", ["netns", "exec", HOST_NS, binary, ...args], input, signal);
    // `ip netns exec` only warns when its bind of /etc/netns fails: make sure the namespace
    // sees the test's files before anything runs ifreload in it.
    assertEquals(
      await sh("ip", "netns", "exec", HOST_NS, "cat", "/etc/network/interfaces"),
      INITIAL,
    );
    assertMatch(
      await sh("ip", "netns", "exec", HOST_NS, "cat", "/etc/network/ifupdown2/ifupdown2.conf"),
      new RegExp(`^state_dir=${dir}/state/$`, "m"),
    );
    await fn(() =>
      new HostNetworkApplier({
        interfacesPath: `${ETC}/network/interfaces`,
        pendingPath: `${dir}/host-network-pending.json`,
        run,
      }), dir);
  } finally {
    await runCommand("ip", ["netns", "del", HOST_NS]);
    await runCommand("ip", ["netns", "del", LAN_NS]);
    await Deno.remove(ETC, { recursive: true }).catch(() => {});
    await Deno.remove(dir, { recursive: true });
    if (!runDirExisted) await Deno.remove("/run/network", { recursive: true }).catch(() => {});
  }
}

Deno.test("host network - bridge a NIC, roll back a change that cuts the path, come back after a reboot", async () => {
  await withNamespaces(async (make) => {
    const applier = make();
    // The admin's file, loaded as at boot.
    assertEquals(await applier.resumeAtStart(), false, "nothing was pending");
    const first = await applier.apply(INITIAL, 60);
    await applier.confirm(first.id);
    assert(await reachesLanSoon(), "the NIC reaches the LAN");

    // Bridge the NIC: the address moves to br0, the path stays, and the change is confirmed.
    const bridged = bridgeNic(INITIAL, "nic0", "br0");
    assertEquals(
      bridged,
      `# The host's file, as an admin wrote it.
auto lo
iface lo inet loopback

auto nic0
iface nic0 inet manual
    mtu 1400

auto br0
iface br0 inet static
    address ${HOST_IP}/24
    mtu 1400
    bridge-ports nic0
    bridge-ports-condone-regex ^vnet[0-9]+$
    bridge-stp off
    bridge-fd 0
`,
    );
    const change = await applier.apply(bridged, 60);
    assertEquals(applier.pending?.id, change.id);
    assertEquals((await addresses()).br0, [`${HOST_IP}/24`]);
    assertEquals((await addresses()).nic0, []);
    assert(await reachesLanSoon(), "the bridge reaches the LAN");
    await applier.confirm(change.id);
    assertEquals(applier.pending, null);

    // Two running VMs' taps on the bridge (libvirt's name, and another): every reload below must
    // leave them on it, or the VMs would lose their network at each change.
    for (const tap of ["vnet7", "guesttap0"]) {
      await sh("ip", "-n", HOST_NS, "tuntap", "add", "dev", tap, "mode", "tap");
      await sh("ip", "-n", HOST_NS, "link", "set", tap, "master", "br0", "up");
    }
    const taps = async () => {
      const all = JSON.parse(await sh("ip", "-n", HOST_NS, "-j", "link", "show")) as {
        ifname: string;
        master?: string;
      }[];
      return Object.fromEntries(
        all.filter((l) => l.ifname === "vnet7" || l.ifname === "guesttap0").map((l) => [
          l.ifname,
          l.master ?? null,
        ]),
      );
    };
    const onBridge = { vnet7: "br0", guesttap0: "br0" };

    // A change that drops the host's address: nobody can confirm it, so it rolls back.
    const cut = bridged.replace(
      `iface br0 inet static\n    address ${HOST_IP}/24\n`,
      "iface br0 inet manual\n",
    );
    const cutting = await applier.apply(cut, 3);
    assert(!(await reachesLan()), "the change cut the path");
    assertEquals(await taps(), onBridge, "the VMs' taps stay on the bridge through the apply");
    await new Promise((r) => setTimeout(r, Math.max(0, cutting.deadline - Date.now()) + 500));
    // The rollback runs ifreload, which takes a moment after the deadline.
    for (let i = 0; i < 40 && applier.pending; i++) await new Promise((r) => setTimeout(r, 250));
    assertEquals(applier.pending, null, "rolled back");
    assertEquals(await applier.current(), bridged);
    assertEquals(await taps(), onBridge, "and through the rollback");
    const after = await addresses();
    assert(await reachesLanSoon(), `the path works again: ${JSON.stringify(after)}`);
    const late = await assertRejects(() => applier.confirm(cutting.id), AppError);
    assertEquals(late.code, "HOST_NETWORK_NOTHING_TO_CONFIRM");

    // A file ifreload refuses: its words, and the file as it was.
    const refused = await assertRejects(
      () => applier.apply(bridged.replace("bridge-ports nic0", "bridge-ports nosuchnic"), 60),
      AppError,
    );
    assertEquals(refused.code, "HOST_NETWORK_APPLY_FAILED");
    assert(refused.message.includes("bridge port nosuchnic does not exist"), refused.message);
    assertEquals(await applier.current(), bridged);
    assertEquals(applier.pending, null);
    assert(await reachesLanSoon());

    // A server stopped inside the window: its next start undoes the change.
    await applier.apply(cut, 600);
    applier.close();
    const next = make();
    assertEquals(await next.resumeAtStart(), true);
    assertEquals(await next.current(), bridged);
    assert(await reachesLanSoon(), "undone at the next start");

    // A reboot: the links are gone, the written file brings the bridge back.
    await sh("ip", "-n", HOST_NS, "link", "del", "br0");
    await sh("ip", "-n", HOST_NS, "address", "flush", "dev", "nic0");
    assert(!(await reachesLan()));
    const boot = await next.apply(await next.current(), 60);
    await next.confirm(boot.id);
    assertEquals((await addresses()).br0, [`${HOST_IP}/24`]);
    assert(await reachesLanSoon(), "the bridge is back");
  });
});

/** An admin's call from the LAN namespace (curl), over the host's network as it is now. */
async function fromLan(base: string, token: string, method: string, path: string, body?: unknown) {
  const out = await runCommand("ip", [
    "netns",
    "exec",
    LAN_NS,
    "curl",
    "-s",
    // The server's own self-signed certificate.
    "-k",
    "-m",
    "10",
    "-X",
    method,
    "-H",
    `authorization: Bearer ${token}`,
    "-H",
    "content-type: application/json",
    ...(body === undefined ? [] : ["--data", JSON.stringify(body)]),
    "-w",
    "\n%{http_code}",
    `${base}${path}`,
  ]);
  if (out.code !== 0) throw new Error(`curl ${method} ${path}: exit ${out.code} ${out.stderr}`);
  const lines = out.stdout.split("\n");
  const status = Number(lines.pop());
  const text = lines.join("\n");
  return { status, body: text ? JSON.parse(text) : null };
}

/** The state's file, staged diff and pending change, without the interfaces. */
const changeOf = ({ file, staged, pending }: HostNetworkState) => ({ file, staged, pending });

function interfaceOf(state: HostNetworkState, name: string): HostInterface {
  const found = state.interfaces.find((i) => i.name === name);
  if (!found) throw new Error(`no ${name} in ${state.interfaces.map((i) => i.name).join(", ")}`);
  return found;
}

async function links(): Promise<string[]> {
  return (JSON.parse(await sh("ip", "-n", HOST_NS, "-j", "link", "show")) as { ifname: string }[])
    .map((l) => l.ifname);
}

Deno.test("host network API - staged, shown as a diff, applied, confirmed over the LAN; unconfirmed rolls back, also across a restart", async () => {
  await assertLibvirtReachable();
  await withNamespaces(async (make, dir) => {
    const loaded = await make().apply(INITIAL, 60);
    await make().confirm(loaded.id).catch(() => {});
    const dataDir = `${dir}/data`;
    await Deno.mkdir(dataDir);
    let token: string;
    {
      using store = Store.open(`${dataDir}/${DB_FILE}`);
      token = new ApiTokens(store).create({ name: "host-network", owner: "root", role: "admin" })
        .secret;
    }
    // The server on this machine's libvirt, in the host namespace, reached from the LAN.
    const start = () =>
      startServeProcess({
        uri: "qemu:///system",
        dataDir,
        netns: HOST_NS,
        hostname: HOST_IP,
        tls: true,
      });
    let server = await start();
    try {
      const call = (method: string, path: string, body?: unknown) =>
        fromLan(server.url, token, method, path, body);
      const first = await call("GET", "/api/host/network");
      assertEquals(first.status, 200);
      assertEquals(changeOf(first.body), { file: INITIAL, staged: "", pending: null });
      // The namespace's interfaces as ip shows them: the NIC with its address, both NICs
      // offered for a bridge, the loopback not.
      const nic0 = interfaceOf(first.body, "nic0");
      assertEquals([nic0.kind, nic0.up, nic0.master, nic0.bridgeable], ["veth", true, null, true]);
      assert(
        nic0.addresses.some((a) => a.address === HOST_IP && a.prefixLength === 24),
        JSON.stringify(nic0.addresses),
      );
      assertEquals(interfaceOf(first.body, "nic1").bridgeable, true);
      assertEquals([interfaceOf(first.body, "lo").kind, interfaceOf(first.body, "lo").bridgeable], [
        "other",
        false,
      ]);

      // Refusals at the boundary, in words.
      const badName = await call("POST", "/api/host/network/staged/bridge", {
        nic: "-x",
        bridge: "br0",
      });
      assertEquals([badName.status, badName.body.code], [400, "INVALID_INPUT"]);
      assertMatch(badName.body.message, /nic must be 1 to 15 letters/);
      const noNic = await call("POST", "/api/host/network/staged/bridge", {
        nic: "eth9",
        bridge: "br0",
      });
      assertEquals(noNic, {
        status: 404,
        body: {
          code: "HOST_INTERFACE_NOT_FOUND",
          message: "This host has no interface named eth9",
        },
      });
      const loopback = await call("POST", "/api/host/network/staged/bridge", {
        nic: "lo",
        bridge: "br0",
      });
      assertEquals([loopback.status, loopback.body.code], [409, "HOST_NETWORK_NAME_TAKEN"]);
      assertMatch(loopback.body.message, /^lo cannot take a bridge/);
      // A NIC configured in a file the interfaces file sources is not changed from here.
      await Deno.writeTextFile(`${ETC}/network/interfaces.d/lan`, "iface nic1 inet manual\n");
      await Deno.writeTextFile(
        `${ETC}/network/interfaces`,
        `${INITIAL}\nsource /etc/network/interfaces.d/*\n`,
      );
      const sourced = await call("POST", "/api/host/network/staged/bridge", {
        nic: "nic1",
        bridge: "br1",
      });
      assertEquals(sourced.status, 409);
      assertEquals(
        sourced.body.message,
        "nic1 is configured in /etc/network/interfaces.d/lan: KVM Manager changes only /etc/network/interfaces",
      );
      // A staged change made on a file someone edits afterwards is not applied over the edit.
      await call("POST", "/api/host/network/staged/bridge", { nic: "nic0", bridge: "br0" });
      await Deno.writeTextFile(`${ETC}/network/interfaces`, INITIAL);
      await Deno.remove(`${ETC}/network/interfaces.d/lan`);
      const changed = await call("POST", "/api/host/network/apply", {});
      assertEquals([changed.status, changed.body.code], [409, "HOST_NETWORK_FILE_CHANGED"]);
      assertEquals((await call("DELETE", "/api/host/network/staged")).body.staged, "");
      const nothing = await call("POST", "/api/host/network/apply", {});
      assertEquals([nothing.status, nothing.body.code], [409, "HOST_NETWORK_NOTHING_STAGED"]);

      // Staged and shown as a diff; the file itself is untouched until applied.
      const staged = await call("POST", "/api/host/network/staged/bridge", {
        nic: "nic0",
        bridge: "br0",
      });
      assertEquals(staged.status, 200);
      assertEquals(staged.body.file, INITIAL);
      assertMatch(staged.body.staged, /\n-iface nic0 inet static\n/);
      // The address and MTU lines move from nic0's stanza into br0's: the diff may keep them as
      // context between the two.
      assertMatch(staged.body.staged, /\n\+iface br0 inet static\n/);
      assertMatch(staged.body.staged, /\n\+ {4}bridge-ports nic0\n/);
      const taken = await call("POST", "/api/host/network/staged/bridge", {
        nic: "nic1",
        bridge: "nic0",
      });
      assertEquals([taken.status, taken.body.code], [409, "HOST_NETWORK_NAME_TAKEN"]);

      // Applied as one step, then confirmed from the LAN over the new bridge.
      const applied = await call("POST", "/api/host/network/apply", { rollbackSeconds: 30 });
      assertEquals(applied.status, 200);
      assertEquals((await addresses()).br0, [`${HOST_IP}/24`]);
      const again = await call("POST", "/api/host/network/apply", {});
      assertEquals([again.status, again.body.code], [409, "HOST_NETWORK_NOTHING_STAGED"]);
      assertEquals(
        (await call("POST", "/api/host/network/confirm", { id: applied.body.id })).status,
        204,
      );
      const bridged = bridgeNic(INITIAL, "nic0", "br0");
      const kept = (await call("GET", "/api/host/network")).body;
      assertEquals(changeOf(kept), { file: bridged, staged: "", pending: null });
      // The page's table now: br0 holds nic0 and the address, nic0 takes no second bridge.
      const br0 = interfaceOf(kept, "br0");
      assertEquals([br0.kind, br0.ports, br0.bridgeable], ["bridge", ["nic0"], false]);
      assert(br0.addresses.some((a) => a.address === HOST_IP), JSON.stringify(br0.addresses));
      assertEquals([interfaceOf(kept, "nic0").master, interfaceOf(kept, "nic0").bridgeable], [
        "br0",
        false,
      ]);

      // Not confirmed: rolled back at the deadline, the second bridge gone again.
      await call("POST", "/api/host/network/staged/bridge", { nic: "nic1", bridge: "br1" });
      const unconfirmed = await call("POST", "/api/host/network/apply", { rollbackSeconds: 10 });
      assert((await links()).includes("br1"), "br1 made");
      assertEquals((await call("GET", "/api/host/network")).body.pending, unconfirmed.body);
      await new Promise((r) => setTimeout(r, Math.max(0, unconfirmed.body.deadline - Date.now())));
      let after = await call("GET", "/api/host/network");
      for (let i = 0; i < 40 && after.body.pending; i++) {
        await new Promise((r) => setTimeout(r, 250));
        after = await call("GET", "/api/host/network");
      }
      assertEquals(changeOf(after.body), { file: bridged, staged: "", pending: null });
      assert(!(await links()).includes("br1"), "br1 removed by the rollback");
      const late = await call("POST", "/api/host/network/confirm", { id: unconfirmed.body.id });
      assertEquals([late.status, late.body.code], [409, "HOST_NETWORK_NOTHING_TO_CONFIRM"]);

      // Applied, and the server killed before anyone confirmed: the next start rolls it back.
      await call("POST", "/api/host/network/staged/bridge", { nic: "nic1", bridge: "br1" });
      await call("POST", "/api/host/network/apply", { rollbackSeconds: 600 });
      assert((await links()).includes("br1"));
      server.child.kill("SIGKILL");
      await server.child.status;
      server = await start();
      let restarted = await call("GET", "/api/host/network");
      for (let i = 0; i < 40 && (restarted.body.file !== bridged || restarted.body.pending); i++) {
        await new Promise((r) => setTimeout(r, 250));
        restarted = await call("GET", "/api/host/network");
      }
      assertEquals(changeOf(restarted.body), { file: bridged, staged: "", pending: null });
      assert(!(await links()).includes("br1"), "undone at the next start");
    } finally {
      server.child.kill("SIGKILL");
      await server.child.status;
      await server.stderr;
    }
  });
});
