// The VmConfig that would recreate an existing VM: what "save as template" stores.

import {
  DISK_BUSES,
  type DiskBus,
  OS_TYPES,
  type OsType,
  type Vm,
  type VmConfig,
} from "../../shared/vms.ts";
import { displayOf } from "../../shared/display.ts";

/** A template-ready config from a VM's details (its name, disks' contents and MACs excluded). */
export function configOfVm(vm: Vm): Omit<VmConfig, "name"> {
  const disk = vm.disks.find((d) => d.device === "disk");
  const nic = vm.networkInterfaces.find((n) => n.type === "network");
  const osType: OsType = (OS_TYPES as readonly string[]).includes(vm.osType ?? "")
    ? vm.osType as OsType
    : "other";
  const bus = (DISK_BUSES as readonly string[]).includes(disk?.bus ?? "")
    ? disk!.bus as DiskBus
    : "virtio";
  return {
    cpuCount: vm.cpuCount,
    memoryMb: vm.maxMemoryMb || vm.memoryMb,
    diskSizeGb: Math.max(1, Math.ceil((disk?.sizeBytes ?? 1024 ** 3) / 1024 ** 3)),
    osType,
    ...(vm.osVariant ? { osVariant: vm.osVariant } : {}),
    network: nic?.network ?? "",
    diskFormat: disk?.format === "raw" ? "raw" : "qcow2",
    diskBus: bus,
    bootMenu: vm.bootMenu,
    firmware: vm.firmware,
    secureBoot: vm.secureBoot,
    tpm: vm.tpm,
    ...(displayOf(vm.graphics) === "spice" ? { display: "spice" as const } : {}),
    ...(vm.clipboard ? { clipboard: true } : {}),
    ...(vm.description ? { description: vm.description } : {}),
  };
}
