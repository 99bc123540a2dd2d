// open(2) and close(2) from libc, for the one thing Deno.open cannot do: open a file without
// following a link in its last component (O_NOFOLLOW) and hand back the descriptor's number, so
// that a check can look at what was opened (/proc/self/fd/N) and other programs can be given that
// very file (/proc/PID/fd/N) whatever happens to its name afterwards.
// See https://man7.org/linux/man-pages/man2/open.2.html
//
// Both symbols are `nonblocking`: an open on an NFS pool can take seconds, and must not stall the
// server. errno is per thread and these calls run on Deno's blocking pool, so a failure is only
// reported as "failed"; the caller finds the reason with Deno.lstat.

import { libcLoader } from "./library.ts";

const libcSymbols = {
  // int open(const char *pathname, int flags, mode_t mode)
  open: { parameters: ["buffer", "i32", "u32"], result: "i32", nonblocking: true },
  // int close(int fd)
  close: { parameters: ["i32"], result: "i32", nonblocking: true },
} as const satisfies Deno.ForeignLibraryInterface;

const lib = libcLoader(libcSymbols);

// Linux's flag values (asm-generic/fcntl.h; x86_64 and aarch64 differ in O_NOFOLLOW).
const O_RDONLY = 0;
const O_NOCTTY = 0o400;
const O_NONBLOCK = 0o4000;
const O_CLOEXEC = 0o2000000;
const O_NOFOLLOW = Deno.build.arch === "aarch64" ? 0o100000 : 0o400000;

/**
 * Opens `path` read-only without following a link in its last component (a FIFO or device does
 * not block the open). The descriptor number, or null when the open failed (a link, missing,
 * not permitted).
 */
export async function openNoFollow(path: string): Promise<number | null> {
  const name = new TextEncoder().encode(path + "\0") as Uint8Array<ArrayBuffer>;
  const fd = await lib().open(name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  return fd >= 0 ? fd : null;
}

/** Closes a descriptor openNoFollow returned. */
export async function closeFd(fd: number): Promise<void> {
  await lib().close(fd);
}
