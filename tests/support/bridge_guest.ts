// A real TCG guest on a host bridge inside the test's network namespaces, and the LAN peer it
// talks to: the busybox guest of tests/support/guest.ts with a virtio NIC, which takes a static
// address from its kernel command line and then, once a second, sends one line over TCP to the
// peer; the peer is a listener in the LAN namespace that writes down each connection's source
// address. So a test sees the guest's own packets cross the bridge and the NIC to the LAN. Its
// initramfs is built in the test's folder (about a second), its QEMU started by a libvirtd in
// the host namespace (tests/support/netns_libvirtd.ts); everything ends with the test.

import { newestCloudKernel, run, xmlEscape } from "./guest.ts";
import { findGuestModules, writeGuestModules } from "./guest_modules.ts";
import { type NetnsLibvirtd, startNetnsLibvirtd } from "./netns_libvirtd.ts";

/** Printed on the guest's serial port once its address is set. */
export const BRIDGE_GUEST_UP = "KVMM-BRIDGE-GUEST-UP";

// PID 1. Waits for eth0 (virtio_net probes after insmod returns), sets the address given as
// kvmm_ip=, and keeps sending "kvmm-bridge-guest ADDRESS" to kvmm_peer=IP:PORT.
const INIT_SCRIPT = `#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s /bin
export PATH=/bin
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
exec </dev/console >/dev/console 2>&1
for m in /lib/modules/*.ko; do insmod "$m"; done
arg() { sed -n "s/.* kvmm_$1=\\([^ ]*\\).*/\\1/p" /proc/cmdline; }
ip=$(arg ip)
peer=$(arg peer)
i=0
while [ ! -e /sys/class/net/eth0 ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
ip link set lo up
ip link set eth0 up
ip addr add "$ip" dev eth0
echo "${BRIDGE_GUEST_UP} $(ip -o -4 addr show dev eth0)"
while :; do
  echo "kvmm-bridge-guest \${ip%/*}" | timeout 3 nc -w 2 "\${peer%:*}" "\${peer#*:}" &&
    echo "KVMM-BRIDGE-GUEST-SENT"
  sleep 1
done
`;

// In load order, dependencies first (relative to /lib/modules/VERSION/kernel).
const MODULES = [
  "drivers/virtio/virtio_ring.ko",
  "drivers/virtio/virtio.ko",
  "drivers/virtio/virtio_pci_legacy_dev.ko",
  "drivers/virtio/virtio_pci_modern_dev.ko",
  "drivers/virtio/virtio_pci.ko",
  "net/core/failover.ko",
  "drivers/net/net_failover.ko",
  "drivers/net/virtio_net.ko",
];

/** The cloud kernel and an initramfs with INIT_SCRIPT, written into `dir`. */
async function buildImages(dir: string): Promise<{ kernel: string; initrd: string }> {
  const version = await newestCloudKernel();
  const root = `${dir}/initrd-root`;
  for (const d of ["bin", "proc", "sys", "dev", "lib/modules"]) {
    await Deno.mkdir(`${root}/${d}`, { recursive: true });
  }
  await Deno.copyFile("/bin/busybox", `${root}/bin/busybox`);
  await Deno.chmod(`${root}/bin/busybox`, 0o755);
  await Deno.writeTextFile(`${root}/init`, INIT_SCRIPT, { mode: 0o755 });
  await writeGuestModules(await findGuestModules(version, MODULES), `${root}/lib/modules`);
  const initrd = `${dir}/initrd.cpio`;
  await run("sh", ["-c", `cd "${root}" && find . | cpio -o -H newc --quiet > "${initrd}"`]);
  await Deno.remove(root, { recursive: true });
  return { kernel: `/boot/vmlinuz-${version}`, initrd };
}

/** One connection the peer took: its source address and the line it sent. */
export interface PeerConnection {
  from: string;
  line: string;
  at: number;
}

/** A TCP listener in network namespace `netns` on `ip`:`port`, run by a Deno of its own. */
export interface LanPeer {
  connections: PeerConnection[];
  /** Resolves with the first connection `accept` takes after now, or throws after `ms`. */
  next(accept: (c: PeerConnection) => boolean, ms: number): Promise<PeerConnection>;
  stop(): Promise<void>;
}

const LISTENER = `
const [hostname, port] = Deno.args;
const listener = Deno.listen({ hostname, port: Number(port) });
console.log("listening");
for await (const conn of listener) {
  (async () => {
    const text = await new Response(conn.readable).text().catch(() => "");
    console.log(JSON.stringify({ from: conn.remoteAddr.hostname, line: text.trim() }));
  })();
}`;

