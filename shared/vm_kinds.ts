// The small kinds that VMs, networks, Windows installs and state reasons all name: kept apart from
// vms.ts, which imports those files' types, so that none of them imports vms.ts back.

export type VmState = "running" | "stopped" | "paused" | "suspended" | "crashed";

export interface NicVlan {
  tags: number[];
  trunk: boolean;
  /** On a trunk, the tag whose frames go untagged. */
  nativeTag?: number;
}

export const DISK_BUSES = ["virtio", "scsi", "sata"] as const;

export type DiskBus = typeof DISK_BUSES[number];

export const OS_TYPES = ["linux", "windows", "other"] as const;

export type OsType = typeof OS_TYPES[number];
