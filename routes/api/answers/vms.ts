// What the VM routes answer (routes/api/vms.ts, routes/api/vm_protection.ts): the list and one
// VM, its stats and QEMU log, the create wizard's options and checks, batches, lifecycle actions,
// the delete plan and a delete. The pools, networks and volumes of the create options are the
// storage and network routes' shapes, described again here as far as the wizard gets them.

import { z } from "zod";
import type { DeleteResult } from "../../../lib/vms/domains.ts";
import type { PowerMethod as Method } from "../../../shared/guest.ts";
import type { NetworkSummary } from "../../../shared/networks.ts";
import type { PoolSummary, VolumeSummary } from "../../../shared/storage.ts";
import type { DeletePlan as Plan } from "../../../shared/vm_delete.ts";
import type { NicVlan as Vlan } from "../../../shared/vm_kinds.ts";
import { type QemuLogTail as LogTail, VM_STATE_REASONS } from "../../../shared/vm_state_reason.ts";
import {
  BATCH_ACTIONS,
  type BatchResult as Batch,
  type CreateOptions as Options,
  DISPLAY_TYPES,
  type FieldIssue,
  type NetworkInterface as Nic,
  type NicBandwidth as Bandwidth,
  type NicRate as Rate,
  type OsVariant as Variant,
  PENDING_FIELDS,
  type PendingChange as Pending,
  type Vm as VmType,
  type VmStats as Stats,
  type VmSummary as Summary,
} from "../../../shared/vms.ts";
import type { DriverIso as Driver } from "../../../shared/windows.ts";
import { describes } from "./describes.ts";
import { FailureWords } from "./parts.ts";
import { VmState } from "./common.ts";
import { StorageVolume } from "./storage.ts";

/** How a graceful stop or reboot reached the guest. */
export const PowerMethod = describes<Method>()(
  z.enum(["kvmm-agent", "qemu-agent", "acpi"]).meta({
    description: "How a graceful stop or reboot reached the guest: an agent, else the ACPI button",
  }),
);

const summaryFields = {
  id: z.string().meta({ description: "UUID" }),
  name: z.string(),
  state: VmState,
  stateReason: z.enum(VM_STATE_REASONS).optional().meta({
    description:
      "libvirt's reason for the state, when it tells something (an I/O error, a crash …); absent for a user's pause or a normal shutdown",
  }),
  cpuCount: z.number().int(),
  memoryMb: z.number(),
  autostart: z.boolean().optional(),
  protected: z.boolean().optional().meta({
    description: "In the list only true, once the definition was read in the background",
  }),
  ipAddresses: z.array(z.string()).optional().meta({
    description: "Guest addresses last seen (agent or DHCP lease), IPv4 first",
  }),
  tags: z.array(z.string()).optional().meta({ description: "Effective policy tags" }),
  unresponsive: z.literal(true).optional().meta({
    description: "Set while the VM's QEMU does not answer libvirt",
  }),
  cpuPercent: z.number().optional().meta({
    description: "% of the VM's vCPUs at the collector's last tick",
  }),
  memoryPercent: z.number().optional().meta({ description: "Guest memory in use, %" }),
  memoryNoGuestStats: z.literal(true).optional().meta({
    description: "No balloon statistics: memoryPercent is what the host sees the VM hold",
  }),
  diskReadBps: z.number().optional(),
  diskWriteBps: z.number().optional(),
  netRxBps: z.number().optional(),
  netTxBps: z.number().optional(),
  os: z.string().optional().meta({ description: 'osinfo short id ("debian12")' }),
  uptimeSeconds: z.number().optional(),
  changesPending: z.literal(true).optional().meta({
    description: "A running VM's definition differs from what runs, as far as compared yet",
  }),
};

/** One row of GET /api/vms. */
export const VmSummary = describes<Summary>()(
  z.object(summaryFields).meta({ id: "VmSummary" }),
);

export const VmList = z.array(VmSummary);

const Disk = z.object({
  target: z.string().meta({ description: 'Guest device name, e.g. "vda"' }),
  device: z.string().meta({ description: '"disk", "cdrom" or "floppy"' }),
  bus: z.string().nullable(),
  path: z.string().nullable().meta({
    description: "Source file or block device; null for an empty CD-ROM or a network disk",
  }),
  format: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  allocationBytes: z.number().nullable(),
});

const NicVlan = describes<Vlan>()(z.object({
  tags: z.array(z.number().int()),
  trunk: z.boolean(),
  nativeTag: z.number().int().optional(),
}));

const NicRate = describes<Rate>()(z.object({
  averageKBps: z.number(),
  peakKBps: z.number().optional(),
  burstKiB: z.number().optional(),
}));

const NicBandwidth = describes<Bandwidth>()(z.object({
  inbound: NicRate.optional().meta({ description: "Into the guest" }),
  outbound: NicRate.optional().meta({ description: "Out of the guest" }),
}));

