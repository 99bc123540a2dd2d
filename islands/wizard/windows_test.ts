// Tests for islands/wizard/windows.ts and shared/windows.ts: the wizard's Windows choices and the
// review's words for them.

import { assertEquals } from "../../tests/support/assert.ts";
import type { DriverIso } from "../../shared/vms.ts";
import { type Draft, draftToConfig, initialDraft } from "./draft.ts";
import { draftWindowsNotes, windowsDefaults } from "./windows.ts";
import type { WizardOptions } from "./options.ts";

const DRIVERS: DriverIso = {
  pool: "isos",
  name: "virtio-win.iso",
  path: "/isos/virtio-win.iso",
  label: "virtio-win-0.1.240",
};

const options = (over: Partial<WizardOptions> = {}): WizardOptions => ({
  hostCpus: 8,
  hostMemoryMb: 16384,
  maxMemoryMb: 14745,
  pools: [],
  networks: [],
  isos: [],
  driverIsos: [],
  osVariants: [],
  uefiAvailable: true,
  secureBootAvailable: true,
  tpmAvailable: true,
  kvmAvailable: true,
  hypervAvailable: true,
  kvmReason: null,
  cloudInitAvailable: true,
  existingNames: [],
  ...over,
});
const WIN11 = { name: "Microsoft Windows 11", requires: ["uefi", "secureBoot", "tpm"] as const };
const WIN10 = { name: "Microsoft Windows 10" };

/** The draft after picking `variant` as the wizard does: the pick, then its defaults. */
function picked(
  o: WizardOptions,
  variant: { name: string; requires?: readonly ("uefi" | "secureBoot" | "tpm")[] },
  touched: (keyof Draft)[] = [],
): Draft {
  const d: Draft = { ...initialDraft(o), osType: "windows" };
  const v = { ...variant, requires: variant.requires ? [...variant.requires] : undefined };
  return { ...d, ...windowsDefaults(d, v, o, new Set(touched)) };
}

Deno.test("wizard windows - Windows 11 gets UEFI, Secure Boot, TPM, SATA without a driver CD", () => {
  const o = options();
  const d = picked(o, WIN11);
  assertEquals(
    [d.firmware, d.secureBoot, d.tpm, d.diskBus, d.virtioDrivers],
    ["uefi", true, true, "sata", ""],
  );
  assertEquals(draftToConfig(d).windows, { virtioDrivers: null });
  assertEquals(draftWindowsNotes(d, { ...WIN11, requires: [...WIN11.requires] }, o), [
    {
      field: "osType",
      message: "Hyper-V enlightenments: on — Windows runs faster with them",
      warning: false,
    },
    {
      field: "osType",
      message: "Clock in local time with Hyper-V's clock — as Windows keeps it",
      warning: false,
    },
    {
      field: "tpm",
      message: "TPM 2.0 and Secure Boot — Microsoft Windows 11 requires them",
      warning: false,
    },
    {
      field: "windows.virtioDrivers",
      message:
        "Disk on SATA, network on e1000e — no virtio driver CD found in any pool; add virtio-win.iso to a pool to use faster virtio disks",
      warning: false,
    },
  ]);
});

Deno.test("wizard windows - a driver CD in a pool is chosen, with virtio disk; the user's choices stay", () => {
  const o = options({ driverIsos: [DRIVERS] });
  const d = picked(o, WIN10);
  assertEquals([d.firmware, d.tpm, d.diskBus, d.virtioDrivers], [
    "bios",
    false,
    "virtio",
    DRIVERS.path,
  ]);
  assertEquals(draftToConfig(d).windows, { virtioDrivers: DRIVERS.path });
  assertEquals(
    draftWindowsNotes(d, WIN10, o).map((n) => n.message).at(-1),
    "Virtio driver CD attached as a second CD-ROM: virtio-win-0.1.240 — disk and network on virtio",
  );
  // A bus and firmware the user set are kept; the driver CD they dropped stays dropped.
  const kept = picked(o, WIN11, ["diskBus", "firmware", "virtioDrivers"]);
  assertEquals([kept.firmware, kept.diskBus, kept.virtioDrivers, kept.tpm], [
    "bios",
    "virtio",
    "",
    true,
  ]);
  assertEquals(
    draftWindowsNotes(kept, { ...WIN11, requires: [...WIN11.requires] }, o).filter((n) => n.warning)
      .map((n) => n.message),
    [
      "Microsoft Windows 11 requires TPM 2.0 and Secure Boot: its installer refuses a VM without them",
      "Disk on virtio without the virtio driver CD: Windows Setup will not find the disk",
    ],
  );
});

Deno.test("wizard windows - a Linux guest has no notes and goes back to virtio", () => {
  const o = options({ driverIsos: [DRIVERS] });
  const d: Draft = { ...initialDraft(o), osType: "linux", diskBus: "sata" };
  assertEquals(windowsDefaults(d, undefined, o, new Set()), { diskBus: "virtio" });
  assertEquals(draftWindowsNotes(d, undefined, o), []);
  assertEquals(draftToConfig(d).windows, undefined);
});

Deno.test("wizard windows - software emulation: the review says why there are no enlightenments", () => {
  const o = options({ hypervAvailable: false, kvmAvailable: false, tpmAvailable: false });
  const d = picked(o, WIN11);
  assertEquals(d.tpm, false);
  assertEquals(
    draftWindowsNotes(d, { ...WIN11, requires: [...WIN11.requires] }, o)[0].message,
    "Hyper-V enlightenments: off — QEMU offers them only with KVM, and this VM runs in software emulation",
  );
});
