// The host health gate. Before a test module talks to the host's real libvirtd, the gate makes
// one quick check: libvirtd's socket is there, /dev/kvm still belongs to the kvm group, and a
// tiny domain is defined and undefined within 5 s each. A sick host then costs the run one clear
// line and a failed test per real-libvirt file, not an hour of 60-second libvirt deadlines: a
// run on a host whose /dev/kvm had lost its group (so libvirt re-probed QEMU at every define)
// once waited out every real-QEMU test's deadline, one after another, for 35 minutes.
//
// The verdict is kept per test process (in its environment): once the host is found sick, every
// later real-libvirt module of the same run fails at once without asking libvirtd again. A healthy verdict is not kept: each module probes anew, so a host that
// falls sick between files is caught at the next one.
//
// Run as a program (`deno run -A tests/harness/libvirt_gate.ts`), it probes and prints the verdict.

/** Each libvirt step of the probe must answer within this. */
export const GATE_STEP_MS = 5_000;
/** Names of the probe's domains: kvmm-test-gate-PID-N. */
export const GATE_DOMAIN_PREFIX = "kvmm-test-gate-";

export interface GateTarget {
  /** The libvirt URI the tests use. */
  uri: string;
  /** libvirtd's socket for that URI, or null when the URI is not a local one. */
  socket: string | null;
  /** The KVM device node libvirt's QEMU driver opens. */
  devKvm: string;
  /** The pty multiplexer QEMU opens for a guest's serial console. */
  devPtmx: string;
}

/**
 * What the tests use, unless KVMM_GATE_URI names another daemon (only the gate's own test does,
 * to point the gate at a daemon it made sick).
 */
export function defaultTarget(): GateTarget {
  const uri = Deno.env.get("KVMM_GATE_URI") ?? "qemu:///system";
  return {
    uri,
    socket: uri === "qemu:///system" ? "/run/libvirt/libvirt-sock" : null,
    devKvm: Deno.env.get("KVMM_GATE_DEV_KVM") ?? "/dev/kvm",
    devPtmx: "/dev/ptmx",
  };
}

/** The one line a sick host gets: what is wrong, then what to check. */
export class HostSick extends Error {
  override name = "HostSick";
}

const LINE_START = "host health gate: ";

function groupName(gid: number): string | null {
  try {
    for (const line of Deno.readTextFileSync("/etc/group").split("\n")) {
      const [name, , id] = line.split(":");
      if (Number(id) === gid && id !== "") return name;
    }
  } catch { /* no /etc/group: nameless */ }
  return null;
}

function groupId(name: string): number | null {
  try {
    for (const line of Deno.readTextFileSync("/etc/group").split("\n")) {
      const [n, , id] = line.split(":");
      if (n === name) return Number(id);
    }
  } catch { /* no /etc/group */ }
  return null;
}

/**
 * /dev/kvm must belong to the kvm group. When it does not, libvirt's QEMU driver finds the
 * capabilities it cached stale and probes QEMU again at every define (60 s and more each).
 * No /dev/kvm at all is fine (TCG only); no kvm group is fine too (nothing to compare with).
 */
export function checkDevKvm(path: string): string | null {
  let gid: number | null;
  try {
    gid = Deno.statSync(path).gid;
  } catch {
    return null;
  }
  const kvm = groupId("kvm");
  if (kvm === null || gid === null || gid === kvm) return null;
  const name = groupName(gid);
  return `${path} belongs to group ${name ?? "(none)"} (gid ${gid}), not kvm (gid ${kvm}): ` +
    `libvirt probes QEMU again at every define; check \`stat -c %G ${path}\` and restore it ` +
    `with \`chgrp kvm ${path}\` (was a chroot given the host's /dev? see ../shared/TESTBED.md)`;
}

/**
 * /dev/ptmx must be the pty multiplexer every user may open: QEMU (running as libvirt-qemu) makes
 * each guest's serial console there, and a guest with one fails at start with "Failed to create
 * PTY: Permission denied" when /dev/ptmx became a link to a devpts whose ptmx nobody may open (a
 * libvirt run in a chroot once replaced the host's with such a link, and every guest then failed).
 */
export function checkDevPtmx(path: string): string | null {
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(path);
  } catch {
    return `${path} is missing: QEMU cannot make a guest's serial console; restore it with ` +
      `\`mknod -m 666 ${path} c 5 2\``;
  }
  const everyone = ((info.mode ?? 0) & 0o006) === 0o006;
  const device = info.isCharDevice === true ||
    (info.isSymlink && ((Deno.statSync(path).mode ?? 0) & 0o006) === 0o006);
  if (device && (info.isSymlink || everyone)) return null;
  return `${path} is not a pty multiplexer everyone may open ` +
    `(${
      info.isSymlink
        ? `a link to ${Deno.readLinkSync(path)}`
        : "mode " + (info.mode! & 0o777).toString(8)
    }` +
    `): every guest with a serial console fails to start ("Failed to create PTY"); restore it ` +
    `with \`rm ${path} && mknod -m 666 ${path} c 5 2\` (was a chroot given the host's /dev? ` +
    "see docs/tests.md)";
}

function checkSocket(path: string | null): string | null {
  if (path === null) return null;
  try {
    if (Deno.statSync(path).isSocket) return null;
  } catch { /* missing */ }
  return `libvirtd is not running: no socket at ${path}; ` +
    "start it with scripts/install-test-deps.sh (as root)";
}

interface Step {
  ok: boolean;
  timedOut: boolean;
  out: string;
  ms: number;
}

