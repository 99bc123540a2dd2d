// Reading an OVF descriptor (DMTF OVF 1.x/2.x, as VMware, VirtualBox and we write them) into
// what the create wizard needs: name, CPUs, memory, firmware, OS, disks in controller order and
// network cards. Only the descriptor's first virtual system is read (an OVA of several VMs is
// refused with words); the namespaces are dropped, so `ovf:capacity` is `@capacity`.

import { xmlParserRepeating } from "../xml/parser.ts";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { OvfDisk, OvfNic, OvfSummary } from "../../shared/ova.ts";
import type { OsType } from "../../shared/vms.ts";

type Node = Record<string, any>;

const REPEATED = new Set(["File", "Disk", "Network", "Item", "VirtualSystem", "Config"]);

const parser = xmlParserRepeating(REPEATED);

// CIM ResourceType numbers (DMTF DSP1041) the wizard cares about.
const CPU = "3";
const MEMORY = "4";
const IDE = "5";
const SCSI = "6";
const ETHERNET = "10";
const DISK = "17";
const SATA = "20";

const refuse = (reason: string) =>
  new AppError("INVALID_FORMAT", t("The OVF descriptor cannot be read: {{reason}}", { reason }));

/** The text of `<rasd:X>` (with or without attributes). */
function str(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === "object") {
    const text = (node as Node)["#text"];
    return text === undefined ? undefined : String(text);
  }
  return String(node);
}

/**
 * Bytes from a quantity and its unit: "MegaBytes", "byte * 2^20", "byte*2^30", "KB" … (DSP0004's
 * programmatic units). Null for a unit we do not know.
 */
export function toBytes(quantity: string | undefined, unit: string | undefined): number | null {
  const value = Number(quantity);
  if (!quantity || !Number.isFinite(value) || value < 0) return null;
  const u = (unit ?? "byte").replace(/\s+/g, "").toLowerCase();
  const named: Record<string, number> = {
    byte: 1,
    bytes: 1,
    kb: 2 ** 10,
    kilobytes: 2 ** 10,
    mb: 2 ** 20,
    megabytes: 2 ** 20,
    gb: 2 ** 30,
    gigabytes: 2 ** 30,
    tb: 2 ** 40,
  };
  if (u in named) return value * named[u];
  const power = /^byte\*(\d+)\^(\d+)$/.exec(u);
  if (power) return value * Number(power[1]) ** Number(power[2]);
  return null;
}

/** A libvirt-safe VM name from the appliance's: letters, digits, ".", "_" and "-". */
export function vmNameFrom(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+/, "").slice(0, 64)
    .replace(/-+$/, "");
  return safe || "imported-vm";
}

/** linux/windows/other from the OS section's words and CIM id (DSP1041's CIM_OperatingSystem). */
function osTypeOf(words: string, cimId: number): OsType {
  if (/win/i.test(words)) return "windows";
  if (/linux|debian|ubuntu|centos|rhel|red ?hat|fedora|suse|alma|rocky|arch|gentoo/i.test(words)) {
    return "linux";
  }
  // 58–67, 69–73, 103–117: Windows versions; 36, 79–102 (but 103+): Linux distributions.
  if ((cimId >= 58 && cimId <= 73) || (cimId >= 103 && cimId <= 117)) return "windows";
  if (cimId === 36 || (cimId >= 79 && cimId <= 102)) return "linux";
  return "other";
}

function nicModel(subtype: string | undefined): string | null {
  if (!subtype) return null;
  const s = subtype.toLowerCase();
  if (s.includes("virtio")) return "virtio";
  if (s.includes("e1000e")) return "e1000e";
  if (s.includes("e1000")) return "e1000";
  if (s.includes("vmxnet3")) return "vmxnet3";
  if (s.includes("pcnet")) return "pcnet";
  if (s.includes("8139")) return "rtl8139";
  return null;
}

function busOf(controller: Node | undefined): OvfDisk["bus"] {
  const type = str(controller?.ResourceType);
  const subtype = (str(controller?.ResourceSubType) ?? "").toLowerCase();
  if (subtype.includes("virtio")) return "virtio";
  if (type === SCSI) return "scsi";
  // IDE and SATA (and anything else) as SATA: q35 machines have no IDE, and SATA needs no
  // driver a guest made elsewhere may lack.
  if (type === IDE || type === SATA) return "sata";
  return "sata";
}

/** The firmware VMware (`vmw:Config firmware=efi`) or VirtualBox (`<Firmware type="EFI">`) set. */
function firmwareOf(hardware: Node, system: Node): "bios" | "uefi" {
  for (const config of hardware.Config ?? []) {
    if (config["@key"] === "firmware" && /efi/i.test(config["@value"] ?? "")) return "uefi";
  }
  const vbox = system.Machine?.Hardware?.Firmware?.["@type"];
  return typeof vbox === "string" && /efi/i.test(vbox) ? "uefi" : "bios";
}

