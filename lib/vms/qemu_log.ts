// A VM's QEMU log (libvirt's QEMU driver writes each VM's command line and stderr to
// `<log dir>/<name>.log`, on the machine the libvirtd runs on), read safely: opened without
// following a link, only a regular file inside the log folder, at most the end of it. Two uses:
// the tail for admins looking at why a VM paused, crashed or failed to start (readQemuLogTail),
// and the lines of one task's moment picked out by their timestamps (qemuLogLines: libvirt
// writes "2026-11-25 21:20:35.605+0000: …", QEMU run with `-msg timestamp=on` writes
// "2026-11-25T21:20:35.605123Z qemu-system-x86_64: …"; lines without one, such as the command
// line, belong to the stamped line before them).

import { closeFd, openNoFollow } from "../../ffi/libc/files.ts";
import type { QemuLogTail } from "../../shared/vm_state_reason.ts";
import { sameMachine } from "../this_host/same_machine.ts";
import { readInto } from "../storage/read_into.ts";
import { whereOpened } from "../storage/pinned_file.ts";

/** Where libvirtd's system instance keeps each QEMU VM's log. */
export const QEMU_LOG_DIR = "/var/log/libvirt/qemu";
/** The same folder, by the name the state-reason code uses. */
export const SYSTEM_QEMU_LOG_DIR = QEMU_LOG_DIR;
/** Lines and bytes of a log's end the tail shows at most. */
export const LOG_TAIL_LINES = 40;
export const LOG_TAIL_BYTES = 16 * 1024;
/** The most of a log's end read: enough for many starts, never the whole of a big file. */
export const READ_MAX = 256 * 1024;
/** Lines given when the log has no timestamps at all. */
export const TAIL_LINES = 40;
/** Lines given for one moment at most (the newest of them). */
export const MOMENT_LINES = 200;
/** Slack around a task's window: the log is written by another process, a little apart. */
const SLACK_MS = 2_000;

/** A log's lines of one moment, or why there are none. */
export interface QemuLogLines {
  /** Whether the log could be read. */
  found: boolean;
  lines: string[];
  /** True when the log has no timestamps and `lines` is its end. */
  tail: boolean;
}

/** Whether `name` can be a VM's log file name: no folder part, not hidden. */
export function safeLogName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !name.includes("/") && !name.includes("\0") &&
    !name.startsWith(".");
}

/**
 * The end (at most `max` bytes) of `dir`/`name`.log, or null when it is missing, a link, not a
 * regular file, or outside `dir`.
 */
export async function readLogEnd(
  name: string,
  options: { dir?: string; max?: number } = {},
): Promise<string | null> {
  return (await readEnd(name, options))?.text ?? null;
}

/** readLogEnd's text, and whether the file had more before it. */
async function readEnd(
  name: string,
  { dir = QEMU_LOG_DIR, max = READ_MAX }: { dir?: string; max?: number },
): Promise<{ text: string; cut: boolean } | null> {
  if (!safeLogName(name)) return null;
  const fd = await openNoFollow(`${dir}/${name}.log`);
  if (fd === null) return null;
  try {
    const self = `/proc/self/fd/${fd}`;
    const { real, folder: dirReal, info } = await whereOpened(fd, dir);
    // A second name (a hard link planted as NAME.log) could be any file of the same disk.
    if (
      !info.isFile || info.nlink !== 1 || !real.startsWith(`${dirReal}/`) ||
      real.endsWith(" (deleted)")
    ) {
      return null;
    }
    using file = await Deno.open(self, { read: true });
    const start = Math.max(0, info.size - max);
    await file.seek(start, Deno.SeekMode.Start);
    const buf = new Uint8Array(Math.min(max, info.size));
    const got = await readInto(file, buf);
    let text = new TextDecoder().decode(buf.subarray(0, got));
    // Read from the middle of a line: drop that part.
    if (start > 0) text = text.slice(text.indexOf("\n") + 1);
    return { text: text.replace(CONTROLS, ""), cut: start > 0 };
  } catch {
    return null;
  } finally {
    await closeFd(fd);
  }
}

// Control characters but tab and newline: what a terminal would act on has no place in a page.
// deno-lint-ignore no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;

const STAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?/;

/** The time a log line starts with, in ms since the epoch; null when it has none. */
export function lineTime(line: string): number | null {
  const m = STAMP.exec(line);
  if (!m) return null;
  const frac = m[3] ? m[3].slice(0, 4) : "";
  let zone = m[4] ?? "Z";
  if (zone !== "Z" && !zone.includes(":")) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${m[1]}T${m[2]}${frac}${zone}`);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The lines of `text` from `from` to `to` (ms; `to` null: until now), each unstamped line with
 * the stamped one before it; the last TAIL_LINES when no line has a timestamp.
 */
export function linesOfMoment(text: string, from: number, to: number | null): QemuLogLines {
  const all = text.split("\n");
  if (all.at(-1) === "") all.pop();
  let stamped = false;
  let inside = false;
  const picked: string[] = [];
  const end = (to ?? Infinity) + SLACK_MS;
  for (const line of all) {
    const at = lineTime(line);
    if (at !== null) {
      stamped = true;
      inside = at >= from - SLACK_MS && at <= end;
    }
    if (inside) picked.push(line);
  }
  if (!stamped) return { found: true, lines: all.slice(-TAIL_LINES), tail: true };
  return { found: true, lines: picked.slice(-MOMENT_LINES), tail: false };
}

/** A local VM's QEMU log lines from `from` to `to`; `found` false when there is no log to read. */
export async function qemuLogLines(
  name: string,
  from: number,
  to: number | null,
  options: { dir?: string; max?: number } = {},
): Promise<QemuLogLines> {
  const text = await readLogEnd(name, options);
  if (text === null) return { found: false, lines: [], tail: false };
  return linesOfMoment(text, from, to);
}

/**
 * The log dir of a local qemu:// URI; null for any other URI (a remote host's files are out of
 * reach, the test driver has none).
 */
export function qemuLogDir(uri: string): string | null {
  if (!sameMachine(uri)) return null;
  const url = new URL(uri);
  if (url.pathname === "/system") return SYSTEM_QEMU_LOG_DIR;
  if (url.pathname === "/session") {
    const home = Deno.env.get("HOME");
    const cache = Deno.env.get("XDG_CACHE_HOME") || (home ? `${home}/.cache` : null);
    return cache ? `${cache}/libvirt/qemu/log` : null;
  }
  return null;
}

/**
 * The last `lines` lines (at most `bytes` bytes) of `<dir>/<name>.log`; `available: false` when
 * the VM has no such file, or it is a link, not a regular file, or outside `dir`.
 */
export async function readQemuLogTail(
  dir: string,
  name: string,
  { lines = LOG_TAIL_LINES, bytes = LOG_TAIL_BYTES } = {},
): Promise<QemuLogTail> {
  const end = await readEnd(name, { dir, max: bytes });
  if (end === null) return { available: false, lines: [] };
  const all = end.text.split("\n");
  if (all.at(-1) === "") all.pop();
  return {
    available: true,
    path: `${dir}/${name}.log`,
    lines: all.slice(-lines),
    truncated: end.cut || all.length > lines,
  };
}
