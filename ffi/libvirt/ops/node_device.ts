// Host devices as libvirt describes them: each node device's name and XML, for the host device
// inventory (lib/host_devices/). One list call and one XML read per device.

import type { Connection } from "../connection.ts";
import { freeAll } from "./storage.ts";

/** One node device: libvirt's name and its XML. */
export interface NodeDeviceRecord {
  name: string;
  xml: string;
}

export const nodeDeviceOps = {
  nodeDeviceList(conn: Connection): NodeDeviceRecord[] {
    const devices = conn.listAllNodeDevices();
    try {
      return devices.map((d) => ({ name: d.getName(), xml: d.getXMLDesc() }));
    } finally {
      freeAll(devices);
    }
  },
};