/** Reads the descriptor; throws INVALID_FORMAT in words when it is not one we can use. */
export function readOvf(xml: string): OvfSummary {
  // A descriptor never needs a DOCTYPE, whose entities could multiply its size when expanded.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw refuse(t("it declares a DOCTYPE"));
  let doc: Node;
  try {
    doc = parser.parse(xml, true);
  } catch (err) {
    throw refuse((err as Error).message ?? String(err));
  }
  const envelope: Node | undefined = doc.Envelope;
  if (!envelope) throw refuse(t("it has no Envelope element"));
  const systems: Node[] = envelope.VirtualSystem ??
    envelope.VirtualSystemCollection?.VirtualSystem ?? [];
  if (systems.length === 0) throw refuse(t("it describes no virtual machine"));
  if (systems.length > 1) {
    throw refuse(t("it describes {{count}} virtual machines: import them one OVA at a time", {
      count: systems.length,
    }));
  }
  const system = systems[0];
  const hardware: Node = system.VirtualHardwareSection ?? {};
  const items: Node[] = hardware.Item ?? [];
  const byType = (type: string) => items.filter((i) => str(i.ResourceType) === type);

  const cpuCount = Math.max(1, Math.round(Number(str(byType(CPU)[0]?.VirtualQuantity) ?? 1)));
  const memoryItem = byType(MEMORY)[0];
  const memoryBytes = toBytes(
    str(memoryItem?.VirtualQuantity),
    str(memoryItem?.AllocationUnits) ?? "MegaBytes",
  );
  if (memoryBytes === null) throw refuse(t("its memory size is missing or in an unknown unit"));

  const files = new Map<string, string>();
  for (const file of envelope.References?.File ?? []) {
    if (file["@compression"]) {
      throw refuse(t("{{file}} is compressed ({{how}}): export the OVA without compression", {
        file: file["@href"],
        how: file["@compression"],
      }));
    }
    files.set(file["@id"], file["@href"]);
  }
  const disksById = new Map<string, Node>();
  for (const disk of envelope.DiskSection?.Disk ?? []) disksById.set(disk["@diskId"], disk);

  // Disks in controller order, then by their address on it (the boot disk first).
  const controllers = new Map(items.map((i) => [str(i.InstanceID), i]));
  const diskItems = byType(DISK).map((item, at) => ({ item, at })).sort((a, b) =>
    Number(str(a.item.Parent) ?? 0) - Number(str(b.item.Parent) ?? 0) ||
    Number(str(a.item.AddressOnParent) ?? 0) - Number(str(b.item.AddressOnParent) ?? 0) ||
    a.at - b.at
  );
  const disks: OvfDisk[] = [];
  for (const { item } of diskItems) {
    const resource = str(item.HostResource) ?? "";
    const id = resource.replace(/^(ovf:)?\/disk\//, "");
    const disk = disksById.get(id);
    if (!disk) throw refuse(t("disk {{id}} is not in the disk section", { id: resource }));
    const capacityBytes = toBytes(disk["@capacity"], disk["@capacityAllocationUnits"]);
    if (capacityBytes === null || capacityBytes <= 0) {
      throw refuse(t("disk {{id}} has no size in a known unit", { id }));
    }
    const fileRef = disk["@fileRef"];
    const file = fileRef ? files.get(fileRef) : undefined;
    if (fileRef && !file) throw refuse(t("disk {{id}} names a file not listed", { id }));
    disks.push({
      file: file ?? null,
      capacityBytes,
      bus: busOf(controllers.get(str(item.Parent))),
    });
  }

  const nics: OvfNic[] = byType(ETHERNET).map((item) => ({
    network: str(item.Connection) ?? "",
    model: nicModel(str(item.ResourceSubType)),
  }));

  const os: Node = system.OperatingSystemSection ?? {};
  const words = [str(os.Description), str(os.OSType), os["@osType"]].filter(Boolean).join(" ");
  const kvmm: Node | undefined = system.KvmManager;
  const name = str(system.Name) ?? str(hardware.System?.VirtualSystemIdentifier) ??
    system["@id"] ?? "";
  return {
    name: vmNameFrom(name),
    cpuCount,
    memoryMb: Math.max(1, Math.round(memoryBytes / 2 ** 20)),
    firmware: firmwareOf(hardware, system),
    osType: osTypeOf(words, Number(os["@id"] ?? 0)),
    osDescription: str(os.Description) ?? str(os.OSType) ?? null,
    osVariant: str(kvmm?.OsVariant) ?? null,
    disks,
    nics,
  };
}
