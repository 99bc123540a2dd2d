// The host's network interfaces as libvirt describes them, for the network topology
// (lib/topology/): one list call and one XML read per interface.

import type { Connection } from "../connection.ts";
import { freeAll } from "./storage.ts";

/** One host interface: its name, whether it is up, and its XML. */
export interface HostInterfaceRecord {
  name: string;
  active: boolean;
  xml: string;
}

export const hostInterfaceOps = {
  interfaceList(conn: Connection): HostInterfaceRecord[] {
    const ifaces = conn.listAllInterfaces();
    try {
      return ifaces.map((i) => ({ name: i.getName(), active: i.isActive(), xml: i.getXMLDesc() }));
    } finally {
      freeAll(ifaces);
    }
  },
};
