// The tail of a VM's QEMU log, for admins looking at why it paused, crashed or failed to start:
// libvirt's QEMU driver writes each VM's QEMU command line and stderr to `<log dir>/<name>.log`
// (on the machine the libvirtd runs on). The file is opened without following a link in its
// last name and only its last bytes are read, so a link swapped in or a huge log cannot make
// the server read anything else, or much.

import { closeFd, openNoFollow } from "../../ffi/libc/files.ts";
import type { QemuLogTail } from "../../shared/vm_state_reason.ts";

/** Where the system libvirtd's QEMU driver writes its VMs' logs. */
export const SYSTEM_QEMU_LOG_DIR = "/var/log/libvirt/qemu";

/** Lines and bytes of a log's end that are read at most. */
export const LOG_TAIL_LINES = 40;
export const LOG_TAIL_BYTES = 16 * 1024;

/**
 * The log dir of a local qemu:// URI; null for any other URI (a remote host's files are out of
 * reach, the test driver has none).
 */
export function qemuLogDir(uri: string): string | null {
  const url = URL.parse(uri);
  // qemu:///system and qemu+unix:///system talk to this machine's libvirtd; a host name or
  // another transport means another machine, and a ?socket= may be another daemon.
  if (!url || (url.protocol !== "qemu:" && url.protocol !== "qemu+unix:")) return null;
  if (url.hostname || url.search) return null;
  if (url.pathname === "/system") return SYSTEM_QEMU_LOG_DIR;
  if (url.pathname === "/session") {
    const home = Deno.env.get("HOME");
    const cache = Deno.env.get("XDG_CACHE_HOME") || (home ? `${home}/.cache` : null);
    return cache ? `${cache}/libvirt/qemu/log` : null;
  }
  return null;
}

// Control characters but tab: what a terminal would act on has no place in the page.
// deno-lint-ignore no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * The last `lines` lines (at most `bytes` bytes) of `<dir>/<name>.log`; `available: false` when
 * the VM has no such file, or it is a link or not a regular file.
 */
export async function readQemuLogTail(
  dir: string,
  name: string,
  { lines = LOG_TAIL_LINES, bytes = LOG_TAIL_BYTES } = {},
): Promise<QemuLogTail> {
  // A name is one path element: libvirt's QEMU driver refuses "/" in names.
  if (!name || name.includes("/") || name.startsWith(".")) return { available: false, lines: [] };
  const path = `${dir}/${name}.log`;
  const fd = await openNoFollow(path);
  if (fd === null) return { available: false, lines: [] };
  try {
    // The descriptor itself, through /proc: the very file that was opened, whatever its name is
    // now. Looked at before it is opened again, which a FIFO would block.
    const opened = `/proc/self/fd/${fd}`;
    const info = await Deno.stat(opened);
    if (!info.isFile) return { available: false, lines: [] };
    using file = await Deno.open(opened, { read: true });
    const start = Math.max(0, info.size - bytes);
    await file.seek(start, Deno.SeekMode.Start);
    const buf = new Uint8Array(Math.min(bytes, info.size));
    let got = 0;
    while (got < buf.length) {
      const n = await file.read(buf.subarray(got));
      if (n === null) break;
      got += n;
    }
    let text = new TextDecoder().decode(buf.subarray(0, got));
    // Started inside a line: that part of it is dropped.
    if (start > 0) text = text.slice(text.indexOf("\n") + 1);
    const all = text.replace(CONTROLS, "").split("\n");
    if (all.at(-1) === "") all.pop();
    return {
      available: true,
      path,
      lines: all.slice(-lines),
      truncated: start > 0 || all.length > lines,
    };
  } finally {
    await closeFd(fd);
  }
}
