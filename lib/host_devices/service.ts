// The host device inventory behind GET /api/host/devices: libvirt's PCI and USB node devices
// with names, classes, drivers, IOMMU groups, SR-IOV functions and mediated device types, the
// devices this machine itself needs, and whether its IOMMU is on.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { HostDevice, HostDeviceInventory } from "../../shared/host_devices.ts";
import { parseNodeDevice } from "./parse.ts";
import { nameDevices } from "./ids.ts";
import { type HostPaths, hostUses } from "./host_use.ts";
import { iommuStatus } from "./iommu.ts";

/** PCI before USB, each by address. */
const byAddress = (a: HostDevice, b: HostDevice) =>
  a.kind === b.kind ? a.address.localeCompare(b.address) : a.kind === "pci" ? -1 : 1;

export class HostDeviceService {
  /**
   * `paths`: where this machine's sysfs and procfs are, to find the devices it needs itself;
   * null for a remote host (its devices are not this machine's).
   */
  constructor(
    private readonly client: LibvirtClient,
    private readonly paths: HostPaths | null,
  ) {}

  async inventory(): Promise<HostDeviceInventory> {
    let records;
    try {
      records = await this.client.call("nodeDeviceList");
    } catch (err) {
      throw fromLibvirt(err, { failed: t("Failed to list host devices") });
    }
    const devices = records.map((r) => parseNodeDevice(r.xml)).filter((d) => d !== null);
    devices.sort(byAddress);
    await nameDevices(devices);
    if (this.paths) {
      const uses = await hostUses(this.paths);
      for (const d of devices) if (d.kind === "pci") d.hostUse = uses.get(d.address) ?? null;
    }
    const cmdline = this.paths
      ? await Deno.readTextFile(`${this.paths.proc}/cmdline`).catch(() => null)
      : null;
    return { devices, iommu: iommuStatus(devices, cmdline), hostUseKnown: this.paths !== null };
  }
}
