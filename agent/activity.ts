// What is going on in the guest: who is logged in (utmp) and the busiest processes (/proc),
// read straight from the kernel's and libc's files, so no command has to be allowed for them.

import { listKernelDir, readKernelFile } from "./kernel_files.ts";
import { invalidParams } from "./errors.ts";
import { onlyKeys, optionalInteger, type Params } from "./params.ts";
import type { GuestProcess, GuestUser, ProcessesResult, UsersResult } from "./protocol.ts";

/** Where glibc keeps the login records (`/var/run` is a link to `/run` on current systems). */
export const UTMP_PATHS = ["/run/utmp", "/var/run/utmp"];

// struct utmp on Linux (glibc, x86_64 and aarch64 alike: 32-bit time fields): 384 bytes.
// https://man7.org/linux/man-pages/man5/utmp.5.html
const RECORD = 384;
const USER_PROCESS = 7;
const FIELD = {
  type: 0,
  pid: 4,
  line: [8, 32],
  user: [44, 32],
  host: [76, 256],
  seconds: 340,
  micros: 344,
} as const;

const text = (bytes: Uint8Array, [at, size]: readonly [number, number]) => {
  const field = bytes.subarray(at, at + size);
  const end = field.indexOf(0);
  return new TextDecoder().decode(end < 0 ? field : field.subarray(0, end));
};

/**
 * The login sessions in a utmp file's bytes: USER_PROCESS records only; `alive` drops those
 * whose process is gone (a crashed login leaves its record behind).
 */
export function parseUtmp(bytes: Uint8Array, alive: (pid: number) => boolean = () => true) {
  const users: GuestUser[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + RECORD <= bytes.length; at += RECORD) {
    const record = bytes.subarray(at, at + RECORD);
    if (view.getInt16(at + FIELD.type, true) !== USER_PROCESS) continue;
    const pid = view.getInt32(at + FIELD.pid, true);
    const name = text(record, FIELD.user);
    if (!name || !alive(pid)) continue;
    const seconds = view.getInt32(at + FIELD.seconds, true);
    const micros = view.getInt32(at + FIELD.micros, true);
    users.push({
      name,
      terminal: text(record, FIELD.line),
      host: text(record, FIELD.host),
      login_time_ms: seconds * 1000 + Math.floor(micros / 1000),
    });
  }
  return users;
}

const processExists = (pid: number) => {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch (err) {
    // Not ours to see (a narrow --allow-read): counted as there, as utmp says.
    return !(err instanceof Deno.errors.NotFound);
  }
};

/** `get_users`: who is logged in, from the first utmp file there is (none: no one). */
export async function getUsers(params: Params): Promise<UsersResult> {
  onlyKeys(params, []);
  for (const path of UTMP_PATHS) {
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(path);
    } catch {
      continue;
    }
    return { users: parseUtmp(bytes, processExists) };
  }
  return { users: [] };
}

/** One process's counters from /proc/PID/stat and /proc/PID/status. */
interface ProcSample {
  pid: number;
  name: string;
  ticks: number;
  uid: number | null;
  rssBytes: number;
}

/**
 * Parses /proc/PID/stat: the name sits in parentheses and may hold spaces or ")", so fields are
 * counted from the last ")". utime and stime are fields 14 and 15 (proc(5)).
 */
export function parseStat(text: string): { name: string; ticks: number } | null {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return null;
  const rest = text.slice(close + 2).split(" ");
  // rest[0] is field 3 (state); utime is field 14, stime 15.
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return { name: text.slice(open + 1, close), ticks: utime + stime };
}

/** VmRSS (bytes) and the real uid from /proc/PID/status; kernel threads have no VmRSS. */
export function parseStatus(text: string): { uid: number | null; rssBytes: number } {
  const uid = /^Uid:\s+(\d+)/m.exec(text);
  const rss = /^VmRSS:\s+(\d+) kB/m.exec(text);
  return { uid: uid ? Number(uid[1]) : null, rssBytes: rss ? Number(rss[1]) * 1024 : 0 };
}

