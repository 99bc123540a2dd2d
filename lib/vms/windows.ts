// A Windows guest's readiness at create (issue 47): firmware, Secure Boot and TPM from its OS
// variant's needs when the request leaves them out, the virtio driver CD (the one named, or the
// first found in a pool), and from it the disk bus and NIC model; the review's warnings.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { CreateOptions, FieldIssue, OsVariant, VmConfig } from "../../shared/vms.ts";
import { windowsDevices, windowsNotes } from "../../shared/windows.ts";
import { isoList, volumeAt } from "../storage/lookups.ts";
import { findDriverIsos, isoLabel } from "./driver_iso.ts";

/** What the domain gets for a Windows guest (lib/xml/domain_build.ts NewDomainSpec). */
export interface WindowsSetup {
  hyperv: boolean;
  diskBus: NonNullable<VmConfig["diskBus"]>;
  nicModel?: "virtio" | "e1000e";
  /** The virtio driver CD, attached after the install ISO. */
  driverCd?: string;
  warnings: FieldIssue[];
}

type HostFeatures = Pick<CreateOptions, "uefiAvailable" | "secureBootAvailable" | "tpmAvailable">;

/**
 * A request with the firmware, Secure Boot and TPM its OS variant needs (Windows 11: all three),
 * each only where the request says nothing and the host has it: what a request states is kept,
 * and a need the host cannot meet is a warning (windowsSetup), not a refusal.
 */
export function withOsNeeds(
  input: unknown,
  variant: OsVariant | undefined,
  host: HostFeatures,
): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const needs = new Set(variant?.requires ?? []);
  if (needs.size === 0) return input;
  const c = { ...input as Record<string, unknown> };
  if (c.firmware === undefined && needs.has("uefi") && host.uefiAvailable) c.firmware = "uefi";
  if (
    c.secureBoot === undefined && needs.has("secureBoot") && c.firmware === "uefi" &&
    host.secureBootAvailable
  ) c.secureBoot = true;
  if (c.tpm === undefined && needs.has("tpm") && host.tpmAvailable) c.tpm = true;
  return c;
}

/** The driver CD a config asks for: the one named, none (null), or the first one found. */
async function driverCd(
  client: LibvirtClient,
  config: VmConfig,
  options: CreateOptions,
): Promise<{ cd: { path: string; label: string } | null; found: number }> {
  const named = config.windows?.virtioDrivers;
  if (typeof named === "string") {
    const vol = await volumeAt({ client, path: named });
    const label = vol ? await isoLabel(client, vol) : null;
    return { cd: { path: named, label: label ?? vol?.name ?? named }, found: 1 };
  }
  // None asked for: no ISO is read (the wizard checks as the user types).
  if (named === null) return { cd: null, found: 0 };
  const found = await findDriverIsos(client, await isoList({ client, pools: options.pools }));
  return { cd: found[0] ?? null, found: found.length };
}

/**
 * The Windows parts of a new domain; for other guests: no Hyper-V, the config's bus. `kvm`: the
 * VM runs on KVM (or the test driver), not in software emulation.
 */
export async function windowsSetup(
  client: LibvirtClient,
  config: VmConfig,
  variant: OsVariant | undefined,
  options: CreateOptions,
  { kvm }: { kvm: boolean },
): Promise<WindowsSetup> {
  if (config.osType !== "windows") {
    return { hyperv: false, diskBus: config.diskBus ?? "virtio", warnings: [] };
  }
  const { cd, found } = await driverCd(client, config, options);
  const devices = windowsDevices({ diskBus: config.diskBus, drivers: cd !== null });
  const notes = windowsNotes({
    osType: config.osType,
    kvm,
    osName: variant?.name ?? "Windows",
    requires: variant?.requires ?? [],
    firmware: config.firmware ?? "bios",
    secureBoot: config.secureBoot === true,
    tpm: config.tpm === true,
    diskBus: devices.diskBus,
    drivers: cd,
    driversFound: found,
  });
  return {
    // QEMU implements the enlightenments through KVM: under TCG it refuses to start with them
    // ("kernel doesn't allow setting HyperV VP_INDEX", QEMU 7.2).
    hyperv: kvm,
    ...devices,
    driverCd: cd?.path,
    warnings: notes.filter((n) => n.warning).map(({ field, message }) => ({ field, message })),
  };
}
