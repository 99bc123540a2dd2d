// Writing an OVF 1.0 descriptor for a VM exported as an OVA: the shape VirtualBox writes and
// VMware reads (CIM resource items, stream-optimized vmdk disks), with VMware's firmware key for
// UEFI and a `kvmm:KvmManager` section (ovf:required="false", so other tools skip it) keeping
// what only we read back: the osinfo id. Every value goes through the XML builder, which escapes.

import { xmlBuilder } from "../xml/builder.ts";
import type { Vm } from "../../shared/vms.ts";

/** An exported disk: the file in the OVA and its sizes. */
export interface ExportedDisk {
  file: string;
  fileBytes: number;
  capacityBytes: number;
  bus: string | null;
}

const STREAM_OPTIMIZED =
  "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized";

// CIM_OperatingSystem ids (DSP1041): "Other", "Linux 64-Bit", "Microsoft Windows 64-Bit"-class.
const CIM_OS = { linux: 101, windows: 103, other: 1 } as Record<string, number>;

const NIC_SUBTYPE: Record<string, string> = {
  virtio: "virtio",
  e1000: "E1000",
  e1000e: "E1000e",
  rtl8139: "PCNet32",
  vmxnet3: "VmxNet3",
};

/** The descriptor of `vm` whose disks were written as `disks` (in the VM's disk order). */
export function writeOvf(vm: Vm, disks: ExportedDisk[]): string {
  let instance = 0;
  const next = () => String(++instance);
  const items: Record<string, unknown>[] = [
    {
      "rasd:Caption": `${vm.cpuCount} virtual CPU`,
      "rasd:Description": "Number of virtual CPUs",
      "rasd:ElementName": `${vm.cpuCount} virtual CPU`,
      "rasd:InstanceID": next(),
      "rasd:ResourceType": "3",
      "rasd:VirtualQuantity": String(vm.cpuCount),
    },
    {
      "rasd:AllocationUnits": "MegaBytes",
      "rasd:Caption": `${vm.memoryMb} MB of memory`,
      "rasd:Description": "Memory Size",
      "rasd:ElementName": `${vm.memoryMb} MB of memory`,
      "rasd:InstanceID": next(),
      "rasd:ResourceType": "4",
      "rasd:VirtualQuantity": String(vm.memoryMb),
    },
  ];
  // One controller per bus the disks use: virtio as VirtualBox's VirtioSCSI, scsi as LSI Logic,
  // the rest as SATA AHCI.
  const controllers = new Map<string, { id: string; used: number }>();
  const controllerOf = (bus: string | null) => {
    const kind = bus === "virtio" ? "virtio" : bus === "scsi" ? "scsi" : "sata";
    let c = controllers.get(kind);
    if (!c) {
      c = { id: next(), used: 0 };
      controllers.set(kind, c);
      items.push({
        "rasd:Caption": `${kind}Controller0`,
        "rasd:Description": `${kind} controller`,
        "rasd:ElementName": `${kind}Controller0`,
        "rasd:InstanceID": c.id,
        "rasd:ResourceSubType": kind === "virtio"
          ? "VirtioSCSI"
          : kind === "scsi"
          ? "lsilogic"
          : "AHCI",
        "rasd:ResourceType": kind === "sata" ? "20" : "6",
      });
    }
    return c;
  };
  disks.forEach((disk, at) => {
    const controller = controllerOf(disk.bus);
    items.push({
      "rasd:AddressOnParent": String(controller.used++),
      "rasd:Caption": `disk${at + 1}`,
      "rasd:Description": "Disk Image",
      "rasd:ElementName": `disk${at + 1}`,
      "rasd:HostResource": `/disk/vmdisk${at + 1}`,
      "rasd:InstanceID": next(),
      "rasd:Parent": controller.id,
      "rasd:ResourceType": "17",
    });
  });
  const networks = [...new Set(vm.networkInterfaces.map((n) => n.network))];
  vm.networkInterfaces.forEach((nic, at) => {
    items.push({
      "rasd:AutomaticAllocation": "true",
      "rasd:Caption": `Ethernet adapter on '${nic.network}'`,
      "rasd:Connection": nic.network,
      "rasd:ElementName": `Ethernet adapter ${at + 1}`,
      "rasd:InstanceID": next(),
      ...(nic.model && NIC_SUBTYPE[nic.model]
        ? { "rasd:ResourceSubType": NIC_SUBTYPE[nic.model] }
        : {}),
      "rasd:ResourceType": "10",
    });
  });
  const osType = vm.osType === "windows" || vm.osType === "linux" ? vm.osType : "other";
  const envelope = {
    "?xml": { "@version": "1.0", "@encoding": "UTF-8" },
    Envelope: {
      "@ovf:version": "1.0",
      "@xml:lang": "en-US",
      "@xmlns": "http://schemas.dmtf.org/ovf/envelope/1",
      "@xmlns:ovf": "http://schemas.dmtf.org/ovf/envelope/1",
      "@xmlns:rasd":
        "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData",
      "@xmlns:vssd":
        "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
      "@xmlns:vmw": "http://www.vmware.com/schema/ovf",
      "@xmlns:kvmm": "urn:kvm-manager:ovf:1",
      References: {
        File: disks.map((d, at) => ({
          "@ovf:href": d.file,
          "@ovf:id": `file${at + 1}`,
          "@ovf:size": String(d.fileBytes),
        })),
      },
      DiskSection: {
        Info: "List of the virtual disks used in the package",
        Disk: disks.map((d, at) => ({
          "@ovf:capacity": String(d.capacityBytes),
          "@ovf:diskId": `vmdisk${at + 1}`,
          "@ovf:fileRef": `file${at + 1}`,
          "@ovf:format": STREAM_OPTIMIZED,
        })),
      },
      NetworkSection: {
        Info: "Logical networks used in the package",
        Network: networks.map((name) => ({
          "@ovf:name": name,
          Description: "Logical network used by this appliance.",
        })),
      },
      VirtualSystem: {
        "@ovf:id": vm.name,
        Info: "A virtual machine",
        Name: vm.name,
        OperatingSystemSection: {
          "@ovf:id": String(CIM_OS[osType]),
          Info: "The kind of installed guest operating system",
          Description: vm.osVariant ?? vm.os ?? osType,
        },
        VirtualHardwareSection: {
          Info: "Virtual hardware requirements for a virtual machine",
          System: {
            "vssd:ElementName": "Virtual Hardware Family",
            "vssd:InstanceID": "0",
            "vssd:VirtualSystemIdentifier": vm.name,
            "vssd:VirtualSystemType": "vmx-10",
          },
          Item: items,
          ...(vm.firmware === "uefi"
            ? {
              "vmw:Config": {
                "@ovf:required": "false",
                "@vmw:key": "firmware",
                "@vmw:value": "efi",
              },
            }
            : {}),
        },
        ...(vm.osVariant
          ? {
            "kvmm:KvmManager": {
              "@ovf:required": "false",
              Info: "What KVM Manager reads back on import",
              "kvmm:OsVariant": vm.osVariant,
            },
          }
          : {}),
      },
    },
  };
  return xmlBuilder.build(envelope);
}