async function sampleOne(pid: number): Promise<ProcSample | null> {
  const [stat, status] = await Promise.all([
    readKernelFile(`/proc/${pid}/stat`),
    readKernelFile(`/proc/${pid}/status`),
  ]);
  const parsed = stat ? parseStat(stat) : null;
  if (!parsed || status === null) return null; // it ended meanwhile
  return { pid, ...parsed, ...parseStatus(status) };
}

async function sampleAll(): Promise<Map<number, ProcSample>> {
  const names = (await listKernelDir("/proc")) ?? [];
  const pids = names.filter((n) => /^\d+$/.test(n)).map(Number);
  const samples = new Map<number, ProcSample>();
  // In slices: a guest with thousands of processes must not open thousands of files at once.
  for (let i = 0; i < pids.length; i += 64) {
    const slice = await Promise.all(pids.slice(i, i + 64).map(sampleOne));
    for (const s of slice) if (s) samples.set(s.pid, s);
  }
  return samples;
}

/** uid → user name from /etc/passwd. */
async function userNames(): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  const passwd = await Deno.readTextFile("/etc/passwd").catch(() => "");
  for (const line of passwd.split("\n")) {
    const [name, , uid] = line.split(":");
    if (name && uid && /^\d+$/.test(uid)) names.set(Number(uid), name);
  }
  return names;
}

/** The command line (NUL-separated in /proc), shortened; "[name]" for a kernel thread. */
async function commandLine(pid: number, name: string): Promise<string> {
  const raw = await readKernelFile(`/proc/${pid}/cmdline`);
  const line = (raw ?? "").replaceAll("\0", " ").trim();
  if (!line) return `[${name}]`;
  return line.length > 256 ? `${line.slice(0, 255)}…` : line;
}

/** The kernel's clock ticks per second for /proc's CPU times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/**
 * `get_processes`: every process sampled twice `sample_ms` apart; the busiest `limit` by CPU
 * (what they used between the samples) or by resident memory.
 */
export async function getProcesses(params: Params): Promise<ProcessesResult> {
  onlyKeys(params, ["limit", "sort", "sample_ms"]);
  const limit = optionalInteger(params, "limit", 1, 100) ?? 15;
  const sampleMs = optionalInteger(params, "sample_ms", 100, 2000) ?? 500;
  const sort = params.sort ?? "cpu";
  if (sort !== "cpu" && sort !== "memory") {
    throw invalidParams('params.sort must be "cpu" or "memory"');
  }
  const before = await sampleAll();
  const started = performance.now();
  await new Promise((r) => setTimeout(r, sampleMs));
  const after = await sampleAll();
  const seconds = (performance.now() - started) / 1000;
  const names = await userNames();
  const rows = [...after.values()].map((p) => {
    const used = Math.max(0, p.ticks - (before.get(p.pid)?.ticks ?? p.ticks));
    const cpu = Math.round(used / USER_HZ / seconds * 1000) / 10;
    return { p, cpu };
  });
  rows.sort((a, b) =>
    sort === "cpu"
      ? b.cpu - a.cpu || b.p.rssBytes - a.p.rssBytes || a.p.pid - b.p.pid
      : b.p.rssBytes - a.p.rssBytes || b.cpu - a.cpu || a.p.pid - b.p.pid
  );
  const processes: GuestProcess[] = await Promise.all(
    rows.slice(0, limit).map(async ({ p, cpu }) => ({
      pid: p.pid,
      name: p.name,
      user: p.uid === null ? "?" : names.get(p.uid) ?? String(p.uid),
      cpu_percent: cpu,
      memory_bytes: p.rssBytes,
      command: await commandLine(p.pid, p.name),
    })),
  );
  return { processes, total: after.size, sample_ms: sampleMs };
}
