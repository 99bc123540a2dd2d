// Worker operations on network filters (a VM's firewall, lib/vm_firewall/vm_firewall.ts): read one
// by name, define or redefine one (libvirt applies a new definition to the NICs that use it at
// once), remove one. Plain data in, plain data out.

import type { Connection } from "../connection.ts";
import { ErrorCode, LibvirtError } from "../error.ts";

/** Runs `fn`; null when libvirt says there is no such filter. */
function orMissing<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (err) {
    if (err instanceof LibvirtError && err.code === ErrorCode.NO_NWFILTER) return null;
    throw err;
  }
}

export const nwfilterOps = {
  /** The filter's XML, or null when there is none of that name. */
  nwfilterGet(conn: Connection, name: string): string | null {
    return orMissing(() => {
      using filter = conn.lookupNWFilter(name);
      return filter.getXMLDesc();
    });
  },

  /** Defines the filter (a new one, or a new definition of it); its XML as libvirt keeps it. */
  nwfilterDefine(conn: Connection, xml: string): string {
    using filter = conn.defineNWFilter(xml);
    return filter.getXMLDesc();
  },

  /** Removes the filter; false when there was none. Refused while a NIC uses it. */
  nwfilterUndefine(conn: Connection, name: string): boolean {
    return orMissing(() => {
      using filter = conn.lookupNWFilter(name);
      filter.undefine();
      return true;
    }) ?? false;
  },
};
