// Real-QEMU guests for the guest-agent tests: the busybox guest of tests/support/guest.ts grown with Deno
// and our agent bundle, Debian's qemu-ga, systemctl and apt stand-ins (tests/support/standins: the
// guest has neither systemd nor apt), a NIC on the isolated test network, an ext4 data disk
// and both virtio-serial channels. Only kvmm-test-agent-* domains and volumes are ever touched.

import { DEFAULT_OUT as AGENT_BUNDLE } from "../../agent/build.ts";
import { PORT_NAME } from "../../agent/protocol.ts";
import {
  cleanupGuestsNamed,
  createTestVolume,
  ensureGuestImages,
  ensurePool,
  ensureTestNetwork,
  exists,
  newestCloudKernel,
  run,
  serialLogPath,
  shortHash,
  TEST_POOL,
  TEST_PREFIX,
  testGuestXml,
  virsh,
  xmlEscape,
} from "./guest.ts";
import { serialPty } from "./guest_shell.ts";
import { AgentClient } from "../../lib/guest/agent_client.ts";
import { utmpFile } from "./utmp.ts";
import { findGuestModules, modulesStamp, writeGuestModules } from "./guest_modules.ts";
import {
  installStandins,
  STANDIN_SERVICES,
  STANDIN_UPGRADABLE,
  standinSources,
} from "./standins.ts";

export const AGENT_GUEST_PREFIX = "kvmm-test-agent-";
export const AGENT_GUEST_READY_MARKER = "KVMM-AGENT-GUEST-READY";
export const AGENT_GUEST_HOSTNAME = "kvmm-agent-guest";
/** eth0's static address on the isolated kvmm-test-net: reported, never connected to. */
export const AGENT_GUEST_IP = "10.213.77.10";
export const AGENT_GUEST_PREFIX_LENGTH = 24;
export const QEMU_AGENT_CHANNEL = "org.qemu.guest_agent.0";
export const KVMM_AGENT_CHANNEL = PORT_NAME;
/** Where the guest's files live, for tests that look at them through the serial shell. */
export const AGENT_GUEST_PATHS = {
  bundle: "/opt/kvmm-agent/kvmm-agent.js",
  config: "/etc/kvmm-agent/config.json",
  agentLog: "/tmp/kvmm-agent.log",
  qemuAgentLog: "/tmp/qemu-ga.log",
  deno: "/usr/bin/deno",
  qemuAgent: "/usr/sbin/qemu-ga",
  allowedDir: "/srv/allowed",
  dataMount: "/data",
} as const;

/** The agent config baked into the guest (snake_case, as the agent reads it). */
export const AGENT_TEST_CONFIG = {
  allowed_dirs: ["/srv/allowed"],
  allowed_commands: ["echo", "cat", "ls", "sleep", "yes", "head", "uname", "df", "true", "false"],
  denied_commands: [] as string[],
  // The stand-in systemctl's kvmm-demo.service and cron.service (tests/support/standins.ts).
  allowed_services: ["kvmm-*", "cron"],
  command_timeout_ms: 10_000,
  max_command_timeout_ms: 60_000,
  max_output_bytes: 1024 * 1024,
  max_file_bytes: 8 * 1024 * 1024,
  max_concurrent_commands: 4,
  command_path: "/usr/sbin:/usr/bin:/sbin:/bin",
  shutdown_command: ["poweroff", "-f"],
  reboot_command: ["reboot", "-f"],
};
export type AgentConfig = Record<string, unknown>;

export interface AgentImageOptions {
  /** The agent config baked in as /etc/kvmm-agent/config.json (default AGENT_TEST_CONFIG). */
  config?: AgentConfig;
  /** Deno's flags before the script (default AGENT_DENO_FLAGS). */
  denoFlags?: string[];
}

/**
 * The guest's /run/utmp: root logged in on the serial console, as login(1) records it. A stand-in:
 * the test guest's console shell is started by init, not by login, so the record is baked in
 * (pid 1, which is always alive, stands for the login shell).
 */
export const AGENT_GUEST_LOGIN = {
  type: 7,
  pid: 1,
  line: "ttyS0",
  user: "root",
  host: "",
  seconds: 1_764_000_000,
} as const;

