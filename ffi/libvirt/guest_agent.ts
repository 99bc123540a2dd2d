// libvirt's calls that reach into the guest through the QEMU guest agent (or, for addresses,
// libvirt's own DHCP leases): interface addresses, guest info, hostname, filesystem
// freeze/thaw and agent-driven shutdown/reboot. Each may wait on the guest for seconds, so the
// host side runs them on the client's agent lane, never among the quick calls.

import type { Domain } from "./domain.ts";
import { check } from "./error.ts";
import { freeMemory, lv, outSlot, readPointerArray } from "./library.ts";
import { readTypedParams, type TypedParams } from "./typed_params.ts";
import { takeChecked } from "./returned.ts";

/** virDomainInterfaceAddressesSource. */
export const AddressSource = { LEASE: 0, AGENT: 1, ARP: 2 } as const;

/** virDomainGuestInfoTypes. */
export const GuestInfoTypes = {
  USERS: 1 << 0,
  OS: 1 << 1,
  TIMEZONE: 1 << 2,
  HOSTNAME: 1 << 3,
  FILESYSTEM: 1 << 4,
  DISKS: 1 << 5,
  INTERFACES: 1 << 6,
} as const;

/** virDomainShutdownFlagValues / virDomainRebootFlagValues (the same bits). */
export const PowerFlags = { ACPI_POWER_BTN: 1 << 0, GUEST_AGENT: 1 << 1 } as const;

/** One guest interface as libvirt reports it. */
export interface InterfaceRecord {
  name: string;
  /** null when the source knows no hardware address (lo through the agent). */
  mac: string | null;
  addresses: { address: string; prefix: number; family: "ipv4" | "ipv6" }[];
}

// struct _virDomainInterface { char *name; char *hwaddr; unsigned int naddrs;
//                              virDomainIPAddressPtr addrs; }
const IFACE = { NAME: 0, HWADDR: 8, NADDRS: 16, ADDRS: 24 } as const;
// struct _virDomainIPAddress { int type; char *addr; unsigned int prefix; } — 24 bytes
const ADDR = { TYPE: 0, ADDR: 8, PREFIX: 16, SIZE: 24 } as const;

function readInterface(ptr: Deno.PointerObject): InterfaceRecord {
  const view = new Deno.UnsafePointerView(ptr);
  const str = (offset: number) => {
    const p = view.getPointer(offset);
    return p ? Deno.UnsafePointerView.getCString(p) : null;
  };
  const count = view.getUint32(IFACE.NADDRS);
  const addrs = view.getPointer(IFACE.ADDRS);
  const addresses: InterfaceRecord["addresses"] = [];
  if (addrs) {
    const a = new Deno.UnsafePointerView(addrs);
    for (let i = 0; i < count; i++) {
      const base = i * ADDR.SIZE;
      const text = a.getPointer(base + ADDR.ADDR);
      if (!text) continue;
      addresses.push({
        address: Deno.UnsafePointerView.getCString(text),
        prefix: a.getUint32(base + ADDR.PREFIX),
        family: a.getInt32(base + ADDR.TYPE) === 1 ? "ipv6" : "ipv4",
      });
    }
  }
  return { name: str(IFACE.NAME) ?? "", mac: str(IFACE.HWADDR), addresses };
}

/** virDomainInterfaceAddresses: each interface freed with virDomainInterfaceFree, then the array. */
export function interfaceAddresses(dom: Domain, source: number): InterfaceRecord[] {
  const out = outSlot();
  const count = check(
    lv().virDomainInterfaceAddresses(dom.rawHandle(), out, source, 0),
    "virDomainInterfaceAddresses",
  );
  const array = Deno.UnsafePointer.create(out[0]);
  const pointers = readPointerArray(array, count);
  try {
    return pointers.map((p) => readInterface(p!));
  } finally {
    for (const p of pointers) lv().virDomainInterfaceFree(p);
    freeMemory(array);
  }
}

/** virDomainGetGuestInfo: the typed parameters for the asked `types`, freed after reading. */
export function guestInfo(dom: Domain, types: number): TypedParams {
  const params = outSlot();
  const count = new Int32Array(1);
  check(
    lv().virDomainGetGuestInfo(dom.rawHandle(), types, params, count, 0),
    "virDomainGetGuestInfo",
  );
  const ptr = Deno.UnsafePointer.create(params[0]);
  try {
    return readTypedParams(ptr, count[0]);
  } finally {
    if (ptr) lv().virTypedParamsFree(ptr, count[0]);
  }
}

/** virDomainGetHostname; `flags` 1 reads it from DHCP leases, 2 asks the guest agent. */
export function hostname(dom: Domain, flags: number): string {
  return takeChecked(lv().virDomainGetHostname(dom.rawHandle(), flags), "virDomainGetHostname");
}

/** virDomainGetTime: the guest's clock (through the QEMU agent), in ms since the epoch. */
export function guestTime(dom: Domain): number {
  const seconds = new BigInt64Array(1);
  const nanos = new Uint32Array(1);
  check(lv().virDomainGetTime(dom.rawHandle(), seconds, nanos, 0), "virDomainGetTime");
  return Number(seconds[0]) * 1000 + Math.floor(nanos[0] / 1e6);
}

/** virDomainSetTime: sets the guest's clock (through the QEMU agent) to `ms` since the epoch. */
export function setGuestTime(dom: Domain, ms: number): void {
  const seconds = Math.floor(ms / 1000);
  const nanos = Math.round((ms - seconds * 1000) * 1e6);
  check(lv().virDomainSetTime(dom.rawHandle(), BigInt(seconds), nanos, 0), "virDomainSetTime");
}

/** virDomainFSFreeze of every mounted filesystem; returns how many were frozen. */
export function fsFreeze(dom: Domain): number {
  return check(lv().virDomainFSFreeze(dom.rawHandle(), null, 0, 0), "virDomainFSFreeze");
}

/** virDomainFSThaw of every frozen filesystem; returns how many were thawed. */
export function fsThaw(dom: Domain): number {
  return check(lv().virDomainFSThaw(dom.rawHandle(), null, 0, 0), "virDomainFSThaw");
}

/** virDomainShutdownFlags. */
export function shutdownWith(dom: Domain, flags: number): void {
  check(lv().virDomainShutdownFlags(dom.rawHandle(), flags), "virDomainShutdownFlags");
}

/** virDomainReboot with its flags. */
export function rebootWith(dom: Domain, flags: number): void {
  check(lv().virDomainReboot(dom.rawHandle(), flags), "virDomainReboot");
}
