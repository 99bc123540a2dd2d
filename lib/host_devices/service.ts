// The host device inventory behind GET /api/host/devices: libvirt's PCI and USB node devices
// with names, classes, drivers, IOMMU groups, SR-IOV functions and mediated device types, the
// devices the host itself needs (this machine's files, or an ssh host's read over ssh), and
// whether its IOMMU is on.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { HostDevice, HostDeviceInventory } from "../../shared/host_devices.ts";
import { parseMdev, parseNodeDevice } from "./parse.ts";
import { nameDevices } from "./ids.ts";
import { hostUses } from "./host_use.ts";
import type { HostFiles } from "./host_files.ts";
import type { HostFilesSource } from "./remote_snapshot.ts";
import { iommuStatus } from "./iommu.ts";

/** PCI before USB, each by address. */
const byAddress = (a: HostDevice, b: HostDevice) =>
  a.kind === b.kind ? a.address.localeCompare(b.address) : a.kind === "pci" ? -1 : 1;

/** 404 HOST_DEVICE_NOT_FOUND: `device` is not in the host's inventory (or names no mdev of it). */
export function hostDeviceNotFound(device: string): AppError {
  return new AppError("HOST_DEVICE_NOT_FOUND", t("Host device not found: {{device}}", { device }));
}

export class HostDeviceService {
  /**
   * `files`: where the host's sysfs and procfs are read, to find the devices it needs itself:
   * this machine's, or a remote ssh host's; null for a host reached otherwise (TLS, TCP).
   */
  constructor(
    private readonly client: LibvirtClient,
    private readonly files: HostFilesSource | null,
  ) {}

  async inventory(): Promise<HostDeviceInventory> {
    let records;
    try {
      records = await this.client.call("nodeDeviceList");
    } catch (err) {
      throw fromLibvirt(err, { failed: t("Failed to list host devices") });
    }
    const devices = records.map((r) => parseNodeDevice(r.xml)).filter((d) => d !== null);
    const mdevs = records.map((r) => parseMdev(r.xml, r.active)).filter((m) => m !== null);
    devices.sort(byAddress);
    await nameDevices(devices);
    const { files, note } = await this.#hostFiles();
    if (files) {
      const uses = await hostUses(files);
      for (const d of devices) if (d.kind === "pci") d.hostUse = uses.get(d.address) ?? null;
    }
    const cmdline = files ? (await files.readText(`${files.proc}/cmdline`)) || null : null;
    return {
      devices,
      mdevs,
      iommu: iommuStatus(devices, cmdline),
      hostUseKnown: files !== null,
      hostUseNote: note,
    };
  }

  /** The host's files, or why they cannot be read. */
  async #hostFiles(): Promise<{ files: HostFiles | null; note: string | null }> {
    if (!this.files) {
      return {
        files: null,
        note: t(
          "Which devices this host needs itself is not checked: it is reached over TLS or TCP, and only this machine and hosts reached over ssh are read.",
        ),
      };
    }
    try {
      return { files: await this.files.read(), note: null };
    } catch (err) {
      return {
        files: null,
        note: t(
          "Which devices this host needs itself could not be read over ssh: {{reason}}",
          { reason: (err as Error).message },
        ),
      };
    }
  }
}
