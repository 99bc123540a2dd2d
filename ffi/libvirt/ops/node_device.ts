// Host devices as libvirt describes them: each node device's name and XML, for the host device
// inventory (lib/host_devices/). One list call and one XML read per device.

import type { Connection } from "../connection.ts";
import { freeAll } from "./storage.ts";

/** One node device: libvirt's name and its XML. */
export interface NodeDeviceRecord {
  name: string;
  xml: string;
}

/** One domain's XML: live for a running domain, else its definition. */
export interface DomainXmlRecord {
  uuid: string;
  name: string;
  active: boolean;
  xml: string;
}

export const nodeDeviceOps = {
  /**
   * Every domain's XML, for the host devices they hold (one list call and one XML read per
   * domain): a device given to a running VM is not free for another.
   */
  domainXmlList(conn: Connection): DomainXmlRecord[] {
    const domains = conn.listAllDomains();
    try {
      return domains.map((d) => ({
        uuid: d.getUUIDString(),
        name: d.getName(),
        active: d.isActive(),
        xml: d.getXMLDesc(),
      }));
    } finally {
      freeAll(domains);
    }
  },

  nodeDeviceList(conn: Connection): NodeDeviceRecord[] {
    const devices = conn.listAllNodeDevices();
    try {
      return devices.map((d) => ({ name: d.getName(), xml: d.getXMLDesc() }));
    } finally {
      freeAll(devices);
    }
  },
};
