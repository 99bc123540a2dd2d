// The create-VM rules in the seed contract's words: one pure validator for the API and the
// wizard (bundled into the browser, so no Deno APIs here). Its messages go through t(): the API
// answers in the request's language (English unless the caller asks for another), the wizard in
// the page's.

import { validateCloudInit } from "./cloud_init.ts";
import type { ErrorCode } from "./errors.ts";
import { formatNumber } from "./i18n/format.ts";
import { t, tKey } from "./i18n/t.ts";
import { isValidName } from "./names.ts";
import {
  type CloudInitConfig,
  type CreateOptions,
  DISK_BUSES,
  DISK_FORMATS,
  DISPLAY_TYPES,
  type FieldIssue,
  OS_TYPES,
  type ValidationResult,
  type VmConfig,
} from "./vms.ts";

/** What the host offers; without it only the rules that need no facts are checked. */
export interface HostFacts {
  hostCpus: number;
  /** The most memory one VM may have: 90% of the host's. */
  maxMemoryMb: number;
  existingNames: string[];
  networks: string[];
  pools: { name: string; active: boolean; availableBytes: number }[];
  uefiAvailable?: boolean;
  secureBootAvailable?: boolean;
  tpmAvailable?: boolean;
}

/**
 * The facts to check against, picked from `GET /api/vms/create-options`: the server checks a
 * create request against the same facts the wizard checked it against.
 */
export function hostFactsOf(
  o: Pick<
    CreateOptions,
    | "hostCpus"
    | "maxMemoryMb"
    | "existingNames"
    | "networks"
    | "pools"
    | "uefiAvailable"
    | "secureBootAvailable"
    | "tpmAvailable"
  >,
): HostFacts {
  return {
    hostCpus: o.hostCpus,
    maxMemoryMb: o.maxMemoryMb,
    existingNames: o.existingNames,
    networks: o.networks.map((n) => n.name),
    pools: o.pools,
    uefiAvailable: o.uefiAvailable,
    secureBootAvailable: o.secureBootAvailable,
    tpmAvailable: o.tpmAvailable,
  };
}

/** The name rule's refusal, as its key: `t(NAME_RULE)` says it in the current language. */
export const NAME_RULE = tKey(
  "Invalid VM name: must be 1-64 characters, alphanumeric with dash/underscore only",
);
export const DEFAULT_POOL = "default";
export const MIN_MEMORY_MB = 128;
export const MAX_CPUS = 256;
const GB = 1024 ** 3;

/** 90% of the host's memory, in MiB: the contract's ceiling for one VM. */
export function maxVmMemoryMb(hostMemoryMb: number): number {
  return Math.floor(hostMemoryMb * 0.9);
}

/**
 * "32 GiB", "1.5 GiB" ("1,5 GiB" in German): sizes in messages, in the binary units every screen
 * uses. Limits round down, so "available: 100 GiB" never shows for 99.98 GiB.
 */
export function gbText(gb: number, round: "nearest" | "down" = "nearest"): string {
  const n = (round === "down" ? Math.floor : Math.round)(gb * 10) / 10;
  // Without grouping, as the API's English has always written it ("1234.5 GiB").
  return `${formatNumber(n, { maximumFractionDigits: 1, useGrouping: false })} GiB`;
}

/** Free space in the unit that fits: "4.8 MiB" below a GiB, else GiB, rounded down. */
export function spaceText(bytes: number): string {
  if (bytes >= GB) return gbText(bytes / GB, "down");
  const mib = Math.floor(bytes / 1024 ** 2 * 10) / 10;
  return `${formatNumber(mib, { maximumFractionDigits: 1, useGrouping: false })} MiB`;
}

// XML 1.0 cannot carry these characters at all, escaped or not.
// deno-lint-ignore no-control-regex
const NOT_XML_TEXT = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;

/** The description rule, shared with editing. */
export function descriptionIssue(d: unknown): string | null {
  if (typeof d !== "string" || d.length > 4096) {
    return t("Description must be text of at most 4096 characters");
  }
  return NOT_XML_TEXT.test(d) ? t("Description must not contain control characters") : null;
}

/** The name rule alone, for the wizard's first field and for clone/rename. */
export function nameIssue(name: unknown): string | null {
  if (typeof name !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) return t(NAME_RULE);
  if (/^[0-9]/.test(name)) return t("Invalid VM name: cannot start with a number");
  // The shared rule (shared/names.ts): of its parts, only the leading '-' gets past the above.
  if (!isValidName(name)) return t("Invalid VM name: cannot start with '-'");
  return null;
}

export const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

/** A value as the request gave it, for quoting in a message ("undefined", "abc", "2.5"). */
const quoted = (v: unknown) => String(v);