/** Files under /srv/allowed (besides the symlink etc-link -> /etc). */
export const AGENT_GUEST_FIXTURES = {
  "hello.txt": "hello from kvmm-agent-guest\n",
};

const ASSETS_DIR = "/var/lib/libvirt/images/kvmm-test-assets";
const REPO = decodeURIComponent(new URL("../..", import.meta.url).pathname);
/**
 * Deno's flags for the agent, as agent/kvmm-agent.service runs it. Deno 2.9.5 opens /dev (the
 * port), /proc and /sys only under --allow-all, however narrowly --allow-read/--allow-write
 * name them ("NotCapable: Requires all access to ..."): the narrower list first planned cannot
 * open the port.
 */
export const AGENT_DENO_FLAGS = ["--allow-all", "--no-prompt", "--no-config"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// PID 1 of the guest. Like tests/support/guest.ts INIT_SCRIPT (power button, serial root shell) plus:
// /sbin/hwclock (qemu-ga's guest-set-time runs it, as Debian's util-linux provides it),
// the network, /dev/virtio-ports symlinks (there is no udev), the data disk, and both agents in
// respawn loops with their logs in /tmp (the serial console stays free for the test shell).
// virtio_console learns port names from the host after probing, so init waits for as many named
// ports as the kernel command line's kvmm_ports= says the domain has.
const initScript = (denoFlags: string[]) =>
  `#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s /bin
ln -s /bin/busybox /sbin/hwclock
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs -o mode=1777 tmp /tmp
exec </dev/console >/dev/console 2>&1
for m in /lib/modules/*.ko; do insmod "$m" 2>/dev/null; done
hostname ${AGENT_GUEST_HOSTNAME}
ports=$(sed -n 's/.*kvmm_ports=\\([0-9]*\\).*/\\1/p' /proc/cmdline)
i=0
while [ $i -lt 100 ]; do
  named=0
  for p in /sys/class/virtio-ports/*; do [ -s "$p/name" ] && named=$((named + 1)); done
  [ $named -ge "\${ports:-0}" ] && [ -e /sys/class/net/eth0 ] && break
  sleep 0.05; i=$((i + 1))
done
mkdir -p /dev/virtio-ports
for p in /sys/class/virtio-ports/*; do
  [ -s "$p/name" ] && ln -sf "../\${p##*/}" "/dev/virtio-ports/$(cat "$p/name")"
done
ip link set lo up
ip link set eth0 up 2>/dev/null && ip addr add ${AGENT_GUEST_IP}/${AGENT_GUEST_PREFIX_LENGTH} dev eth0
if [ -b /dev/vdb ]; then mkdir -p /data && mount -t ext4 /dev/vdb /data; fi
mkdir -p /tmp/qga /tmp/deno
if [ -e /dev/virtio-ports/${QEMU_AGENT_CHANNEL} ]; then
  (while :; do
    qemu-ga -m virtio-serial -p /dev/virtio-ports/${QEMU_AGENT_CHANNEL} -t /tmp/qga \\
      -f /tmp/qga.pid -l ${AGENT_GUEST_PATHS.qemuAgentLog} </dev/null
    sleep 1
  done) &
fi
(while :; do
  echo "kvmm-agent-guest: start at uptime $(cut -d' ' -f1 /proc/uptime)"
  DENO_DIR=/tmp/deno HOME=/tmp DENO_NO_UPDATE_CHECK=1 NO_COLOR=1 deno run \\
    ${
    denoFlags.join(" ")
  } ${AGENT_GUEST_PATHS.bundle} --config ${AGENT_GUEST_PATHS.config} </dev/null
  echo "kvmm-agent-guest: exit $? at uptime $(cut -d' ' -f1 /proc/uptime)"
  sleep 1
done) >>${AGENT_GUEST_PATHS.agentLog} 2>&1 &
armed=0
for e in /sys/class/input/event*; do
  if grep -q "Power Button" "$e/device/name" 2>/dev/null; then
    (dd if="/dev/input/\${e##*/}" of=/dev/null bs=24 count=1 2>/dev/null
     echo KVMM-GUEST-POWEROFF >/dev/ttyS0; poweroff -f) &
    armed=$((armed + 1))
  fi
done
up=$(cut -d' ' -f1 /proc/uptime)
echo "${AGENT_GUEST_READY_MARKER} powerbutton=$armed ports=$(ls /dev/virtio-ports | tr '\\n' ,) uptime=$up" >/dev/tty0
echo "${AGENT_GUEST_READY_MARKER} powerbutton=$armed ports=$(ls /dev/virtio-ports | tr '\\n' ,) uptime=$up" >/dev/ttyS0
(while :; do setsid sh -c 'exec sh -i </dev/ttyS0 >/dev/ttyS0 2>&1'; sleep 1; done) &
while :; do sleep 3600; done
`;

// qemu-ga's guest-shutdown runs `/sbin/shutdown -h -P|-H|-r +0 message`; busybox has no shutdown.
const SHUTDOWN_SCRIPT = `#!/bin/sh
case " $* " in *" -r "*) exec /bin/reboot -f ;; *) exec /bin/poweroff -f ;; esac
`;

// Relative to /lib/modules/<version>/kernel, in load order (dependencies first).
const MODULES = [
  "drivers/acpi/button.ko",
  "drivers/input/evdev.ko",
  "drivers/virtio/virtio_ring.ko",
  "drivers/virtio/virtio.ko",
  "drivers/virtio/virtio_pci_legacy_dev.ko",
  "drivers/virtio/virtio_pci_modern_dev.ko",
  "drivers/virtio/virtio_pci.ko",
  "drivers/block/virtio_blk.ko",
  "drivers/char/virtio_console.ko",
  "net/core/failover.ko",
  "drivers/net/net_failover.ko",
  "drivers/net/virtio_net.ko",
];

const ETC_FILES: Record<string, string> = {
  "passwd": "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
  "group": "root:x:0:\nnogroup:x:65534:\n",
  "hostname": `${AGENT_GUEST_HOSTNAME}\n`,
  "hosts": `127.0.0.1 localhost\n127.0.1.1 ${AGENT_GUEST_HOSTNAME}\n`,
};
// A real /etc/shadow (mode 600), so reading it through etc-link is refused rather than missing.
const SHADOW = "root:*:19000:0:99999:7:::\n";

function repoPath(path: string): string {
  return path.startsWith("/") ? path : `${REPO}${path}`;
}

/** Absolute paths `ldd` resolves for a binary, the dynamic loader included. */
async function sharedLibraries(binary: string): Promise<string[]> {
  const libs: string[] = [];
  for (const line of (await run("ldd", [binary])).split("\n")) {
    const m = line.match(/=>\s+(\/\S+)/) ?? line.match(/^\s*(\/\S+)\s+\(0x/);
    if (m) libs.push(m[1]);
  }
  return libs;
}

async function fileStamp(path: string): Promise<string> {
  const st = await Deno.stat(path);
  return `${path}:${st.size}:${st.mtime?.getTime()}`;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function copyInto(root: string, src: string, dest: string, mode: number): Promise<void> {
  await Deno.mkdir(`${root}${dest.slice(0, dest.lastIndexOf("/"))}`, { recursive: true });
  await Deno.copyFile(src, `${root}${dest}`); // follows symlinks: the library's bytes land here
  await Deno.chmod(`${root}${dest}`, mode);
}

async function writeInto(root: string, dest: string, text: string, mode = 0o644): Promise<void> {
  await Deno.mkdir(`${root}${dest.slice(0, dest.lastIndexOf("/"))}`, { recursive: true });
  await Deno.writeTextFile(`${root}${dest}`, text);
  await Deno.chmod(`${root}${dest}`, mode);
}

/** Removes agent initrds of other inputs that are more than an hour old (each is ~100 MB). */
async function pruneAgentInitrds(keep: string): Promise<void> {
  for await (const e of Deno.readDir(ASSETS_DIR)) {
    const path = `${ASSETS_DIR}/${e.name}`;
    if (!e.name.startsWith("agent-initrd-") || path === keep) continue;
    const st = await Deno.stat(path).catch(() => null);
    if (st?.mtime && Date.now() - st.mtime.getTime() > 3600_000) {
      await Deno.remove(path).catch(() => {});
    }
  }
}

/**
 * Builds (once per set of inputs) the kernel and the agent guest's initramfs: busybox, Deno and
 * its libraries, qemu-ga and its libraries, the agent bundle and config, the fixtures. Cached
 * in the test assets folder under a hash of every input, the bundle's bytes included; an
 * uncompressed cpio of about 100 MB. Relative paths are taken from the repository root.
 */
export async function ensureAgentGuestImages(
  agentBundle = AGENT_BUNDLE,
  { config = AGENT_TEST_CONFIG, denoFlags = AGENT_DENO_FLAGS }: AgentImageOptions = {},
): Promise<{ kernel: string; initrd: string }> {
  const init = initScript(denoFlags);
  const { kernel } = await ensureGuestImages();
  const version = await newestCloudKernel();
  const modules = await findGuestModules(version, MODULES);
  const bundlePath = repoPath(agentBundle);
  const bundle = await Deno.readFile(bundlePath).catch((e) => {
    throw new Error(`no agent bundle at ${bundlePath} (run: deno run -A agent/build.ts): ${e}`);
  });
  const deno = await Deno.realPath(`${REPO}node_modules/.bin/deno`).catch(() => Deno.execPath());
  const qemuGa = AGENT_GUEST_PATHS.qemuAgent;
  if (!(await exists(qemuGa))) {
    throw new Error(`no ${qemuGa}: run scripts/install-test-deps.sh (package qemu-guest-agent)`);
  }
  const libs = [...new Set([...await sharedLibraries(deno), ...await sharedLibraries(qemuGa)])];
  const osRelease = await Deno.readTextFile("/etc/os-release");
  const configText = JSON.stringify(config, null, 2) + "\n";
  const stamps = await Promise.all(["/bin/busybox", deno, qemuGa, ...libs].map(fileStamp));
  const hash = await shortHash(
    [
      version,
      init,
      SHUTDOWN_SCRIPT,
      await modulesStamp(modules),
      JSON.stringify(ETC_FILES),
      SHADOW,
      JSON.stringify(AGENT_GUEST_FIXTURES),
      JSON.stringify(AGENT_GUEST_LOGIN),
      "var/run -> /run",
      await standinSources(),
      JSON.stringify(STANDIN_SERVICES),
      JSON.stringify(STANDIN_UPGRADABLE),
      configText,
      osRelease,
      await sha256Hex(bundle),
      ...stamps,
    ].join("\n"),
  );
  const initrd = `${ASSETS_DIR}/agent-initrd-${version}-${hash}.cpio`;
  if (await exists(initrd)) return { kernel, initrd };

  const tmp = `${ASSETS_DIR}/.tmp-agent-${Deno.pid}-${Date.now()}`;
  const root = `${tmp}-root`;
  try {
    for (const d of ["proc", "sys", "dev", "tmp", "run", "root", "data", "lib/modules"]) {
      await Deno.mkdir(`${root}/${d}`, { recursive: true });
    }
    await copyInto(root, "/bin/busybox", "/bin/busybox", 0o755);
    await writeInto(root, "/init", init, 0o755);
    await writeInto(root, "/sbin/shutdown", SHUTDOWN_SCRIPT, 0o755);
    await writeGuestModules(modules, `${root}/lib/modules`);
    await copyInto(root, deno, AGENT_GUEST_PATHS.deno, 0o755);
    await copyInto(root, qemuGa, qemuGa, 0o755);
    for (const lib of libs) await copyInto(root, lib, lib, 0o755);
    await writeInto(root, "/etc/os-release", osRelease);
    for (const [f, text] of Object.entries(ETC_FILES)) await writeInto(root, `/etc/${f}`, text);
    await writeInto(root, "/etc/shadow", SHADOW, 0o600);
    await Deno.mkdir(`${root}/opt/kvmm-agent`, { recursive: true });
    await Deno.writeFile(`${root}${AGENT_GUEST_PATHS.bundle}`, bundle, { mode: 0o644 });
    await writeInto(root, AGENT_GUEST_PATHS.config, configText);
    for (const [f, text] of Object.entries(AGENT_GUEST_FIXTURES)) {
      await writeInto(root, `${AGENT_GUEST_PATHS.allowedDir}/${f}`, text);
    }
    await Deno.symlink("/etc", `${root}${AGENT_GUEST_PATHS.allowedDir}/etc-link`);
    await Deno.writeFile(`${root}/run/utmp`, utmpFile([AGENT_GUEST_LOGIN]), { mode: 0o644 });
    // /usr/bin/systemctl and /usr/bin/apt with their state in /usr/lib (list_services,
    // service_action and list_updates run them as they would run the real ones).
    await installStandins(root);
    // As on Debian: glibc's utmp path (qemu-ga reads it) is /var/run/utmp, a link into /run.
    await Deno.mkdir(`${root}/var`, { recursive: true });
    await Deno.symlink("/run", `${root}/var/run`);
    await run("sh", ["-c", `cd "${root}" && find . | cpio -o -H newc --quiet > "${tmp}"`]);
    await Deno.chmod(tmp, 0o644);
    await Deno.rename(tmp, initrd);
  } finally {
    await Deno.remove(tmp).catch(() => {});
    await Deno.remove(root, { recursive: true }).catch(() => {});
  }
  await pruneAgentInitrds(initrd);
  return { kernel, initrd };
}

export interface AgentGuestOptions {
  memoryMb?: number;
  vcpus?: number;
  /** The bundle baked into the initramfs (default agent/build.ts DEFAULT_OUT). */
  agentBundle?: string;
  agentConfig?: AgentConfig;
  /** Deno's flags for the agent (default AGENT_DENO_FLAGS). */
  denoFlags?: string[];
  /** Which virtio-serial channels the domain gets (default: both). */
  channels?: { qemu?: boolean; kvmm?: boolean };
  dataDiskMb?: number;
  /**
   * The prefix the name must start with (default AGENT_GUEST_PREFIX). A test that may run beside
   * the agent tests uses its own, and removes its guests with cleanupGuestsNamed(prefix).
   */
  prefix?: string;
}

export interface AgentGuest {
  name: string;
  uuid: string;
  diskPath: string;
  dataDiskPath: string;
  /** eth0's MAC address, as libvirt chose it. */
  mac: string;
}

/**
 * Defines (does not start) an agent test guest: 1 GiB TCG, the agent initramfs, a 64 MiB qcow2
 * vda and an ext4 raw vdb (mounted at /data) in kvmm-test-pool, a virtio NIC on the isolated
 * test network, the serial pty logged to serialLogPath(name), and the qemu-ga and kvmm agent
 * channels (unix sockets libvirt places; see channelInfo()).
 */
export async function defineAgentGuest(
  name: string,
  opts: AgentGuestOptions = {},
): Promise<AgentGuest> {
  const prefix = opts.prefix ?? AGENT_GUEST_PREFIX;
  if (
    !prefix.startsWith(TEST_PREFIX) || !name.startsWith(prefix) || !/^[A-Za-z0-9._-]+$/.test(name)
  ) {
    throw new Error(`agent guest name must start with ${prefix} (under ${TEST_PREFIX}): ${name}`);
  }
  const channels = { qemu: true, kvmm: true, ...opts.channels };
  const { kernel, initrd } = await ensureAgentGuestImages(opts.agentBundle, {
    config: opts.agentConfig,
    denoFlags: opts.denoFlags,
  });
  await ensurePool();
  const network = await ensureTestNetwork();
  const volumes: string[] = [];
  try {
    volumes.push(`${name}.qcow2`);
    const diskPath = await createTestVolume(`${name}.qcow2`, 64, "qcow2");
    volumes.push(`${name}-data.raw`);
    const dataDiskPath = await createTestVolume(`${name}-data.raw`, opts.dataDiskMb ?? 32, "raw");
    const content = await Deno.makeTempDir({ prefix: AGENT_GUEST_PREFIX });
    try {
      await Deno.writeTextFile(`${content}/README.txt`, "kvmm agent test data disk\n");
      await run("mkfs.ext4", ["-q", "-F", "-L", "kvmm-data", "-d", content, dataDiskPath]);
    } finally {
      await Deno.remove(content, { recursive: true }).catch(() => {});
    }
    const channelXml = [channels.qemu && QEMU_AGENT_CHANNEL, channels.kvmm && KVMM_AGENT_CHANNEL]
      .filter((c): c is string => !!c)
      .map((c) => `    <channel type='unix'><target type='virtio' name='${c}'/></channel>\n`);
    const xml = testGuestXml({
      name,
      memoryMb: opts.memoryMb ?? 1024,
      vcpus: opts.vcpus ?? 1,
      kernel,
      initrd,
      cmdline: `kvmm_ports=${channelXml.length}`,
      diskPath,
      devices: `    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='${xmlEscape(dataDiskPath)}'/>
      <target dev='vdb' bus='virtio'/>
    </disk>
    <interface type='network'>
      <source network='${xmlEscape(network)}'/>
      <model type='virtio'/>
    </interface>
${channelXml.join("")}`,
    });
    const file = await Deno.makeTempFile({ prefix: AGENT_GUEST_PREFIX, suffix: ".xml" });
    try {
      await Deno.writeTextFile(file, xml);
      await virsh("define", file);
    } finally {
      await Deno.remove(file).catch(() => {});
    }
    const uuid = (await virsh("domuuid", name)).trim();
    const mac = /<mac address='([^']+)'/.exec(await virsh("dumpxml", "--inactive", name))?.[1];
    if (!mac) throw new Error(`${name}: libvirt gave the NIC no MAC address`);
    return { name, uuid, diskPath, dataDiskPath, mac };
  } catch (e) {
    for (const v of volumes) await virsh("vol-delete", "--pool", TEST_POOL, v).catch(() => {});
    throw e;
  }
}

/**
 * Removes kvmm-test-agent-* domains, their serial logs and kvmm-test-agent-* pool volumes; throws
 * when a domain could not be removed.
 */
export async function cleanupAgentGuests(): Promise<void> {
  await cleanupGuestsNamed(AGENT_GUEST_PREFIX);
  const left = (await virsh("list", "--all", "--name")).split("\n").map((s) => s.trim())
    .filter((s) => s.startsWith(AGENT_GUEST_PREFIX));
  if (left.length) throw new Error(`could not remove agent test domains: ${left.join(", ")}`);
}

/**
 * Waits until init printed its ready marker `count` times: the serial log is truncated when the
 * domain starts but not when the guest reboots, so after a reboot wait for one more than
 * readyMarkerCount() said before it. Ready means the power button is armed and both agents were
 * launched: qemu-ga answers at once, our agent after Deno started (about 1.5 s on a first start,
 * 0.5 s later on).
 */
export async function waitForAgentGuestReady(
  name: string,
  { timeoutMs = 120_000, count = 1 }: { timeoutMs?: number; count?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await readyMarkerCount(name)) >= count) return;
    await sleep(200);
  }
  throw new Error(`${name}: no ${AGENT_GUEST_READY_MARKER} #${count} on the serial console`);
}

