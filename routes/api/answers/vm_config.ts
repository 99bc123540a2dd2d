// What the VM configuration routes answer (routes/api/vm_config.ts): edits, device changes, the
// domain XML, clone and OVA export, disk moves, pending changes, host devices, shared folders and
// the VM's firewall.

import { z } from "zod";
import type { ApplyStarted } from "../../../lib/vms/apply_pending.ts";
import type { DiskMoveStarted as MoveStarted } from "../../../shared/disk_move.ts";
import type { FilesystemResult, VmFilesystem as Filesystem } from "../../../shared/filesystems.ts";
import type {
  HostDeviceAttachResult as AttachResult,
  VmHostDevice as HostDevice,
} from "../../../shared/host_devices.ts";
import {
  FIREWALL_ACTIONS,
  FIREWALL_DIRECTIONS,
  FIREWALL_FAMILIES,
  FIREWALL_POLICIES,
  FIREWALL_PROTOCOLS,
  type FirewallRule as Rule,
  type VmFirewallState as FirewallState,
} from "../../../shared/vm_firewall.ts";
import type { AppliedChange, DeviceResult } from "../../../shared/vms.ts";
import { describes } from "./describes.ts";
import { PendingChange, PowerMethod } from "./vms.ts";
import { StorageVolume } from "./storage.ts";

/** POST /api/vms/import, POST /api/vms/{id}/clone: the new VM. */
export const VmDefined = z.object({
  id: z.string().meta({ description: "UUID" }),
  name: z.string(),
}).meta({ id: "VmDefined" });

/** PUT /api/vms/{id}/xml. */
export const VmXmlReplaced = z.object({ id: z.string().meta({ description: "UUID" }) }).meta({
  id: "VmXmlReplaced",
});

/** PATCH /api/vms/{id}. */
export const VmEdited = z.object({
  id: z.string().meta({ description: "UUID" }),
  changes: z.array(
    describes<AppliedChange>()(z.object({
      field: z.string(),
      live: z.boolean().meta({ description: "Applied to the running VM now" }),
      nextBoot: z.boolean().meta({ description: "In the definition, from the next boot" }),
    })),
  ),
}).meta({ id: "VmEdited" });

/** A disk, CD-ROM or network interface change: how it landed. */
export const VmDeviceChange = describes<DeviceResult>()(
  z.object({
    target: z.string().optional().meta({
      description: "The disk's or CD-ROM's target (vda, sdb …); absent for a network interface",
    }),
    live: z.boolean().meta({ description: "Applied to the running VM now" }),
    nextBoot: z.boolean().meta({ description: "In the definition, from the next boot" }),
  }).meta({ id: "VmDeviceChange" }),
);

/** POST /api/vms/{id}/disks/{target}/resize. */
export const VmDiskResized = z.object({
  target: z.string(),
  live: z.boolean().meta({ description: "Grown in the running VM (block resize)" }),
  nextBoot: z.boolean(),
  sizeBytes: z.number().meta({ description: "The disk's new size" }),
}).meta({ id: "VmDiskResized" });

/** POST /api/vms/{id}/export: the OVA volume, as the storage routes answer a volume. */
export const VmOvaVolume = StorageVolume;

/** POST /api/vms/{id}/disks/{target}/move. */
export const DiskMoveStarted = describes<MoveStarted>()(
  z.object({
    taskId: z.number().int().nullable().meta({
      description: "The task that moves the disk (GET /api/tasks/{id}, cancel there)",
    }),
    vm: z.string().meta({ description: "The VM's UUID" }),
    target: z.string(),
    live: z.boolean().meta({
      description: "The VM runs: a live block copy, else a copy of the stopped VM's volume",
    }),
    pool: z.string(),
    volume: z.string(),
    format: z.enum(["qcow2", "raw"]),
    path: z.string().optional().meta({
      description: "The new volume's path (a live move makes it before answering)",
    }),
    sourcePath: z.string(),
    deleteSource: z.boolean(),
  }).meta({ id: "DiskMoveStarted" }),
);

/** POST /api/vms/{id}/apply-pending. */
export const VmApplyStarted = describes<Omit<ApplyStarted, "done">>()(
  z.object({
    id: z.string().meta({ description: "UUID" }),
    pending: z.array(PendingChange).meta({ description: "The changes that will apply" }),
    method: PowerMethod.optional(),
  }).meta({ id: "VmApplyStarted" }),
);