/** The CPU count rule, shared with editing. */
export function cpuIssue(n: unknown): string | null {
  return isInt(n) && n >= 1 && n <= MAX_CPUS
    ? null
    : t("Invalid CPU count: {{value}} (must be 1-{{max}})", { value: quoted(n), max: MAX_CPUS });
}

/** The memory rules, shared with editing; `maxMemoryMb` (90% of the host's) when known. */
export function memoryIssue(mb: unknown, maxMemoryMb?: number): string | null {
  if (!isInt(mb) || mb < MIN_MEMORY_MB) {
    return t("Invalid memory size: {{value}} MiB (minimum {{min}} MiB)", {
      value: quoted(mb),
      min: MIN_MEMORY_MB,
    });
  }
  if (maxMemoryMb !== undefined && mb > maxMemoryMb) {
    return t(
      "Memory exceeds available host memory (requested: {{requested}}, available: {{available}})",
      {
        requested: gbText(mb / 1024),
        available: gbText(maxMemoryMb / 1024, "down"),
      },
    );
  }
  return null;
}
// The on/off settings' refusals, by the names the wizard gives them (a refusal is read by people).
const NOT_A_FLAG = {
  bootMenu: tKey("Boot menu must be on or off (true or false)"),
  secureBoot: tKey("Secure Boot must be on or off (true or false)"),
  tpm: tKey("TPM must be on or off (true or false)"),
  autostart: tKey("Autostart must be on or off (true or false)"),
  start: tKey("Start after creation must be on or off (true or false)"),
  antiSpoofing: tKey("Anti-spoofing must be on or off (true or false)"),
  clipboard: tKey("Clipboard sharing must be on or off (true or false)"),
} as const;

const isAbsPath = (v: unknown): v is string =>
  // deno-lint-ignore no-control-regex
  typeof v === "string" && v.startsWith("/") && !/[\x00-\x1f]/.test(v) && v.length <= 4096;

/**
 * Checks a create request. Field names are the VmConfig's; `config` is the input with defaults
 * filled when there are no errors.
 */