/** How many times the guest's init has printed its ready marker since the domain started. */
export async function readyMarkerCount(name: string): Promise<number> {
  const log = await Deno.readTextFile(serialLogPath(name)).catch(() => "");
  return log.split(AGENT_GUEST_READY_MARKER).length - 1;
}

/**
 * A virtio channel of a running guest from its live XML: the host socket libvirt chose
 * (/var/lib/libvirt/qemu/channel/target/domain-<id>-<name cut to 20 characters>/<channel>) and
 * the target's state: "connected" while a guest program holds the port open, as QEMU last told
 * libvirt (VSERPORT_CHANGE, at most one a second). Our agent keeps its port open while it runs,
 * host client or not, so "connected" means the agent is up.
 */
export async function channelInfo(
  name: string,
  channel: string,
): Promise<{ path: string; state: string | null }> {
  const xml = await virsh("dumpxml", name);
  for (const m of xml.matchAll(/<channel type='unix'>([\s\S]*?)<\/channel>/g)) {
    if (!m[1].includes(`name='${channel}'`)) continue;
    const path = /<source mode='bind' path='([^']+)'/.exec(m[1])?.[1];
    if (!path) throw new Error(`${name}: channel ${channel} has no socket (is it running?)`);
    return { path, state: /<target [^>]*state='([^']+)'/.exec(m[1])?.[1] ?? null };
  }
  throw new Error(`${name}: no channel ${channel} in its live XML`);
}