async function virshStep(uri: string, args: string[], stdin?: string): Promise<Step> {
  const started = performance.now();
  const child = new Deno.Command("virsh", {
    args: ["-q", "-c", uri, ...args],
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const overdue = new Promise<"overdue">((resolve) => {
    timer = setTimeout(() => resolve("overdue"), GATE_STEP_MS);
  });
  const done = child.output();
  const first = await Promise.race([done, overdue]);
  clearTimeout(timer);
  if (first === "overdue") {
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
    await done.catch(() => {});
    return { ok: false, timedOut: true, out: "", ms: performance.now() - started };
  }
  const text = new TextDecoder();
  const out = (text.decode(first.stderr) + text.decode(first.stdout)).trim();
  return { ok: first.success, timedOut: false, out, ms: performance.now() - started };
}

let probeCount = 0;

/** The probe's domain: no disk, no device, never started; defining it is all the gate asks. */
function gateDomainXml(name: string): string {
  return `<domain type='qemu'><name>${name}</name><memory unit='MiB'>16</memory>` +
    `<os><type arch='x86_64'>hvm</type></os></domain>`;
}

/** Domains of earlier probes whose process is gone (a define that answered after its deadline). */
async function removeStaleGateDomains(uri: string): Promise<void> {
  const list = await virshStep(uri, ["list", "--all", "--name"]);
  if (!list.ok) return;
  for (const name of list.out.split("\n").map((s) => s.trim())) {
    const pid = new RegExp(`^${GATE_DOMAIN_PREFIX}(\\d+)-\\d+$`).exec(name)?.[1];
    if (pid && !exists(`/proc/${pid}`)) await virshStep(uri, ["undefine", name]);
  }
}

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Checks the host once; null when it is healthy, else the one line that says what is wrong. */
export async function probeHost(target: GateTarget = defaultTarget()): Promise<string | null> {
  const sick = checkSocket(target.socket) ?? checkDevKvm(target.devKvm) ??
    checkDevPtmx(target.devPtmx);
  if (sick) return LINE_START + sick;
  const name = `${GATE_DOMAIN_PREFIX}${Deno.pid}-${++probeCount}`;
  const define = await virshStep(target.uri, ["define", "/dev/stdin"], gateDomainXml(name));
  if (define.timedOut) {
    return LINE_START + `libvirtd did not define a tiny domain within ${GATE_STEP_MS / 1000} s ` +
      `on ${target.uri}: every define would wait out its deadline; check \`stat -c %G /dev/kvm\` ` +
      "(kvm), libvirtd's log and `virsh domcapabilities` (QEMU's capabilities probe); " +
      `remove ${name} once libvirtd answers`;
  }
  if (!define.ok) {
    return LINE_START +
      `libvirtd refused a tiny domain's define on ${target.uri}: ${firstLine(define.out)}; ` +
      "is libvirtd running? (scripts/install-test-deps.sh)";
  }
  const undefine = await virshStep(target.uri, ["undefine", name]);
  if (undefine.timedOut || !undefine.ok) {
    return LINE_START + `libvirtd defined ${name} but did not undefine it within ` +
      `${GATE_STEP_MS / 1000} s on ${target.uri}${
        undefine.ok ? "" : `: ${firstLine(undefine.out)}`
      }` +
      `; check libvirtd's log, then \`virsh undefine ${name}\``;
  }
  await removeStaleGateDomains(target.uri);
  return null;
}

function firstLine(text: string): string {
  return text.split("\n").find((l) => l.trim())?.trim().slice(0, 300) ?? "(no message)";
}

// ---- the verdict of this test process ----

/**
 * The verdict is kept in this process's environment, which every test module of a `deno test`
 * run shares (each module has its own isolate, but one process): nothing is left on the host.
 */
const VERDICT_VAR = "KVMM_GATE_SICK";

/** The line this process's run was stopped with, if the host was found sick. */
export function keptVerdict(): string | null {
  return Deno.env.get(VERDICT_VAR) || null;
}

function keepVerdict(line: string): void {
  Deno.env.set(VERDICT_VAR, line);
}

/**
 * How long a healthy verdict stands: a module that lives long (the guests' lane loads its files in
 * one isolate) probes again as it goes, so a host that falls sick mid-run is named within a file
 * or two instead of after each test's deadline. A probe is a define and an undefine, about 60 ms.
 */
export const REPROBE_MS = 60_000;

let checked: { at: number; line: Promise<string | null> } | null = null;
let lastLine: string | null = null;

/**
 * The gate for this module: the kept verdict if the run already found the host sick, else one
 * probe per module (the result shared by every caller in it), again once a healthy verdict is
 * REPROBE_MS old. Prints the line once per run.
 */
export function gate(target: GateTarget = defaultTarget()): Promise<string | null> {
  const stale = checked !== null && lastLine === null && Date.now() - checked.at > REPROBE_MS;
  if (checked === null || stale) {
    const line = (async () => {
      const kept = keptVerdict();
      if (kept) return kept;
      const line = await probeHost(target);
      if (line) {
        keepVerdict(line);
        console.error(`\n${line}\nThe real-libvirt tests of this run stop here.\n`);
      }
      return line;
    })();
    checked = { at: Date.now(), line };
    line.then((l) => lastLine = l, () => {});
  }
  return checked.line;
}

/** Throws the gate's line when the host is sick: for helpers that are about to use libvirtd. */
export async function requireHealthyHost(): Promise<void> {
  const line = await gate();
  if (line) throw new HostSick(line);
}

if (import.meta.main) {
  const line = await probeHost();
  console.log(line ?? `host health gate: ${defaultTarget().uri} is healthy`);
  Deno.exit(line ? 1 : 0);
}