export function validateVmConfig(
  input: unknown,
  facts?: HostFacts,
): ValidationResult & { config?: VmConfig } {
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const err = (field: string, message: string, code?: ErrorCode) =>
    errors.push(code ? { field, message, code } : { field, message });
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return {
      errors: [{ field: "", message: t("VM configuration must be a JSON object") }],
      warnings,
    };
  }
  const c = input as Record<string, unknown>;

  const nameProblem = nameIssue(c.name);
  if (nameProblem) err("name", nameProblem);
  else if (facts?.existingNames.includes(c.name as string)) {
    err("name", t("VM name already exists: {{name}}", { name: quoted(c.name) }), "NAME_EXISTS");
  }

  const cpuProblem = cpuIssue(c.cpuCount);
  if (cpuProblem) err("cpuCount", cpuProblem);
  else if (facts && (c.cpuCount as number) > facts.hostCpus) {
    warnings.push({
      field: "cpuCount",
      message: t(
        "CPU count exceeds host capacity (requested: {{requested}}, available: {{available}})",
        {
          requested: quoted(c.cpuCount),
          available: quoted(facts.hostCpus),
        },
      ),
    });
  }

  const memoryProblem = memoryIssue(c.memoryMb, facts?.maxMemoryMb);
  if (memoryProblem) err("memoryMb", memoryProblem);

  if (!(OS_TYPES as readonly unknown[]).includes(c.osType)) {
    err(
      "osType",
      t("Invalid OS type: {{value}} (must be linux, windows or other)", {
        value: quoted(c.osType),
      }),
    );
  }
  if (c.osVariant !== undefined && c.osVariant !== "") {
    if (typeof c.osVariant !== "string" || !/^[a-z0-9][a-z0-9._-]{0,63}$/i.test(c.osVariant)) {
      err("osVariant", t("Invalid OS variant: {{value}}", { value: quoted(c.osVariant) }));
    }
  }

  if (!(DISK_FORMATS as readonly unknown[]).includes(c.diskFormat)) {
    err(
      "diskFormat",
      t("Invalid disk format: {{value}} (must be qcow2 or raw)", { value: quoted(c.diskFormat) }),
    );
  }
  if (c.diskBus !== undefined && !(DISK_BUSES as readonly unknown[]).includes(c.diskBus)) {
    err(
      "diskBus",
      t("Invalid disk bus: {{value}} (must be virtio, scsi or sata)", { value: quoted(c.diskBus) }),
    );
  }

  const pool = c.storagePool === undefined || c.storagePool === "" ? DEFAULT_POOL : c.storagePool;
  const poolFacts = facts?.pools.find((p) => p.name === pool);
  // An imported disk without a cloud-init seed puts nothing in a pool: none need exist.
  const needsPool = !c.importDiskPath || c.cloudInit !== undefined || c.storagePool;
  if (!needsPool) {
    // nothing to check
  } else if (typeof pool !== "string" || (facts && !poolFacts)) {
    err("storagePool", t("Storage pool not found: {{name}}", { name: quoted(pool) }));
  } else if (poolFacts && !poolFacts.active) {
    err("storagePool", t("Storage pool is not active: {{name}}", { name: quoted(pool) }));
  }

  const importing = c.importDiskPath !== undefined && c.importDiskPath !== "";
  if (importing) {
    if (!isAbsPath(c.importDiskPath)) {
      err(
        "importDiskPath",
        t("Disk image not found: {{path}}", { path: quoted(c.importDiskPath) }),
      );
    }
  } else if (!isInt(c.diskSizeGb) || c.diskSizeGb < 1) {
    err(
      "diskSizeGb",
      t("Invalid disk size: {{value}} GiB (minimum 1 GiB)", { value: quoted(c.diskSizeGb) }),
    );
  } else if (poolFacts && c.diskSizeGb * GB > poolFacts.availableBytes) {
    const words = {
      requested: gbText(c.diskSizeGb),
      available: spaceText(poolFacts.availableBytes),
    };
    if (c.allowOvercommit === true) {
      // A new disk is thin (qcow2, or a sparse raw file): it takes space as the guest writes.
      warnings.push({
        field: "diskSizeGb",
        message: t(
          "Over-committed: the disk may grow to {{requested}}, the pool has {{available}} free. When the pool fills, the VM is paused until space is freed.",
          words,
        ),
      });
    } else {
      err(
        "diskSizeGb",
        t(
          "Disk size exceeds storage pool capacity (requested: {{requested}}, available: {{available}}); allow over-commit to make a thin disk larger than the free space",
          words,
        ),
      );
    }
  }

  if (c.extraDiskPaths !== undefined) {
    const extra = c.extraDiskPaths;
    if (!Array.isArray(extra) || extra.length > 8 || !extra.every(isAbsPath)) {
      err("extraDiskPaths", t("extraDiskPaths must be at most 8 volume paths"));
    } else if (new Set([c.importDiskPath, ...extra]).size !== extra.length + 1) {
      err("extraDiskPaths", t("Each disk may be attached once"));
    }
  }

  if (c.baseImagePath !== undefined && c.baseImagePath !== "") {
    if (!isAbsPath(c.baseImagePath)) {
      err("baseImagePath", t("Base image not found: {{path}}", { path: quoted(c.baseImagePath) }));
    } else if (importing) {
      err("baseImagePath", t("Give a base image or a disk to import, not both"));
    } else if (c.diskFormat !== "qcow2") {
      err("diskFormat", t("A linked clone's disk is qcow2 (an overlay of its base image)"));
    }
  }

  if (c.isoPath !== undefined && c.isoPath !== "" && !isAbsPath(c.isoPath)) {
    err("isoPath", t("ISO file not found: {{path}}", { path: quoted(c.isoPath) }));
  }

  const noNetwork = () => t("Network not found: {{name}}", { name: quoted(c.network) });
  if (typeof c.network !== "string") err("network", noNetwork());
  else if (c.network !== "" && facts && !facts.networks.includes(c.network)) {
    err("network", noNetwork());
  }

  if (typeof c.bootMenu !== "boolean") {
    err("bootMenu", t(NOT_A_FLAG.bootMenu));
  }
  for (
    const flag of ["secureBoot", "tpm", "autostart", "start", "antiSpoofing", "clipboard"] as const
  ) {
    if (c[flag] !== undefined && typeof c[flag] !== "boolean") {
      err(flag, t(NOT_A_FLAG[flag]));
    }
  }
  if (c.antiSpoofing === true && !c.network) {
    err("antiSpoofing", t("Anti-spoofing guards a network interface: choose a network"));
  }
  if (c.description !== undefined) {
    const issue = descriptionIssue(c.description);
    if (issue) err("description", issue);
  }
  if (c.display !== undefined && !(DISPLAY_TYPES as readonly unknown[]).includes(c.display)) {
    err("display", displayIssue(c.display));
  }
  if (c.virtType !== undefined && c.virtType !== "kvm" && c.virtType !== "qemu") {
    err(
      "virtType",
      t("Invalid virtualization type: {{value}} (must be kvm or qemu)", {
        value: quoted(c.virtType),
      }),
    );
  }

  checkFirmware(c, facts, err);
  checkWindows(c, err);
  checkDirectKernel(c.directKernel, err);
  if (c.cloudInit !== undefined) {
    if (typeof c.cloudInit !== "object" || c.cloudInit === null || Array.isArray(c.cloudInit)) {
      err("cloudInit", t("Cloud-init settings must be a JSON object"));
    } else {
      for (const issue of validateCloudInit(c.cloudInit)) errors.push(issue);
      if ((c.cloudInit as CloudInitConfig).network && !c.network) {
        err(
          "cloudInit.network.addresses",
          t("Static addresses need a network interface: choose a network"),
        );
      }
    }
  }

  if (errors.length) return { errors, warnings };
  const { allowOvercommit: _asked, ...kept } = c;
  const config: VmConfig = {
    ...(kept as unknown as VmConfig),
    storagePool: pool as string,
    // A Windows guest's bus follows its driver CD (shared/windows.ts windowsDevices).
    diskBus: (c.diskBus as VmConfig["diskBus"]) ?? (c.osType === "windows" ? undefined : "virtio"),
    firmware: (c.firmware as VmConfig["firmware"]) ?? "bios",
  };
  return { errors, warnings, config };
}

