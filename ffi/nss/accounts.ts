// Host account lookups through NSS (getpwnam_r, getgrouplist, getgrgid_r): an account's own
// name as the directory spells it, and which groups it is in. See https://www.man7.org/linux/man-pages/man3/getgrouplist.3.html
//
// Every symbol is `nonblocking`: each call runs on Deno's blocking-thread pool and returns a
// promise. NSS on /etc files answers in microseconds, but nsswitch.conf may send it to LDAP or
// sssd, which can take seconds; this way it never stalls the JS thread, and it does not queue
// behind PAM workers held by pam_unix's fail delay. The reentrant _r functions report errors as
// return values, so nothing depends on which thread ran the call (unlike errno or libvirt's
// per-thread last error).

import { libcLoader } from "../libc/library.ts";

const nssSymbols = {
  // int getpwnam_r(const char *name, struct passwd *pwd, char *buf, size_t buflen,
  //                struct passwd **result)
  getpwnam_r: {
    parameters: ["buffer", "buffer", "buffer", "usize", "buffer"],
    result: "i32",
    nonblocking: true,
  },
  // int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups)
  getgrouplist: {
    parameters: ["buffer", "u32", "buffer", "buffer"],
    result: "i32",
    nonblocking: true,
  },
  // int getgrgid_r(gid_t gid, struct group *grp, char *buf, size_t buflen, struct group **result)
  getgrgid_r: {
    parameters: ["u32", "buffer", "buffer", "usize", "buffer"],
    result: "i32",
    nonblocking: true,
  },
} as const satisfies Deno.ForeignLibraryInterface;

const lib = libcLoader(nssSymbols);

// glibc x86_64/aarch64 layouts. struct passwd: pw_name, pw_passwd (8 bytes each), pw_uid,
// pw_gid (4 each), pw_gecos, pw_dir, pw_shell. struct group: gr_name, gr_passwd, gr_gid, gr_mem.
const PASSWD_SIZE = 48;
const PW_GID_OFFSET = 20;
const GROUP_SIZE = 32;

const ERANGE = 34;
// getpwnam_r(3): besides 0 with a NULL result, EPERM, ENOENT, ESRCH and EBADF also mean
// "no such entry" on some NSS back ends.
const NOT_FOUND = new Set([0, 1, 2, 3, 9]);
// Buffers grow on ERANGE up to this (a group with many members needs room for all their names).
const MAX_BUFFER = 1 << 24;

/**
 * Calls a getXXX_r function, growing its string buffer while it answers ERANGE. Returns the
 * filled struct and buffer, or null when there is no such entry.
 */
async function lookup(
  structSize: number,
  call: (out: Uint8Array, buf: Uint8Array, result: BigUint64Array) => Promise<number>,
  what: string,
): Promise<{ entry: Uint8Array; buf: Uint8Array } | null> {
  for (let size = 4096; size <= MAX_BUFFER; size *= 2) {
    const entry = new Uint8Array(structSize);
    const buf = new Uint8Array(size);
    const result = new BigUint64Array(1);
    const err = await call(entry, buf, result);
    if (err === ERANGE) continue;
    if (err === 0 && result[0] !== 0n) return { entry, buf };
    if (NOT_FOUND.has(err)) return null;
    throw new Error(`${what} failed (errno ${err})`);
  }
  throw new Error(`${what} failed: entry larger than ${MAX_BUFFER} bytes`);
}

/**
 * The string a struct's first field (pw_name, gr_name) points at; it points into the `buf` we
 * lent glibc.
 */
function nameField(entry: Uint8Array, buf: Uint8Array, what: string): string {
  const name = new DataView(entry.buffer).getBigUint64(0, true);
  const base = BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(buf)));
  const start = Number(name - base);
  if (start < 0 || start >= buf.length) throw new Error(`${what}: name outside buffer`);
  const end = buf.indexOf(0, start);
  return new TextDecoder().decode(buf.subarray(start, end < 0 ? buf.length : end));
}

const cString = (s: string) => new TextEncoder().encode(s + "\0") as Uint8Array<ArrayBuffer>;

/** The struct passwd of account `user`, or null when NSS knows no such account. */
function passwd(user: Uint8Array<ArrayBuffer>) {
  return lookup(
    PASSWD_SIZE,
    (entry, buf, result) => lib().getpwnam_r(user, entry, buf, BigInt(buf.length), result),
    "getpwnam_r",
  );
}

/** The primary group id of account `user`, or null when NSS knows no such account. */
async function primaryGid(user: Uint8Array<ArrayBuffer>): Promise<number | null> {
  const found = await passwd(user);
  return found ? new DataView(found.entry.buffer).getUint32(PW_GID_OFFSET, true) : null;
}

/** Every group id of `user`: `gid` first, then the supplementary groups. */
async function groupIds(user: Uint8Array<ArrayBuffer>, gid: number): Promise<number[]> {
  let room = 64;
  for (let attempt = 0; attempt < 8; attempt++) {
    const groups = new Uint32Array(room);
    const count = new Int32Array([room]);
    // -1 means `groups` was too small; glibc has then set `count` to the number needed.
    const n = await lib().getgrouplist(user, gid, groups, count);
    if (n >= 0) return [...new Set([gid, ...groups.subarray(0, count[0])])];
    room = Math.max(count[0], room * 2);
  }
  throw new Error("getgrouplist: group list keeps growing");
}

/** The name of group `gid`, or null when it has none (a dangling gid). */
async function groupNameOf(gid: number): Promise<string | null> {
  const found = await lookup(
    GROUP_SIZE,
    (entry, buf, result) => lib().getgrgid_r(gid, entry, buf, BigInt(buf.length), result),
    "getgrgid_r",
  );
  return found ? nameField(found.entry, found.buf, "getgrgid_r") : null;
}

/**
 * The names of the groups account `user` is in — its primary group first, then supplementary
 * groups — or null when NSS knows no such account. Group ids with no name are left out.
 * The caller must check `user` is a plausible account name.
 */
export async function accountGroups(user: string): Promise<string[] | null> {
  const name = cString(user);
  const gid = await primaryGid(name);
  if (gid === null) return null;
  const names = await Promise.all((await groupIds(name, gid)).map(groupNameOf));
  return names.filter((n): n is string => n !== null);
}

/**
 * The account's name as NSS spells it (pw_name), or null when NSS knows no such account. A
 * case-insensitive directory (sssd with Active Directory, winbind) answers "alice" for "Alice".
 * The caller must check `user` is a plausible account name.
 */
export async function accountName(user: string): Promise<string | null> {
  const found = await passwd(cString(user));
  return found ? nameField(found.entry, found.buf, "getpwnam_r") : null;
}
