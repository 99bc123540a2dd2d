// Windows readiness (issue 47): what a Windows guest gets from its OS variant's needs and the
// virtio driver CD found in the pools — firmware, TPM, disk and NIC bus — and the words the
// wizard's review step and the API's warnings say it with. Shared by the server and the wizard.

import { t } from "./i18n/t.ts";
import type { DiskBus, OsType } from "./vm_kinds.ts";

/** A host feature an OS needs: UEFI (osinfo: BIOS unsupported), Secure Boot, a TPM 2.0. */
export type OsNeed = "uefi" | "secureBoot" | "tpm";

/** An ISO volume whose ISO 9660 volume label says it is the virtio-win driver CD. */
export interface DriverIso {
  pool: string;
  name: string;
  path: string;
  /** The volume label, e.g. "virtio-win-0.1.240". */
  label: string;
}

/** A Windows guest's choices (VmConfig.windows). */
export interface WindowsOptions {
  /**
   * The virtio-win driver CD (a volume of a pool), attached as a second CD-ROM with the disk and
   * NIC on virtio; null: none (SATA disk, e1000e NIC); absent: the first one found in a pool.
   */
  virtioDrivers?: string | null;
}

/** The ISO 9660 volume label of virtio-win driver CDs ("virtio-win-0.1.240"). */
export const DRIVER_LABEL = /^virtio-win/i;

/** The disk bus and NIC model a Windows guest gets: virtio only with its driver CD attached. */
export function windowsDevices(
  { diskBus, drivers }: { diskBus?: DiskBus; drivers: boolean },
): { diskBus: DiskBus; nicModel: "virtio" | "e1000e" } {
  return {
    diskBus: diskBus ?? (drivers ? "virtio" : "sata"),
    nicModel: drivers ? "virtio" : "e1000e",
  };
}

/** What a Windows VM is, as far as the notes go. */
export interface WindowsView {
  osType: OsType;
  /** Hardware virtualization: QEMU offers Hyper-V enlightenments only through KVM. */
  kvm: boolean;
  /** The variant's name, for "Windows 11 requires them". */
  osName: string;
  requires: OsNeed[];
  firmware: "bios" | "uefi";
  secureBoot: boolean;
  tpm: boolean;
  diskBus: DiskBus;
  /** The driver CD attached, or null. */
  drivers: Pick<DriverIso, "label" | "path"> | null;
  /** How many driver CDs the pools hold (none: the note says how to add one). */
  driversFound: number;
}

/** One line of the review: what was chosen and why; `warning` when the guest will struggle. */
export interface WindowsNote {
  field: string;
  message: string;
  warning: boolean;
}

/** The review's lines for a Windows guest ([] for any other OS). */
export function windowsNotes(v: WindowsView): WindowsNote[] {
  if (v.osType !== "windows") return [];
  const notes: WindowsNote[] = [];
  const note = (field: string, message: string, warning = false) =>
    notes.push({ field, message, warning });
  if (v.kvm) {
    note("osType", t("Hyper-V enlightenments: on — Windows runs faster with them"));
    note("osType", t("Clock in local time with Hyper-V's clock — as Windows keeps it"));
  } else {
    note(
      "osType",
      t("Hyper-V enlightenments: off — QEMU offers them only with KVM, and this VM runs in software emulation"),
    );
  }
  const needs = new Set(v.requires);
  const trusted = needs.has("tpm") || needs.has("secureBoot");
  const secure = v.firmware === "uefi" && v.secureBoot;
  if (trusted && secure && v.tpm) {
    note("tpm", t("TPM 2.0 and Secure Boot — {{os}} requires them", { os: v.osName }));
  } else if (trusted) {
    note(
      secure ? "tpm" : "secureBoot",
      t("{{os}} requires TPM 2.0 and Secure Boot: its installer refuses a VM without them", {
        os: v.osName,
      }),
      true,
    );
  } else if (needs.has("uefi") && v.firmware !== "uefi") {
    note("firmware", t("{{os}} requires UEFI firmware", { os: v.osName }), true);
  }
  const devices = windowsDevices({ diskBus: v.diskBus, drivers: v.drivers !== null });
  if (v.drivers) {
    note(
      "windows.virtioDrivers",
      t("Virtio driver CD attached as a second CD-ROM: {{volume}} — disk and network on virtio", {
        volume: v.drivers.label,
      }),
    );
  } else if (devices.diskBus === "virtio") {
    note(
      "diskBus",
      t("Disk on virtio without the virtio driver CD: Windows Setup will not find the disk"),
      true,
    );
  } else if (v.driversFound === 0) {
    note(
      "windows.virtioDrivers",
      t(
        "Disk on {{bus}}, network on e1000e — no virtio driver CD found in any pool; add virtio-win.iso to a pool to use faster virtio disks",
        { bus: devices.diskBus.toUpperCase() },
      ),
    );
  } else {
    note(
      "windows.virtioDrivers",
      t("Disk on {{bus}}, network on e1000e — no virtio driver CD chosen", {
        bus: devices.diskBus.toUpperCase(),
      }),
    );
  }
  return notes;
}
