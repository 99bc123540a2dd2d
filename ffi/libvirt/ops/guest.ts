// Worker operations that ask the guest, through libvirt and the QEMU guest agent: plain data
// in and out. They can wait on the guest (libvirt's agent timeout), so callers send them on
// the client's agent lane (LibvirtClient.callAgent).

import type { Connection } from "../connection.ts";
import { findDomain } from "../find_domain.ts";
import {
  fsFreeze,
  fsThaw,
  guestInfo,
  guestTime,
  hostname,
  interfaceAddresses,
  type InterfaceRecord,
  rebootWith,
  setGuestTime,
  shutdownWith,
} from "../guest_agent.ts";
import type { TypedParams } from "../typed_params.ts";

export const guestOps = {
  /** Interface addresses from `source` (AddressSource: lease, agent or ARP). */
  guestAddresses(conn: Connection, id: string, source: number): InterfaceRecord[] {
    using dom = findDomain(conn, id);
    return interfaceAddresses(dom, source);
  },

  /** virDomainGetGuestInfo for `types` (GuestInfoTypes bits). */
  guestInfo(conn: Connection, id: string, types: number): TypedParams {
    using dom = findDomain(conn, id);
    return guestInfo(dom, types);
  },

  guestHostname(conn: Connection, id: string, flags: number): string {
    using dom = findDomain(conn, id);
    return hostname(dom, flags);
  },

  /** The guest's clock in ms since the epoch. */
  guestTime(conn: Connection, id: string): number {
    using dom = findDomain(conn, id);
    return guestTime(dom);
  },

  /** Sets the guest's clock to `ms` since the epoch. */
  guestSetTime(conn: Connection, id: string, ms: number): void {
    using dom = findDomain(conn, id);
    setGuestTime(dom, ms);
  },

  guestFsFreeze(conn: Connection, id: string): number {
    using dom = findDomain(conn, id);
    return fsFreeze(dom);
  },

  guestFsThaw(conn: Connection, id: string): number {
    using dom = findDomain(conn, id);
    return fsThaw(dom);
  },

  /** Shutdown or reboot with explicit flags (PowerFlags: ACPI button or guest agent). */
  guestPower(conn: Connection, id: string, action: "shutdown" | "reboot", flags: number): void {
    using dom = findDomain(conn, id);
    if (action === "shutdown") shutdownWith(dom, flags);
    else rebootWith(dom, flags);
  },
};
