// Host devices as libvirt describes them: each node device's name, XML and state, for the host
// device inventory (lib/host_devices/), one list call and one XML read per device; and mediated
// devices made and removed.

import type { Connection } from "../connection.ts";
import type { NodeDevice } from "../node_device.ts";
import { freeAll } from "./storage.ts";
import { ErrorCode, LibvirtError } from "../error.ts";

/** One node device: libvirt's name, its XML, and whether it runs (a defined mediated device may not). */
export interface NodeDeviceRecord {
  name: string;
  xml: string;
  active: boolean;
}

/** One domain's XML: live for a running domain, else its definition. */
export interface DomainXmlRecord {
  uuid: string;
  name: string;
  active: boolean;
  xml: string;
}

/** Whether a device runs; a driver that cannot say (the test driver) has only running ones. */
function isActive(dev: NodeDevice): boolean {
  try {
    return dev.isActive();
  } catch (err) {
    if (err instanceof LibvirtError && err.code === ErrorCode.NO_SUPPORT) return true;
    throw err;
  }
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
      return devices.map((d) => ({ name: d.getName(), xml: d.getXMLDesc(), active: isActive(d) }));
    } finally {
      freeAll(devices);
    }
  },

  /**
   * A new mediated device: defined (kept across host reboots) and started. One that does not
   * start is undefined again, so a failure leaves nothing behind. Its libvirt name.
   */
  mdevCreate(conn: Connection, xml: string): string {
    using dev = conn.defineNodeDevice(xml);
    try {
      dev.create();
    } catch (err) {
      try {
        dev.undefine();
      } catch { /* the start's error is the one to tell */ }
      throw err;
    }
    return dev.getName();
  },

  /** Stops (when running) and forgets a mediated device; false when there is none. */
  mdevRemove(conn: Connection, name: string): boolean {
    let dev;
    try {
      dev = conn.lookupNodeDevice(name);
    } catch (err) {
      if (err instanceof LibvirtError && err.code === ErrorCode.NO_NODE_DEVICE) return false;
      throw err;
    }
    using _ = dev;
    if (dev.isActive()) dev.destroy();
    dev.undefine();
    return true;
  },
};