/**
 * A client of our agent in guest `name`, once the agent has answered a ping. A TCG guest's agent
 * (Deno in an emulated CPU) may take well over 10 s to answer its first call on a busy host (the
 * release test's guest beside the guests' lane, ci19): it is asked again, on a new connection
 * each time (the socket takes one client at a time), until `timeoutMs`.
 */
export async function pingedAgent(name: string, timeoutMs = 90_000): Promise<AgentClient> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const agent = new AgentClient((await channelInfo(name, KVMM_AGENT_CHANNEL)).path);
    try {
      const pong = await agent.call("ping", {}, 10_000);
      if (pong.pong !== true) throw new Error(`ping answered ${JSON.stringify(pong)}`);
      return agent;
    } catch (err) {
      agent.close();
      if (Date.now() > deadline) throw err;
      await sleep(500);
    }
  }
}

/** Waits until the guest side of a channel is `state` ("connected" or "disconnected"). */
export async function waitForChannelState(
  name: string,
  channel: string,
  state = "connected",
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = (await channelInfo(name, channel)).state;
    if (last === state) return;
    await sleep(200);
  }
  throw new Error(`${name}: channel ${channel} still "${last}" after ${timeoutMs} ms`);
}

/**
 * Connects to our agent's channel socket, writes `line` (a newline is added) and returns the
 * first line that comes back, without its newline. One client at a time: QEMU's socket accepts
 * a second connection only after the first closes.
 */