const NetworkInterface = describes<Nic>()(z.object({
  mac: z.string(),
  network: z.string().meta({
    description: "Network name, bridge name, or the interface type when neither applies",
  }),
  type: z.string().meta({ description: '"network", "bridge", "user", "direct" …' }),
  portgroup: z.string().optional(),
  model: z.string().nullable(),
  ipAddress: z.string().optional(),
  vlan: NicVlan.optional(),
  bandwidth: NicBandwidth.optional().meta({ description: "KiB/s, bursts in KiB" }),
  mtu: z.number().int().optional(),
}));

const Graphics = z.object({
  type: z.string(),
  port: z.number().int().nullable(),
  listen: z.string().nullable(),
  autoport: z.boolean(),
  socket: z.string().nullable(),
});

const PendingValue = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.string()),
  z.null(),
]);

/** One setting whose definition for the next boot differs from what runs. */
export const PendingChange = describes<Pending>()(z.object({
  field: z.enum(PENDING_FIELDS),
  device: z.string().optional().meta({
    description: "The device: a disk by target, a NIC by MAC, a host device by address",
  }),
  live: PendingValue,
  next: PendingValue,
}));

const DiskError = z.object({
  target: z.string(),
  error: z.enum(["no-space", "other"]),
  path: z.string().optional(),
  pool: z.string().optional(),
});

/** GET /api/vms/{id}. */
export const Vm = describes<VmType>()(
  z.object({
    ...summaryFields,
    autostart: z.boolean().meta({
      description: "Starts with the host: libvirt's autostart, or a boot order",
    }),
    protected: z.boolean().meta({ description: "Delete is refused (409 VM_PROTECTED)" }),
    osType: z.string().optional(),
    osVariant: z.string().optional(),
    diskSizeGb: z.number(),
    networkInterfaces: z.array(NetworkInterface),
    vncPort: z.number().int().optional(),
    createdAt: z.number().optional().meta({ description: "Unix time in seconds" }),
    description: z.string().optional(),
    title: z.string().optional(),
    persistent: z.boolean(),
    maxMemoryMb: z.number(),
    machine: z.string().nullable(),
    arch: z.string().nullable(),
    emulator: z.string().nullable(),
    disks: z.array(Disk),
    graphics: z.array(Graphics),
    bootOrder: z.array(z.string()),
    bootMenu: z.boolean(),
    firmware: z.enum(["bios", "uefi"]),
    secureBoot: z.boolean(),
    tpm: z.boolean(),
    clipboard: z.boolean(),
    nextBoot: z.object({ display: z.enum(DISPLAY_TYPES), clipboard: z.boolean() }).optional()
      .meta({ description: "A running VM's console as its definition has it from the next boot" }),
    pending: z.array(PendingChange).optional().meta({
      description: "What differs between what runs and the next boot; empty when off",
    }),
    diskErrors: z.array(DiskError).optional().meta({
      description: "The disks QEMU reports an I/O error on, while it is paused on one",
    }),
  }).meta({ id: "Vm" }),
);

/** GET /api/vms/{id}/stats. */
export const VmStats = describes<Stats>()(
  z.object({
    vmId: z.string(),
    cpuUsagePercent: z.number(),
    memoryUsedMb: z.number(),
    memoryAvailableMb: z.number(),
    diskReadBytes: z.number(),
    diskWriteBytes: z.number(),
    networkRxBytes: z.number(),
    networkTxBytes: z.number(),
    timestamp: z.number().meta({ description: "Unix time in milliseconds" }),
  }).meta({
    id: "VmStats",
    description: "Counters are cumulative since the VM started; zeros when it is off",
  }),
);

/** GET /api/vms/{id}/qemu-log. */
export const QemuLogTail = describes<LogTail>()(
  z.object({
    available: z.boolean().meta({
      description: "False when there is none: no log yet, or the VM is on a remote host",
    }),
    lines: z.array(z.string()).meta({ description: "The last lines, oldest first" }),
    path: z.string().optional(),
    truncated: z.boolean().optional().meta({
      description: "The log holds more than the lines sent",
    }),
    note: z.string().optional(),
  }).meta({ id: "VmQemuLogTail" }),
);

// The create wizard's choices: the storage and network routes' shapes, as the wizard gets them.
const Pool = describes<PoolSummary>()(z.object({
  name: z.string(),
  active: z.boolean(),
  capacityBytes: z.number(),
  allocationBytes: z.number(),
  availableBytes: z.number(),
  path: z.string().nullable(),
}));

const Network = describes<NetworkSummary>()(z.object({
  name: z.string(),
  active: z.boolean(),
  portgroupNames: z.array(z.string()).optional(),
  carriesVlans: z.boolean().optional(),
}));

const Iso = describes<VolumeSummary>()(StorageVolume.omit({ backingPath: true }));

const DriverIso = describes<Driver>()(z.object({
  pool: z.string(),
  name: z.string(),
  path: z.string(),
  label: z.string().meta({ description: 'The ISO volume label, e.g. "virtio-win-0.1.240"' }),
}));

