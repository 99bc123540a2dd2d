// The wizard's form state (text as typed, one flat object) and its mapping to and from VmConfig.

import { DISK_SIZE, MEMORY_SIZE, parseSize, type SizeRules, sizeText } from "../../shared/units.ts";
import { tKey } from "../../shared/i18n/t.ts";
import type {
  CloudInitNetwork,
  DiskBus,
  DiskFormat,
  DisplayType,
  FieldIssue,
  OsType,
  VmConfig,
} from "../../shared/vms.ts";
import type { WizardOptions } from "./options.ts";
import { defaultNetwork, defaultPool } from "./defaults.ts";

export type Media = "none" | "iso" | "import" | "base";

export interface Draft {
  name: string;
  description: string;
  osType: OsType;
  osVariant: string;
  media: Media;
  isoPath: string;
  importDiskPath: string;
  /** Volumes attached after the imported disk (an OVA's others); only a start sets them. */
  extraDiskPaths: string[];
  /** A linked clone's base image (media "base"). */
  baseImagePath: string;
  firmware: "bios" | "uefi";
  secureBoot: boolean;
  tpm: boolean;
  /** A Windows guest's virtio driver CD (a volume path); "" for none. */
  virtioDrivers: string;
  bootMenu: boolean;
  directKernel: boolean;
  kernelPath: string;
  initrdPath: string;
  cmdline: string;
  /** "" lets the server choose (KVM when the host has it). */
  virtType: "" | "kvm" | "qemu";
  cpuCount: string;
  /** As typed: "2 GiB", "2048" (MiB) … (shared/units.ts reads it). */
  memoryMb: string;
  /** As typed: "20 GiB", "20" (GiB) … */
  diskSizeGb: string;
  storagePool: string;
  diskFormat: DiskFormat;
  diskBus: DiskBus;
  display: DisplayType;
  clipboard: boolean;
  network: string;
  cloudInit: boolean;
  ciHostname: string;
  ciUser: string;
  /** In clear, sent once to be hashed on the server (never kept anywhere but this form). */
  ciPassword: string;
  ciPasswordHash: string;
  /** One OpenSSH public key per line. */
  ciSshKeys: string;
  ciUserData: string;
  /** Static addresses instead of DHCP (a cloud-init network-config). */
  ciStatic: boolean;
  /** As typed: addresses with prefixes, DNS servers and search domains by line, comma or space. */
  ciAddresses: string;
  ciGateway4: string;
  ciGateway6: string;
  ciDns: string;
  ciSearch: string;
  /** The VM's own firewall filter with anti-spoofing on its NIC (only with a network). */
  antiSpoofing: boolean;
  start: boolean;
  autostart: boolean;
  /** A thin disk larger than the pool's free space, asked for knowingly. */
  allowOvercommit: boolean;
}

/** The steps; `title` is a key, shown with t(). */
export const STEPS = [
  { id: "basics", title: tKey("Basics") },
  { id: "os", title: tKey("OS & media") },
  { id: "resources", title: tKey("Resources") },
  { id: "network", title: tKey("Network") },
  { id: "review", title: tKey("Review") },
] as const;
export type StepId = typeof STEPS[number]["id"];

const STEP_FIELDS: Record<Exclude<StepId, "review">, RegExp> = {
  basics: /^(name|description)$/,
  os:
    /^(osType|osVariant|isoPath|importDiskPath|extraDiskPaths|firmware|secureBoot|tpm|bootMenu|virtType|windows(\..*)?|directKernel(\..*)?)$/,
  resources: /^(cpuCount|memoryMb|storagePool|diskSizeGb|diskFormat|diskBus|display|clipboard)$/,
  network: /^(network|antiSpoofing|cloudInit(\..*)?)$/,
};

/** The step that shows a VmConfig field; anything else (start, autostart, "") is on review. */
export function stepOfField(field: string): StepId {
  for (const [step, re] of Object.entries(STEP_FIELDS)) {
    if (re.test(field)) return step as StepId;
  }
  return "review";
}

/**
 * A new VM's defaults: 1 CPU, 1 GiB, 20 GiB qcow2; the pool and network of
 * islands/wizard/defaults.ts (never an inactive one).
 */