export async function agentChannelExchange(
  name: string,
  line: string,
  timeoutMs = 30_000,
): Promise<string> {
  const { path } = await channelInfo(name, KVMM_AGENT_CHANNEL);
  const conn = await Deno.connect({ transport: "unix", path });
  const timer = setTimeout(() => conn.close(), timeoutMs);
  try {
    await conn.write(new TextEncoder().encode(line + "\n"));
    const dec = new TextDecoder();
    const buf = new Uint8Array(65536);
    let text = "";
    while (!text.includes("\n")) {
      const n = await conn.read(buf).catch(() => null);
      if (n === null) throw new Error(`${name}: agent channel closed (or ${timeoutMs} ms passed)`);
      text += dec.decode(buf.subarray(0, n), { stream: true });
    }
    return text.slice(0, text.indexOf("\n"));
  } finally {
    clearTimeout(timer);
    try {
      conn.close();
    } catch { /* closed by the timer */ }
  }
}

let captureCounter = 0;

/**
 * Runs a shell command in the guest through its serial root shell and returns its output
 * (stdout and stderr, lines joined with "\n"). For short output only: it travels the 115200-baud
 * serial line and is scraped from the serial log between two markers.
 */
export async function guestCapture(
  name: string,
  command: string,
  timeoutMs = 60_000,
): Promise<string> {
  const tag = `KVMM-CAP-${Deno.pid}-${++captureCounter}`;
  // The empty quote pairs keep the shell's echo of the typed line from matching the markers.
  const begin = `${tag}-B""EGIN`, end = `${tag}-E""ND`;
  const pty = await serialPty(name);
  const file = await Deno.open(pty, { read: true, write: true });
  try {
    const enc = new TextEncoder();
    // busybox's line editing first asks the terminal for the cursor position (see guestRun).
    await file.write(enc.encode("\r\n"));
    await sleep(1000);
    await file.write(enc.encode(`echo ${begin}; { ${command}; } 2>&1; echo ${end}\r\n`));
    const [b, e] = [`${tag}-BEGIN\r\n`, `${tag}-END`];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const log = await Deno.readTextFile(serialLogPath(name)).catch(() => "");
      const from = log.lastIndexOf(b);
      const to = from >= 0 ? log.indexOf(e, from) : -1;
      if (to >= 0) return log.slice(from + b.length, to).replace(/\r\n/g, "\n").trimEnd();
      if (Date.now() > deadline) {
        throw new Error(`${name}: "${command}" gave no output end in ${timeoutMs} ms`);
      }
      await sleep(200);
    }
  } finally {
    file.close();
  }
}
