// What a libvirt call hands back, read with its failure checked: the two kinds of string (one
// libvirt keeps, one the caller must free) and the UUID string it writes into our buffer. Each
// getter states its own C function, so a failure carries that call's own libvirt error.

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
