// What a libvirt call hands back, read with its failure checked: the two kinds of string (one
// libvirt keeps, one the caller must free), the UUID string it writes into our buffer, the
// autostart flag it writes into our int, and the int-then-sizes structs its info calls fill. Each getter states its own C function, so a failure
// carries that call's own libvirt error.

import { check, checkPointer } from "./error.ts";
import { readString, takeString } from "./library.ts";

/**
 * A `const char *` libvirt keeps owning (an object's name, the driver's type); NULL means the
 * call failed (https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetName).
 */
export function readChecked(ptr: Deno.PointerValue, what: string): string {
  return readString(checkPointer(ptr, what))!;
}

/**
 * A `char *` libvirt hands over (XML, a path, a hostname): copied, then freed at once; NULL
 * means the call failed (https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetXMLDesc).
 */
export function takeChecked(ptr: Deno.PointerValue, what: string): string {
  return takeString(checkPointer(ptr, what))!;
}

/** VIR_UUID_STRING_BUFLEN: 36 characters and the NUL. */
const UUID_BUFLEN = 37;
const decoder = new TextDecoder();

/** The UUID a `vir*GetUUIDString` call (`fill`) writes into a buffer we own. */
export function readUuid(fill: (buf: Uint8Array<ArrayBuffer>) => number, what: string): string {
  const buf = new Uint8Array(UUID_BUFLEN);
  check(fill(buf), what);
  return decoder.decode(buf.subarray(0, UUID_BUFLEN - 1));
}

/**
 * The fields of a `struct { int first; unsigned long long rest[count]; }` an info call filled in
 * `buf` (virStoragePoolInfo, virStorageVolInfo, virDomainBlockJobInfo): the int first, padded to
 * 8 bytes as on every 64-bit host, then the `count` 8-byte sizes (an `unsigned long` is 8 bytes
 * there too), exact up to 2^53.
 */
export function intThenU64s(buf: Uint8Array<ArrayBuffer>, count: number): number[] {
  const view = new DataView(buf.buffer);
  const sizes = Array.from({ length: count }, (_, i) => Number(view.getBigUint64(8 + 8 * i, true)));
  return [view.getInt32(0, true), ...sizes];
}

/** The autostart flag a `vir*GetAutostart` call (`fill`) writes into an int we own. */
export function readFlag(fill: (out: Int32Array<ArrayBuffer>) => number, what: string): boolean {
  const out = new Int32Array(1);
  check(fill(out), what);
  return out[0] !== 0;
}