export function initialDraft(
  o: WizardOptions,
  { lastPool }: { lastPool?: string | null } = {},
): Draft {
  return {
    name: "",
    description: "",
    osType: "linux",
    osVariant: "",
    media: "none",
    isoPath: "",
    importDiskPath: "",
    extraDiskPaths: [],
    baseImagePath: "",
    firmware: "bios",
    secureBoot: false,
    tpm: false,
    virtioDrivers: "",
    bootMenu: false,
    directKernel: false,
    kernelPath: "",
    initrdPath: "",
    cmdline: "",
    virtType: "",
    cpuCount: "1",
    memoryMb: sizeText(1024, "MiB"),
    diskSizeGb: sizeText(20, "GiB"),
    storagePool: defaultPool(o, { lastPool }),
    diskFormat: "qcow2",
    diskBus: "virtio",
    display: "vnc",
    clipboard: false,
    network: defaultNetwork(o),
    cloudInit: false,
    ciHostname: "",
    ciUser: "",
    ciPassword: "",
    ciPasswordHash: "",
    ciSshKeys: "",
    ciUserData: "",
    ciStatic: false,
    ciAddresses: "",
    ciGateway4: "",
    ciGateway6: "",
    ciDns: "",
    ciSearch: "",
    antiSpoofing: false,
    start: false,
    autostart: false,
    allowOvercommit: false,
  };
}

/** A typed number; anything else stays text, so the validator's message quotes what was typed. */
export function num(text: string): number {
  const t = text.trim();
  return (/^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t) as number;
}

/** A typed size in the rules' unit; what does not read as one stays text, as `num` keeps it. */
export function size(text: string, rules: SizeRules): number {
  const parsed = parseSize(text, rules);
  return (parsed.ok ? parsed.value : text) as number;
}

/**
 * The sizes that do not read as sizes, on their fields: said in the reader's words ("Unknown unit
 * …"), which the validator's "Invalid memory size: 2 XB MiB" would not be.
 */
export function sizeIssues(d: Pick<Draft, "memoryMb" | "diskSizeGb" | "media">): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const memory = parseSize(d.memoryMb, MEMORY_SIZE);
  if (!memory.ok) issues.push({ field: "memoryMb", message: memory.message });
  const disk = parseSize(d.diskSizeGb, DISK_SIZE);
  // An imported disk keeps its own size: the field is not shown.
  if (!disk.ok && d.media !== "import") issues.push({ field: "diskSizeGb", message: disk.message });
  return issues;
}

/** The validator's issues with those of a field that did not even read as a size replaced. */
export function withSizeIssues(issues: FieldIssue[], sizes: FieldIssue[]): FieldIssue[] {
  const unread = new Set(sizes.map((i) => i.field));
  return [...sizes, ...issues.filter((i) => !unread.has(i.field))];
}

const opt = (s: string) => s.trim() === "" ? undefined : s;
/** "a, b c\nd" → ["a", "b", "c", "d"]. */
const words = (s: string) => s.split(/[\s,]+/).filter(Boolean);

/** The static network setup as typed; undefined when DHCP is kept. */
function networkOf(d: Draft): CloudInitNetwork | undefined {
  if (!d.ciStatic) return undefined;
  const dns = words(d.ciDns);
  const search = words(d.ciSearch);
  return {
    addresses: words(d.ciAddresses),
    gateway4: opt(d.ciGateway4.trim()),
    gateway6: opt(d.ciGateway6.trim()),
    dns: dns.length ? dns : undefined,
    search: search.length ? search : undefined,
  };
}

