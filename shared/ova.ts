// The wire shapes of OVA/OVF: what an appliance's descriptor says (read on import, written on
// export), and an import's result that the create wizard starts from.

import type { OsType } from "./vms.ts";

/** A disk of the appliance, in the order the VM's controllers attach them. */
export interface OvfDisk {
  /** The file in the OVA holding it; null for an empty disk the appliance asks to make. */
  file: string | null;
  /** Its size as the guest sees it, in bytes. */
  capacityBytes: number;
  /** The controller it hangs on, in our words (an IDE disk is attached as SATA). */
  bus: "virtio" | "scsi" | "sata";
}

/** A network card of the appliance. */
export interface OvfNic {
  /** The appliance's name for the network it was on ("NAT", "VM Network"). */
  network: string;
  /** "virtio", "e1000" … or null when the descriptor does not say. */
  model: string | null;
}

/** What an OVF descriptor says of its one virtual machine. */
export interface OvfSummary {
  name: string;
  cpuCount: number;
  memoryMb: number;
  firmware: "bios" | "uefi";
  osType: OsType;
  /** The descriptor's words for its OS ("Debian_64", "Ubuntu Linux (64-bit)"), or null. */
  osDescription: string | null;
  /** The osinfo id, when the OVA was made by KVM Manager (or names one), else null. */
  osVariant: string | null;
  disks: OvfDisk[];
  nics: OvfNic[];
}

/** POST /api/pools/:pool/ova: an imported appliance, its disks converted into the pool. */
export interface OvaImport {
  /** Names the import for `/vms/new?ova=ID`. */
  id: string;
  hostId: string;
  pool: string;
  summary: OvfSummary;
  /** The converted volumes, in the summary's disk order. */
  volumes: { name: string; path: string }[];
  createdAt: number;
}