// A host feature that is missing, in the words the wizard also shows before it is chosen.
export const noUefiIssue = () =>
  t("UEFI firmware is not installed on the host (Debian package ovmf)");
export const secureBootNeedsUefiIssue = () => t("Secure Boot needs UEFI firmware");
export const noSecureBootIssue = () =>
  t("Secure Boot firmware is not installed on the host (Debian package ovmf)");
/** A display type that is neither VNC nor SPICE. */
export const displayIssue = (value: unknown) =>
  t("Invalid display: {{value}} (must be vnc or spice)", { value: String(value) });

export const noTpmIssue = () =>
  t("TPM emulation is not available on the host (Debian package swtpm)");

function checkFirmware(
  c: Record<string, unknown>,
  facts: HostFacts | undefined,
  err: (field: string, message: string) => void,
) {
  if (c.firmware !== undefined && c.firmware !== "bios" && c.firmware !== "uefi") {
    err(
      "firmware",
      t("Invalid firmware: {{value}} (must be bios or uefi)", { value: quoted(c.firmware) }),
    );
    return;
  }
  if (c.firmware === "uefi" && facts?.uefiAvailable === false) err("firmware", noUefiIssue());
  if (c.secureBoot === true) {
    if (c.firmware !== "uefi") err("secureBoot", secureBootNeedsUefiIssue());
    else if (facts?.secureBootAvailable === false) err("secureBoot", noSecureBootIssue());
  }
  if (c.tpm === true && facts?.tpmAvailable === false) err("tpm", noTpmIssue());
}

/** `windows`: `{virtioDrivers?: volume path | null}`, and only for a Windows guest. */
function checkWindows(c: Record<string, unknown>, err: (field: string, message: string) => void) {
  const w = c.windows;
  if (w === undefined) return;
  const keys = typeof w === "object" && w !== null && !Array.isArray(w) ? Object.keys(w) : null;
  if (!keys || keys.some((k) => k !== "virtioDrivers")) {
    err(
      "windows",
      t("Windows settings must be a JSON object like {{example}}", {
        example: '{"virtioDrivers": null}',
      }),
    );
    return;
  }
  if (c.osType !== "windows") {
    err("windows", t("Windows settings apply to Windows guests only"));
    return;
  }
  const drivers = (w as Record<string, unknown>).virtioDrivers;
  if (drivers !== undefined && drivers !== null && !isAbsPath(drivers)) {
    err(
      "windows.virtioDrivers",
      t("Driver CD not found: {{path}}", { path: quoted(drivers) }),
    );
  }
}

function checkDirectKernel(dk: unknown, err: (field: string, message: string) => void) {
  if (dk === undefined || dk === null) return;
  if (typeof dk !== "object" || Array.isArray(dk)) {
    err("directKernel", t("Direct kernel boot settings must be a JSON object"));
    return;
  }
  const d = dk as Record<string, unknown>;
  if (!isAbsPath(d.kernelPath)) {
    err("directKernel.kernelPath", t("Kernel not found: {{path}}", { path: quoted(d.kernelPath) }));
  }
  if (d.initrdPath !== undefined && d.initrdPath !== "" && !isAbsPath(d.initrdPath)) {
    err("directKernel.initrdPath", t("Initrd not found: {{path}}", { path: quoted(d.initrdPath) }));
  }
  if (
    d.cmdline !== undefined &&
    // deno-lint-ignore no-control-regex
    (typeof d.cmdline !== "string" || d.cmdline.length > 2048 || /[\x00-\x1f]/.test(d.cmdline))
  ) {
    err(
      "directKernel.cmdline",
      t("Kernel command line must be one line of at most 2048 characters"),
    );
  }
}