/** A host device in a VM's definition. */
export const VmHostDevice = describes<HostDevice>()(
  z.object({
    kind: z.enum(["pci", "usb", "mdev"]),
    address: z.string().nullable().meta({
      description:
        'PCI "0000:41:00.0"; USB "003:004" when given by bus and device; a mediated device\'s UUID',
    }),
    usbId: z.string().nullable().meta({
      description: 'USB given by vendor and product: "1050:5678"',
    }),
    device: z.string().nullable().meta({
      description: "The host's node device it names, when the host has it now",
    }),
  }).meta({ id: "VmHostDevice" }),
);

/** GET /api/vms/{id}/hostdevs. */
export const VmHostDevices = z.array(VmHostDevice);

/** POST /api/vms/{id}/hostdevs. */
export const VmHostDeviceAttached = describes<AttachResult>()(
  z.object({
    live: z.boolean(),
    nextBoot: z.boolean(),
    groupPeers: z.array(z.string()).meta({
      description: "The other devices of its IOMMU group: they must be free of host drivers too",
    }),
    attached: z.array(z.string()).meta({ description: "The devices given by this request" }),
    multifunction: z.boolean(),
  }).meta({ id: "VmHostDeviceAttached" }),
);

/** DELETE /api/vms/{id}/hostdevs/{device}. */
export const VmHostDeviceDetached = z.object({ live: z.boolean(), nextBoot: z.boolean() }).meta({
  id: "VmHostDeviceDetached",
});

/** A shared folder of a VM's definition. */
export const VmFilesystem = describes<Filesystem>()(
  z.object({
    tag: z.string().meta({ description: "The mount tag: mount -t virtiofs TAG /mnt" }),
    source: z.string().meta({ description: "The host folder" }),
    readOnly: z.boolean(),
    driver: z.string().meta({ description: '"virtiofs", or another tool\'s ("path", "handle")' }),
  }).meta({ id: "VmFilesystem" }),
);

/** GET /api/vms/{id}/filesystems. */
export const VmFilesystems = z.array(VmFilesystem);

/** POST /api/vms/{id}/filesystems. */
export const VmFilesystemAdded = describes<FilesystemResult>()(
  z.object({
    live: z.boolean(),
    nextBoot: z.literal(true),
    sharedMemoryAdded: z.boolean().meta({
      description: "Shared memory was added: the VM must boot once before the folder shows",
    }),
  }).meta({ id: "VmFilesystemAdded" }),
);

/** DELETE /api/vms/{id}/filesystems/{tag}. */
export const VmFilesystemRemoved = z.object({ live: z.boolean(), nextBoot: z.literal(true) })
  .meta({ id: "VmFilesystemRemoved" });

const FirewallRule = describes<Rule>()(z.object({
  action: z.enum(FIREWALL_ACTIONS),
  direction: z.enum(FIREWALL_DIRECTIONS).meta({
    description: "in: traffic to the VM; out: traffic it sends",
  }),
  protocol: z.enum(FIREWALL_PROTOCOLS),
  port: z.string().optional().meta({ description: 'A port or a range: "8000-8080"' }),
  remote: z.string().optional().meta({
    description: "The other side's address or CIDR (IPv4 or IPv6); absent: any",
  }),
  family: z.enum(FIREWALL_FAMILIES).optional().meta({
    description: "Only IPv4 or only IPv6, for a rule without remote; absent: both",
  }),
  comment: z.string().optional(),
}));

/** GET and PUT /api/vms/{id}/firewall. */
export const VmFirewallState = describes<FirewallState>()(
  z.object({
    enabled: z.boolean().meta({ description: "Whether the VM's NICs use the filter" }),
    antiSpoofing: z.boolean().meta({ description: "libvirt's clean-traffic" }),
    inboundPolicy: z.enum(FIREWALL_POLICIES),
    outboundPolicy: z.enum(FIREWALL_POLICIES),
    rules: z.array(FirewallRule),
    filter: z.string().meta({ description: "The libvirt network filter's name" }),
    nics: z.array(z.object({ mac: z.string(), filtered: z.boolean() })),
    live: z.boolean().meta({
      description: "The NICs as they run (running VM) or in the definition (stopped)",
    }),
  }).meta({ id: "VmFirewallState" }),
);
