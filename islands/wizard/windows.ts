// The wizard's Windows choices: what picking a Windows variant (or a driver CD) fills in, unless
// the user chose it already, and the review's notes (shared/windows.ts).

import type { OsVariant } from "../../shared/vms.ts";
import { type WindowsNote, windowsNotes } from "../../shared/windows.ts";
import type { Draft } from "./draft.ts";
import type { WizardOptions } from "./options.ts";

type Needs = Pick<OsVariant, "requires">;

/**
 * The draft fields a Windows guest wants: the first driver CD found and virtio with it (SATA
 * without), and the firmware, Secure Boot and TPM its variant needs where the host has them.
 * Another OS goes back to a virtio disk. Fields in `touched` are left as chosen.
 */
export function windowsDefaults(
  d: Draft,
  variant: Needs | undefined,
  o: Pick<
    WizardOptions,
    "driverIsos" | "uefiAvailable" | "secureBootAvailable" | "tpmAvailable"
  >,
  touched: ReadonlySet<keyof Draft>,
): Partial<Draft> {
  const patch: Partial<Draft> = {};
  const free = (k: keyof Draft) => !touched.has(k);
  if (d.osType !== "windows") {
    if (free("diskBus") && d.diskBus !== "virtio") patch.diskBus = "virtio";
    return patch;
  }
  if (free("virtioDrivers")) patch.virtioDrivers = o.driverIsos[0]?.path ?? "";
  const drivers = (patch.virtioDrivers ?? d.virtioDrivers) !== "";
  if (free("diskBus")) patch.diskBus = drivers ? "virtio" : "sata";
  const needs = new Set(variant?.requires ?? []);
  if (needs.has("uefi") && o.uefiAvailable && free("firmware")) patch.firmware = "uefi";
  const uefi = (patch.firmware ?? d.firmware) === "uefi";
  if (needs.has("secureBoot") && uefi && o.secureBootAvailable && free("secureBoot")) {
    patch.secureBoot = true;
  }
  if (needs.has("tpm") && o.tpmAvailable && free("tpm")) patch.tpm = true;
  return patch;
}

/** The review's lines for the draft ([] unless it is a Windows guest). */
export function draftWindowsNotes(
  d: Draft,
  variant: (Needs & { name: string }) | undefined,
  o: Pick<WizardOptions, "driverIsos" | "hypervAvailable">,
): WindowsNote[] {
  const cd = o.driverIsos.find((i) => i.path === d.virtioDrivers);
  return windowsNotes({
    osType: d.osType,
    // What the server gives when no virtualization type is chosen (options.hypervAvailable).
    kvm: d.virtType === "kvm" || (d.virtType === "" && o.hypervAvailable),
    osName: variant?.name ?? "Windows",
    requires: variant?.requires ?? [],
    firmware: d.firmware,
    secureBoot: d.secureBoot,
    tpm: d.tpm,
    diskBus: d.diskBus,
    drivers: d.virtioDrivers
      ? { path: d.virtioDrivers, label: cd?.label ?? d.virtioDrivers }
      : null,
    driversFound: o.driverIsos.length,
  });
}
