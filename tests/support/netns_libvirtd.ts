// A libvirtd of one test's own inside a network namespace the test made, so the guests it starts
// plug into that namespace's bridges (a guest's QEMU and its tap live where its libvirtd lives;
// this machine's libvirtd sees none of the namespace's links). It runs in a mount namespace of its
// own over the test's folder (its /run/libvirt, /var/lib/libvirt, /var/cache/libvirt,
// /var/log/libvirt and /etc/libvirt), listens on no port and is reached through its own unix
// socket. Its process is named libvirtd-hnet, so tests that end `libvirtd` by name never hit it,
// and nothing it does touches the host's libvirtd, its guests or its files.

import { runCommand } from "../../lib/firewall/run_command.ts";

const NAME = "libvirtd-hnet";

export interface NetnsLibvirtd {
  /** qemu+unix:///system?socket=…: its own socket, reachable from this namespace. */
  uri: string;
  /** `virsh -c URI ARGS`: stdout, or throws with virsh's words. */
  virsh(...args: string[]): Promise<string>;
  /** Its log, for a failing test's message. */
  log(): Promise<string>;
  /** Destroys its guests, stops it and ends anything it left; idempotent. */
  stop(): Promise<void>;
}

// QEMU as root with no security driver: the test's files stay in its private folder (mode 700)
// and no label is written on them. No cgroups, no virtlogd: nothing shared with the host's daemon.
const QEMU_CONF = `user = "root"
group = "root"
dynamic_ownership = 0
security_driver = "none"
cgroup_controllers = [ ]
stdio_handler = "file"
`;

// Binds the test's folders over libvirt's, inside a mount namespace that only this daemon and
// its QEMUs share (`ip netns exec` puts it in the network namespace and remounts /sys for it).
const START = `B=$1
mount --bind "$B/run" /run/libvirt
mount --bind "$B/lib" /var/lib/libvirt
mount --bind "$B/cache" /var/cache/libvirt
mount --bind "$B/log" /var/log/libvirt
mount --bind "$B/etc" /etc/libvirt
exec "$B/bin/${NAME}" -d -p "$B/run/libvirtd.pid"`;

/** Whether `pid` is a live process named `comm` (a zombie is gone: it only awaits its reaper). */
async function alive(pid: number, comm: string): Promise<boolean> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`).catch(() => "");
  return status.includes(`Name:\t${comm}\n`) && !/^State:\s+Z/m.test(status);
}

async function pidIn(file: string): Promise<number | null> {
  const pid = Number((await Deno.readTextFile(file).catch(() => "")).trim());
  return pid > 0 ? pid : null;
}

/** `signal`, then KILL after `ms`; resolves once the process is gone. */
async function end(pid: number, comm: string, signal: Deno.Signal, ms: number): Promise<void> {
  if (!(await alive(pid, comm))) return;
  Deno.kill(pid, signal);
  for (const stop = Date.now() + ms; Date.now() < stop;) {
    if (!(await alive(pid, comm))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (await alive(pid, comm)) Deno.kill(pid, "SIGKILL");
}

/**
 * Starts a libvirtd in network namespace `netns` with its state in `base` (a folder of the
 * test's own, removed by the test), and waits until it answers. Fails loudly when libvirtd or
 * QEMU is missing.
 */
export async function startNetnsLibvirtd(netns: string, base: string): Promise<NetnsLibvirtd> {
  for (const tool of ["/usr/sbin/libvirtd", "/usr/bin/qemu-system-x86_64", "/usr/bin/virsh"]) {
    await Deno.stat(tool).catch(() => {
      throw new Error(`${tool} is missing: bash scripts/install-test-deps.sh installs it`);
    });
  }
  for (const d of ["bin", "run", "lib", "cache", "log", "etc"]) {
    await Deno.mkdir(`${base}/${d}`, { recursive: true });
  }
  await Deno.symlink("/usr/sbin/libvirtd", `${base}/bin/${NAME}`);
  await Deno.writeTextFile(
    `${base}/etc/libvirtd.conf`,
    `log_outputs = "3:file:/var/log/libvirt/libvirtd.log"\n`,
  );
  await Deno.writeTextFile(`${base}/etc/qemu.conf`, QEMU_CONF);
  // The host daemon's probe of this QEMU, when it has one: libvirt checks that it still fits
  // (QEMU's and libvirtd's binaries, the kernel) and probes again when not; probing costs about
  // 7 s of CPU.
  const probed = await runCommand("cp", ["-r", "/var/cache/libvirt/qemu", `${base}/cache/`]);
  if (probed.code !== 0 && !probed.stderr.includes("No such file")) {
    throw new Error(`copying libvirt's QEMU probe: ${probed.stderr}`);
  }
  const socket = `${base}/run/libvirt-sock`;
  const uri = `qemu+unix:///system?socket=${socket}`;
  const virsh = async (...args: string[]) => {
    const out = await runCommand("virsh", ["-q", "-c", uri, ...args]);
    if (out.code !== 0) throw new Error(`virsh ${args.join(" ")}: ${out.stderr || out.stdout}`);
    return out.stdout;
  };
  const log = () => Deno.readTextFile(`${base}/log/libvirtd.log`).catch(() => "(no log)");
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const names = await virsh("list", "--all", "--name").catch(() => "");
    for (const name of names.split("\n").map((s) => s.trim()).filter(Boolean)) {
      await virsh("destroy", name).catch(() => {});
    }
    // With no guest left it holds nothing that outlives it, and its graceful stop takes 2 s.
    const pid = await pidIn(`${base}/run/libvirtd.pid`);
    if (pid) await end(pid, NAME, "SIGKILL", 5_000);
    // A QEMU its daemon could not destroy (the daemon hung): by the pid file it wrote.
    const qemuRun = `${base}/run/qemu`;
    const pidFiles = await Array.fromAsync(Deno.readDir(qemuRun)).catch(() => []);
    for (const e of pidFiles.filter((e) => e.name.endsWith(".pid"))) {
      const qemu = await pidIn(`${qemuRun}/${e.name}`);
      if (qemu) await end(qemu, "qemu-system-x86", "SIGTERM", 2_000);
    }
  };
  const started = await runCommand("ip", [
    "netns",
    "exec",
    netns,
    "unshare",
    "-m",
    "--propagation",
    "private",
    "bash",
    "-euc",
    START,
    "netns-libvirtd",
    base,
  ]);
  if (started.code !== 0) {
    await stop();
    throw new Error(`libvirtd in ${netns} did not start: ${started.stderr}\n${await log()}`);
  }
  for (const until = Date.now() + 60_000; Date.now() < until;) {
    if (await virsh("version").then(() => true, () => false)) return { uri, virsh, log, stop };
    const pid = await pidIn(`${base}/run/libvirtd.pid`);
    if (pid && !(await alive(pid, NAME))) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const tail = (await log()).split("\n").slice(-20).join("\n");
  await stop();
  throw new Error(`libvirtd in ${netns} did not answer at ${uri}:\n${tail}`);
}