/** Starts the listener and waits until it listens; `stop()` it at the end whatever happened. */
export async function startLanPeer(netns: string, ip: string, port: number): Promise<LanPeer> {
  const child = new Deno.Command("ip", {
    args: ["netns", "exec", netns, Deno.execPath(), "eval", "--no-check", LISTENER, ip, `${port}`],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const connections: PeerConnection[] = [];
  const waiters = new Set<() => void>();
  let listening!: () => void;
  const ready = new Promise<void>((r) => listening = r);
  const reader = (async () => {
    let rest = "";
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop()!;
      for (const line of lines) {
        if (line === "listening") listening();
        else if (line.startsWith("{")) connections.push({ ...JSON.parse(line), at: Date.now() });
      }
      for (const wake of waiters) wake();
    }
  })();
  const exited = child.status.then(async (s) => {
    throw new Error(`the LAN peer in ${netns} exited (${s.code}): ${await stderr}`);
  });
  await Promise.race([ready, exited]);
  exited.catch(() => {});
  return {
    connections,
    async next(accept, ms) {
      const since = Date.now();
      const end = since + ms;
      while (Date.now() < end) {
        const found = connections.find((c) => c.at >= since && accept(c));
        if (found) return found;
        await new Promise<void>((r) => {
          const timer = setTimeout(done, Math.max(0, end - Date.now()));
          function done() {
            clearTimeout(timer);
            waiters.delete(done);
            r();
          }
          waiters.add(done);
        });
      }
      throw new Error(
        `no such connection to the LAN peer in ${ms} ms: ${JSON.stringify(connections)}`,
      );
    },
    async stop() {
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
      await child.status;
      await reader;
      await stderr;
    },
  };
}

export interface BridgeGuest {
  name: string;
  daemon: NetnsLibvirtd;
  /** What the guest printed on its serial port so far. */
  serial(): Promise<string>;
  /** Waits for BRIDGE_GUEST_UP on its serial port. */
  up(ms: number): Promise<void>;
  /** The tap libvirt plugged into the bridge (vnetN). */
  tap(): Promise<string>;
}

/**
 * Starts (transient) a TCG guest `name` on `bridge` in namespace `netns`, taking `address`
 * (CIDR) and sending to `peer` (IP:PORT). Its libvirtd's state lives in `dir`; call
 * `guest.daemon.stop()` at the end whatever happened (the daemon is stopped here when the start
 * fails).
 */
export async function startBridgeGuest(
  { netns, dir, name, bridge, address, peer }: {
    netns: string;
    dir: string;
    name: string;
    bridge: string;
    address: string;
    peer: string;
  },
): Promise<BridgeGuest> {
  const [built, started] = await Promise.allSettled([
    buildImages(dir),
    startNetnsLibvirtd(netns, `${dir}/libvirtd`),
  ]);
  if (started.status === "rejected") throw started.reason;
  const daemon = started.value;
  if (built.status === "rejected") {
    await daemon.stop();
    throw built.reason;
  }
  const images = built.value;
  const serialPath = `${dir}/serial.log`;
  const xml = `<domain type='qemu'>
  <name>${xmlEscape(name)}</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
    <kernel>${xmlEscape(images.kernel)}</kernel>
    <initrd>${xmlEscape(images.initrd)}</initrd>
    <cmdline>console=ttyS0 quiet kvmm_ip=${address} kvmm_peer=${peer}</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <on_crash>destroy</on_crash>
  <devices>
    <interface type='bridge'>
      <source bridge='${xmlEscape(bridge)}'/>
      <model type='virtio'/>
    </interface>
    <serial type='file'><source path='${xmlEscape(serialPath)}'/><target port='0'/></serial>
    <memballoon model='none'/>
  </devices>
</domain>
`;
  const file = `${dir}/${name}.xml`;
  await Deno.writeTextFile(file, xml);
  try {
    await daemon.virsh("create", file);
  } catch (e) {
    const log = (await daemon.log()).split("\n").slice(-10).join("\n");
    await daemon.stop();
    throw new Error(`${e}\n${log}`);
  }
  const serial = () => Deno.readTextFile(serialPath).catch(() => "");
  return {
    name,
    daemon,
    serial,
    async up(ms) {
      for (const end = Date.now() + ms; Date.now() < end;) {
        if ((await serial()).includes(BRIDGE_GUEST_UP)) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`${name}: no ${BRIDGE_GUEST_UP} in ${ms} ms; serial:\n${await serial()}`);
    },
    async tap() {
      const out = await daemon.virsh("domiflist", name);
      const tap = out.trim().split(/\s+/)[0];
      if (!tap?.startsWith("vnet")) throw new Error(`${name}: no tap in ${out}`);
      return tap;
    },
  };
}