const OsVariant = describes<Variant>()(z.object({
  id: z.string().meta({ description: 'osinfo short id, e.g. "debian12"' }),
  osinfoId: z.string(),
  name: z.string(),
  shortIds: z.array(z.string()).optional(),
  version: z.string().nullable().optional(),
  osType: z.enum(["linux", "windows", "other"]),
  family: z.string().nullable(),
  minimumMemoryMb: z.number().nullable(),
  recommendedMemoryMb: z.number().nullable(),
  minimumCpus: z.number().nullable(),
  recommendedCpus: z.number().nullable(),
  minimumDiskGb: z.number().nullable(),
  recommendedDiskGb: z.number().nullable(),
  releaseDate: z.string().nullable().meta({ description: "YYYY-MM-DD" }),
  supported: z.boolean(),
  requires: z.array(z.enum(["uefi", "secureBoot", "tpm"])).optional(),
}));

/** GET /api/vms/create-options. */
export const VmCreateOptions = describes<Options>()(
  z.object({
    hostCpus: z.number().int(),
    hostMemoryMb: z.number(),
    maxMemoryMb: z.number().meta({ description: "90% of the host's: the most one VM may ask" }),
    pools: z.array(Pool),
    networks: z.array(Network),
    isos: z.array(Iso).meta({ description: "ISO volumes of active pools" }),
    driverIsos: z.array(DriverIso).meta({ description: "virtio-win driver CDs among them" }),
    osVariants: z.array(OsVariant),
    uefiAvailable: z.boolean(),
    secureBootAvailable: z.boolean(),
    tpmAvailable: z.boolean(),
    kvmAvailable: z.boolean(),
    hypervAvailable: z.boolean(),
    kvmReason: z.string().nullable().meta({
      description: "Why new VMs get software emulation on a host whose libvirt offers KVM",
    }),
    cloudInitAvailable: z.boolean(),
    existingNames: z.array(z.string()),
  }).meta({ id: "VmCreateOptions" }),
);

/** A problem with one field, as sent (a FieldIssue's code is not). */
const Issue = describes<Omit<FieldIssue, "code">>()(z.object({
  field: z.string(),
  message: z.string(),
}));

/** POST /api/vms/validate. */
export const VmValidation = z.object({
  errors: z.array(Issue).meta({ description: "They block creation" }),
  warnings: z.array(Issue).meta({ description: "They do not" }),
}).meta({ id: "VmValidation" });

/** POST /api/vms. */
export const VmCreated = z.object({
  id: z.string().meta({ description: "UUID" }),
  name: z.string(),
  warnings: z.array(Issue),
}).meta({ id: "VmCreated" });

const BatchItem = z.discriminatedUnion("ok", [
  z.object({ id: z.string(), name: z.string(), ok: z.literal(true) }),
  z.object({
    id: z.string(),
    name: z.string(),
    ok: z.literal(false),
    error: FailureWords,
  }),
]);

/** POST /api/vms/batch. */
export const VmBatchResult = describes<Batch>()(
  z.object({
    action: z.enum(BATCH_ACTIONS),
    results: z.array(BatchItem).meta({ description: "One per VM, in the request's order" }),
    succeeded: z.number().int(),
    failed: z.number().int(),
  }).meta({ id: "VmBatchResult" }),
);

/** POST /api/vms/{id}/{action}. */
export const VmActionDone = z.object({
  ok: z.literal(true),
  method: PowerMethod.optional().meta({ description: "stop and reboot only" }),
}).meta({ id: "VmActionDone" });

/** GET /api/vms/{id}/delete-plan. */
export const VmDeletePlan = describes<Plan>()(
  z.object({
    name: z.string(),
    volumes: z.array(z.object({
      path: z.string(),
      target: z.string(),
      device: z.string(),
      keep: z.enum(["iso", "shared", "base", "outside", "unknown"]).nullable().meta({
        description: "null: the VM's own disk, deleted by default; else why it stays",
      }),
      reason: z.string().meta({ description: '"" for the VM\'s own disks' }),
      deletable: z.boolean(),
    })),
    protected: z.literal(true).optional().meta({
      description: "Set when the VM is protected: delete is refused until it is cleared",
    }),
  }).meta({ id: "VmDeletePlan" }),
);

/** DELETE /api/vms/{id}. */
export const VmDeleted = describes<{ ok: true } & DeleteResult>()(
  z.object({
    ok: z.literal(true),
    uuid: z.string().meta({ description: "The deleted VM's UUID" }),
    deletedDisks: z.array(z.string()),
    keptDisks: z.array(z.object({ path: z.string(), reason: z.string() })),
  }).meta({ id: "VmDeleted" }),
);

/** PUT /api/vms/{id}/protection. */
export const VmProtection = z.object({
  id: z.string().meta({ description: "UUID" }),
  name: z.string(),
  protected: z.boolean(),
}).meta({ id: "VmProtection" });
