// The virNetwork wrapper: one network reference, its definition, DHCP updates and leases.

import { check } from "./error.ts";
import { LibvirtHandle } from "./handle.ts";
import { freeMemory, lv, outSlot, readPointerArray, readString } from "./library.ts";
import { cString } from "./library.ts";
import { readChecked, readFlag, readUuid, takeChecked } from "./returned.ts";

/** virNetworkUpdateCommand values. */
export const NetworkUpdateCommand = { MODIFY: 1, DELETE: 2, ADD_LAST: 3, ADD_FIRST: 4 } as const;

/** virNetworkUpdateSection values we use. */
export const NetworkUpdateSection = { IP_DHCP_HOST: 4, IP_DHCP_RANGE: 5 } as const;

/** virNetworkUpdateFlags: CONFIG changes the definition, LIVE the running network. */
export const NetworkUpdateFlags = { CURRENT: 0, LIVE: 1, CONFIG: 2 } as const;

/** One DHCP lease (virNetworkDHCPLease), copied out of libvirt's memory. */
export interface DhcpLeaseRecord {
  iface: string;
  /** Seconds since the epoch; 0 when the lease does not expire. */
  expiryTime: number;
  /** virIPAddrType: 0 IPv4, 1 IPv6. */
  type: number;
  mac: string;
  ip: string;
  prefix: number;
  hostname: string | null;
  clientId: string | null;
}

/** One libvirt virtual network reference. */
export class Network extends LibvirtHandle {
  constructor(handle: Deno.PointerObject) {
    super(handle, "virNetworkFree", true);
  }

  /** virNetworkGetName (local, no RPC). */
  getName(): string {
    return readChecked(lv().virNetworkGetName(this.ptr), "virNetworkGetName");
  }

  /** virNetworkGetUUIDString (local, no RPC). */
  getUUIDString(): string {
    return readUuid(
      (buf) => lv().virNetworkGetUUIDString(this.ptr, buf),
      "virNetworkGetUUIDString",
    );
  }

  /** virNetworkIsActive. */
  isActive(): boolean {
    return check(lv().virNetworkIsActive(this.ptr), "virNetworkIsActive") === 1;
  }

  /** virNetworkIsPersistent. */
  isPersistent(): boolean {
    return check(lv().virNetworkIsPersistent(this.ptr), "virNetworkIsPersistent") === 1;
  }

  /** virNetworkGetAutostart. */
  getAutostart(): boolean {
    return readFlag((out) => lv().virNetworkGetAutostart(this.ptr, out), "virNetworkGetAutostart");
  }

  /** virNetworkSetAutostart. */
  setAutostart(on: boolean): void {
    check(lv().virNetworkSetAutostart(this.ptr, on ? 1 : 0), "virNetworkSetAutostart");
  }

  /** virNetworkGetXMLDesc: the live definition when active (flag 2 = inactive config). */
  getXMLDesc(flags = 0): string {
    return takeChecked(lv().virNetworkGetXMLDesc(this.ptr, flags), "virNetworkGetXMLDesc");
  }

  /** virNetworkCreate: starts the network. */
  start(): void {
    check(lv().virNetworkCreate(this.ptr), "virNetworkCreate");
  }

  /** virNetworkDestroy: stops the network. */
  stop(): void {
    check(lv().virNetworkDestroy(this.ptr), "virNetworkDestroy");
  }

  /** virNetworkUndefine: forgets the definition. */
  undefine(): void {
    check(lv().virNetworkUndefine(this.ptr), "virNetworkUndefine");
  }

  /** virNetworkUpdate: changes one section of the live and/or persistent definition. */
  update(command: number, section: number, parentIndex: number, xml: string, flags: number) {
    check(
      lv().virNetworkUpdate(this.ptr, command, section, parentIndex, cString(xml), flags),
      "virNetworkUpdate",
    );
  }

  /** virNetworkGetDHCPLeases: every lease, each freed after copying. */
  getDHCPLeases(): DhcpLeaseRecord[] {
    const out = outSlot();
    const n = check(
      lv().virNetworkGetDHCPLeases(this.ptr, null, out, 0),
      "virNetworkGetDHCPLeases",
    );
    const array = Deno.UnsafePointer.create(out[0]);
    const leases: DhcpLeaseRecord[] = [];
    for (const p of readPointerArray(array, n)) {
      if (!p) continue;
      // struct { char *iface; long long expirytime; int type; char *mac; char *iaid;
      //          char *ipaddr; unsigned int prefix; char *hostname; char *clientid; }
      const v = new Deno.UnsafePointerView(p);
      const str = (offset: number) => readString(Deno.UnsafePointer.create(v.getBigUint64(offset)));
      leases.push({
        iface: str(0) ?? "",
        expiryTime: Number(v.getBigInt64(8)),
        type: v.getInt32(16),
        mac: str(24) ?? "",
        ip: str(40) ?? "",
        prefix: v.getUint32(48),
        hostname: str(56),
        clientId: str(64),
      });
      lv().virNetworkDHCPLeaseFree(p);
    }
    freeMemory(array);
    return leases;
  }
}
