// Whether the host can pass PCI devices through: an IOMMU must be on (libvirt then reports each
// PCI device's IOMMU group), and what to change when it is not.

import type { HostDevice, IommuStatus } from "../../shared/host_devices.ts";

const IOMMU_OPTIONS = /^(intel_iommu|amd_iommu|iommu|iommu\.passthrough)=/;

/** The IOMMU options on a kernel command line. */
export function iommuOptions(cmdline: string): string[] {
  return cmdline.trim().split(/\s+/).filter((o) => IOMMU_OPTIONS.test(o));
}

/**
 * The status from the devices libvirt listed (a group on any PCI device means the IOMMU is
 * on) and, for this machine, its kernel command line (null elsewhere).
 */
export function iommuStatus(devices: HostDevice[], cmdline: string | null): IommuStatus {
  const groups = new Set(
    devices.filter((d) => d.iommuGroup !== null).map((d) => d.iommuGroup),
  ).size;
  const enabled = groups > 0;
  return {
    enabled,
    groups,
    kernelOptions: cmdline === null ? [] : iommuOptions(cmdline),
    advice: enabled ? null : "iommu-off",
  };
}
