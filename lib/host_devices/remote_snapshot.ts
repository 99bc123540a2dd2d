// A remote host's sysfs and procfs, as far as the host-use checks read them, fetched in one ssh
// session: a fixed POSIX sh script (no text of ours or the user's in it; only /sys and /proc as
// its arguments) prints each file line, resolved link and directory entry the walk in
// host_use.ts may ask for, and the rows become a HostFiles answering from memory. libvirt does
// not say which NIC carries a host's default route or which controller its root disk is on, so
// for an ssh host we ask the host, as libvirt's own ssh transport does for its helper.

import { type HostFiles, localHostFiles } from "./host_files.ts";
import { sshCommandFor, startSsh } from "../connection_uri/ssh_command.ts";
import { joinBytes } from "../../shared/bytes.ts";
import { onThisMachine } from "../this_host/same_machine.ts";
import { writeInput } from "../command_io.ts";

/**
 * Rows `T path line` (a text file's lines), `R path real-path` and `D dir name`, tab-separated.
 * $1 is sysfs, $2 procfs. Reads nothing else and writes nothing.
 */
export const SNAPSHOT_SCRIPT = `
sys=$1 proc=$2
row() { printf '%s\\t%s\\t%s\\n' "$1" "$2" "$3"; }
text() {
  [ -r "$1" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do row T "$1" "$line"; done < "$1"
}
there() { [ -e "$1" ] || [ -L "$1" ]; }
text "$proc/net/route"
text "$proc/net/ipv6_route"
text "$proc/self/mountinfo"
text "$proc/cmdline"
for n in "$sys"/class/net/*; do
  there "$n" || continue
  there "$n/device" && row R "$n/device" "$(readlink -f "$n/device")"
  for e in "$n"/brif/*; do there "$e" && row D "$n/brif" "\${e##*/}"; done
  for e in "$n"/lower_*; do there "$e" && row D "$n" "\${e##*/}"; done
done
for b in "$sys"/dev/block/* "$sys"/class/block/*; do
  there "$b" || continue
  r=$(readlink -f "$b")
  row R "$b" "$r"
  for s in "$r"/slaves/*; do there "$s" && row D "$r/slaves" "\${s##*/}"; done
done
for d in "$sys"/bus/pci/devices/*; do
  there "$d" || continue
  row D "$sys/bus/pci/devices" "\${d##*/}"
  text "$d/boot_vga"
done
exit 0
`;

/** Far more than any host prints (a few hundred rows); past it the answer is refused. */
export const MAX_SNAPSHOT_BYTES = 4 * 1024 * 1024;

/** The script's rows as a HostFiles over the given sysfs and procfs roots. */
export function snapshotFiles(rows: string, roots: { sys: string; proc: string }): HostFiles {
  const texts = new Map<string, string[]>();
  const links = new Map<string, string>();
  const dirs = new Map<string, Set<string>>();
  for (const row of rows.split("\n")) {
    const first = row.indexOf("\t");
    const second = row.indexOf("\t", first + 1);
    if (first !== 1 || second < 0) continue;
    const [kind, path, value] = [row[0], row.slice(2, second), row.slice(second + 1)];
    if (kind === "T") texts.set(path, [...texts.get(path) ?? [], value]);
    else if (kind === "R" && value !== "") links.set(path, value);
    else if (kind === "D") dirs.set(path, (dirs.get(path) ?? new Set()).add(value));
  }
  return {
    ...roots,
    realPath: (path) => Promise.resolve(links.get(path) ?? null),
    readText: (path) => {
      const lines = texts.get(path);
      return Promise.resolve(lines ? lines.map((l) => `${l}\n`).join("") : "");
    },
    readDir: (dir) => Promise.resolve([...dirs.get(dir) ?? []].sort()),
  };
}

/**
 * Runs the script with `command` (argv; the script goes to its stdin) and reads its rows,
 * bounded in time and size. Throws Error with what went wrong (ssh's own last words).
 */
export async function readSnapshot(
  command: string[],
  roots: { sys: string; proc: string },
  timeoutMs = 20_000,
): Promise<HostFiles> {
  const ssh = startSsh(command);
  const child = ssh.child;
  const kill = () => ssh.stop("SIGKILL");
  const timer = setTimeout(kill, timeoutMs);
  try {
    await writeInput(child, SNAPSHOT_SCRIPT);
    const [out, err, status] = await Promise.all([
      readBounded(child.stdout, MAX_SNAPSHOT_BYTES, kill),
      readBounded(child.stderr, 64 * 1024, () => {}),
      child.status,
    ]);
    if (out === null) throw new Error(`more than ${MAX_SNAPSHOT_BYTES} bytes`);
    if (!status.success) {
      const words = (err ?? "").trim().split("\n").filter((l) => l.trim() !== "").at(-1);
      throw new Error(
        status.signal === "SIGKILL" && !words ? `no answer in ${timeoutMs / 1000} s` : words ??
          `exit ${status.code}`,
      );
    }
    return snapshotFiles(out, roots);
  } finally {
    clearTimeout(timer);
  }
}

/** The stream's text, or null once it passes `max` bytes (then `onTooMuch` is called). */
async function readBounded(
  stream: ReadableStream<Uint8Array>,
  max: number,
  onTooMuch: () => void,
): Promise<string | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > max) {
      onTooMuch();
      return null; // leaving the loop cancels the stream
    }
    chunks.push(chunk);
  }
  return new TextDecoder().decode(joinBytes(chunks));
}

/** How long a remote host's snapshot is used before it is read again. */
const FRESH_MS = 60_000;
/** How long a failed read is remembered, so a page's refreshes do not each wait for ssh. */
const FAILED_MS = 15_000;

/** Where a host's sysfs and procfs come from for the host-use checks. */
export interface HostFilesSource {
  /** The host's files; throws Error with why when they cannot be read now. */
  read(): Promise<HostFiles>;
}

/**
 * A remote host's files read over ssh (the URI's user, key and known_hosts), one session a
 * minute at most, shared by concurrent callers; null when the URI is no ssh transport.
 */
export function sshHostFiles(uri: string, now = Date.now): HostFilesSource | null {
  const roots = { sys: "/sys", proc: "/proc" };
  const command = sshCommandFor(uri, `sh -s -- ${roots.sys} ${roots.proc}`);
  if (!command) return null;
  let last: { at: number; read: Promise<HostFiles>; failed: boolean } | null = null;
  return {
    read() {
      if (last && now() - last.at < (last.failed ? FAILED_MS : FRESH_MS)) return last.read;
      const entry = { at: now(), read: readSnapshot(command, roots), failed: false };
      // Callers await it; this only marks it (and keeps a rejection from going unhandled).
      entry.read.catch(() => entry.failed = true);
      last = entry;
      return entry.read;
    },
  };
}

/**
 * Where the devices a host needs itself are read (its sysfs and procfs; libvirt does not tell):
 * this machine's for a URI on it (`onThisMachine`: qemu:///system, qemu+unix://, test://), a remote
 * host's over ssh for qemu+ssh:// and qemu+libssh://, none for TLS and TCP hosts.
 */
export function hostFilesOf(uri: string): HostFilesSource | null {
  const local = localHostFiles();
  if (onThisMachine(uri)) return { read: () => Promise.resolve(local) };
  return sshHostFiles(uri);
}