/** The VmConfig the API gets; empty optional fields are left out. */
export function draftToConfig(d: Draft, { cloudInitAvailable = true } = {}): VmConfig {
  const keys = d.ciSshKeys.split("\n").map((k) => k.trim()).filter(Boolean);
  const cloudInit = d.cloudInit && cloudInitAvailable;
  const config: VmConfig = {
    name: d.name,
    description: opt(d.description),
    cpuCount: num(d.cpuCount),
    memoryMb: size(d.memoryMb, MEMORY_SIZE),
    diskSizeGb: size(d.diskSizeGb, DISK_SIZE),
    osType: d.osType,
    osVariant: opt(d.osVariant),
    isoPath: d.media === "iso" ? d.isoPath : undefined,
    importDiskPath: d.media === "import" ? d.importDiskPath : undefined,
    extraDiskPaths: d.media === "import" && d.extraDiskPaths.length ? d.extraDiskPaths : undefined,
    baseImagePath: d.media === "base" ? d.baseImagePath : undefined,
    network: d.network,
    // An imported disk without a seed puts nothing in a pool, so none is named.
    storagePool: d.media === "import" && !cloudInit ? undefined : d.storagePool,
    // A linked clone's disk is a qcow2 overlay, whatever the format field says.
    diskFormat: d.media === "base" ? "qcow2" : d.diskFormat,
    diskBus: d.diskBus,
    display: d.display === "vnc" ? undefined : d.display,
    clipboard: d.clipboard || undefined,
    bootMenu: d.bootMenu,
    firmware: d.firmware,
    secureBoot: d.firmware === "uefi" && d.secureBoot,
    tpm: d.tpm,
    windows: d.osType === "windows" ? { virtioDrivers: d.virtioDrivers || null } : undefined,
    virtType: d.virtType || undefined,
    directKernel: d.directKernel
      ? { kernelPath: d.kernelPath, initrdPath: opt(d.initrdPath), cmdline: opt(d.cmdline) }
      : undefined,
    cloudInit: cloudInit
      ? {
        hostname: opt(d.ciHostname),
        user: opt(d.ciUser),
        password: opt(d.ciPassword),
        passwordHash: opt(d.ciPasswordHash),
        sshKeys: keys.length ? keys : undefined,
        userData: opt(d.ciUserData),
        network: networkOf(d),
      }
      : undefined,
    autostart: d.autostart,
    allowOvercommit: d.allowOvercommit || undefined,
    antiSpoofing: d.network && d.antiSpoofing ? true : undefined,
    start: d.start,
  };
  // JSON drops undefined anyway; dropping it here keeps summaries and comparisons exact.
  return JSON.parse(JSON.stringify(config));
}

/** A draft filled from a (template's) config; fields the config lacks keep `base`'s values. */
export function draftFromConfig(c: Partial<VmConfig>, base: Draft): Draft {
  const text = (v: unknown, fallback: string) =>
    v === undefined || v === null ? fallback : String(v);
  const ci = c.cloudInit;
  const dk = c.directKernel;
  return {
    ...base,
    // A template has no name; an imported OVA's descriptor does.
    name: c.name ?? base.name,
    description: text(c.description, base.description),
    osType: c.osType ?? base.osType,
    osVariant: text(c.osVariant, ""),
    media: c.importDiskPath ? "import" : c.baseImagePath ? "base" : c.isoPath ? "iso" : "none",
    isoPath: c.isoPath ?? "",
    importDiskPath: c.importDiskPath ?? "",
    extraDiskPaths: c.extraDiskPaths ?? [],
    baseImagePath: c.baseImagePath ?? "",
    firmware: c.firmware ?? base.firmware,
    secureBoot: c.secureBoot ?? false,
    tpm: c.tpm ?? false,
    virtioDrivers: c.windows?.virtioDrivers ?? "",
    bootMenu: c.bootMenu ?? base.bootMenu,
    directKernel: !!dk,
    kernelPath: dk?.kernelPath ?? "",
    initrdPath: dk?.initrdPath ?? "",
    cmdline: dk?.cmdline ?? "",
    virtType: c.virtType ?? "",
    cpuCount: text(c.cpuCount, base.cpuCount),
    memoryMb: typeof c.memoryMb === "number" ? sizeText(c.memoryMb, "MiB") : base.memoryMb,
    diskSizeGb: typeof c.diskSizeGb === "number" ? sizeText(c.diskSizeGb, "GiB") : base.diskSizeGb,
    storagePool: c.storagePool || base.storagePool,
    diskFormat: c.diskFormat ?? base.diskFormat,
    diskBus: c.diskBus ?? base.diskBus,
    display: c.display ?? base.display,
    clipboard: c.clipboard ?? false,
    network: c.network ?? base.network,
    cloudInit: !!ci,
    ciHostname: ci?.hostname ?? "",
    ciUser: ci?.user ?? "",
    ciPassword: "",
    ciPasswordHash: ci?.passwordHash ?? "",
    ciSshKeys: (ci?.sshKeys ?? []).join("\n"),
    ciUserData: ci?.userData ?? "",
    ciStatic: !!ci?.network,
    ciAddresses: (ci?.network?.addresses ?? []).join("\n"),
    ciGateway4: ci?.network?.gateway4 ?? "",
    ciGateway6: ci?.network?.gateway6 ?? "",
    ciDns: (ci?.network?.dns ?? []).join(" "),
    ciSearch: (ci?.network?.search ?? []).join(" "),
    antiSpoofing: c.antiSpoofing ?? base.antiSpoofing,
    start: c.start ?? base.start,
    autostart: c.autostart ?? base.autostart,
  };
}

/** The value at a validator field name such as "cloudInit.user", for comparing two configs. */
export function fieldValue(config: VmConfig, field: string): unknown {
  let v: unknown = config;
  for (const key of field.split(".")) {
    v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}
