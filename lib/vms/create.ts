// Creating a VM: host facts for the wizard, the contract's validation with those facts, then
// disk, cloud-init seed and domain definition, undoing what was made when a later step fails.

import { volumeXml } from "../xml/volume_xml.ts";
import { defineValidated } from "./define.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { buildSeedIso } from "../cloud_init/seed.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { undoMake } from "./late_define.ts";
import { defaultVirtType, type HostCapsCache } from "../this_host/caps.ts";
import type { HostChecker } from "../host_check/host_check.ts";
import type { OsinfoCatalog } from "./osinfo.ts";
import { isoList, poolList, volumeAt, volumeDetails } from "../storage/lookups.ts";
import { networkList } from "../networks/list.ts";
import { checkSourcePath } from "../storage/disk_sources.ts";
import { newVolume } from "../storage/pinned_copy.ts";
import type { CreateOptions, FieldIssue, ValidationResult, VmConfig } from "../../shared/vms.ts";
import {
  DEFAULT_POOL,
  hostFactsOf,
  maxVmMemoryMb,
  validateVmConfig,
} from "../../shared/vm_config.ts";
import { buildDomainXml, type NewDomainSpec } from "../xml/domain_build.ts";
import { t } from "../../shared/i18n/t.ts";
import { vmFilterName, vmFilterXml } from "../xml/nwfilter_xml.ts";
import type { VmFirewall } from "../../shared/vm_firewall.ts";
import { findDriverIsos } from "./driver_iso.ts";
import { importFormatIssue, PATH_FIELDS } from "./create_paths.ts";
import { type WindowsSetup, windowsSetup, withOsNeeds } from "./windows.ts";
import { withHashedPassword } from "../cloud_init/password.ts";

/** What creation needs beside the libvirt client. */
export interface CreateDeps {
  client: LibvirtClient;
  caps: HostCapsCache;
  /** The host check: new VMs get KVM only when it can run a guest. */
  check: HostChecker;
  osinfo: OsinfoCatalog;
}

/** A new VM's firewall when anti-spoofing is asked for: clean-traffic, everything else passes. */
const ANTI_SPOOFING_ONLY: Omit<VmFirewall, "enabled"> = {
  antiSpoofing: true,
  inboundPolicy: "accept",
  outboundPolicy: "accept",
  rules: [],
};

/** A MAC in QEMU's locally administered range 52:54:00, as libvirt picks them. */
export function randomMac(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(3));
  return ["52", "54", "00", ...[...bytes].map((b) => b.toString(16).padStart(2, "0"))].join(":");
}

/** Reports each step of a creation, for the wizard's progress display. */
export type ProgressFn = (step: string, index: number, total: number) => void;

/** The host as one request sees it: the wizard's choices and the virt type new VMs get. */
interface HostView {
  options: CreateOptions;
  virtType: "kvm" | "qemu" | "test";
}

/**
 * Reads the host once per request. ISO volumes (one listing per pool) only when the wizard's
 * choices are wanted: validation, run as the user types, never looks at them.
 */
async function readHost(
  { client, caps, check, osinfo }: CreateDeps,
  { withIsos }: { withIsos: boolean },
): Promise<HostView> {
  try {
    const [host, pools, networks, domains, osVariants] = await Promise.all([
      client.call("host"),
      poolList({ client }),
      networkList({ client }),
      client.call("domainList"),
      osinfo.list(),
    ]);
    const verdict = await check.judge(host, networks, pools);
    const offered = defaultVirtType(host);
    // KVM that libvirt offers but cannot run a guest here: software emulation, and the wizard
    // says why (options.kvmReason).
    const virtType = offered === "kvm" && !verdict.kvmUsable ? "qemu" : offered;
    const hostMemoryMb = Math.floor(host.node.memoryKiB / 1024);
    const isos = withIsos ? await isoList({ client, pools }) : [];
    const options: CreateOptions = {
      hostCpus: host.node.cpus,
      hostMemoryMb,
      maxMemoryMb: maxVmMemoryMb(hostMemoryMb),
      pools,
      networks,
      isos,
      driverIsos: await findDriverIsos(client, isos),
      osVariants,
      ...await caps.get(virtType, host),
      kvmAvailable: virtType === "kvm",
      hypervAvailable: virtType !== "qemu",
      kvmReason: offered === "test" ? null : verdict.kvmReason,
      cloudInitAvailable: host.type !== "TEST",
      existingNames: domains.map((d) => d.name),
    };
    return { options, virtType };
  } catch (err) {
    throw fromLibvirt(err, { failed: t("Failed to read host facts") });
  }
}

/** Everything the wizard offers and checks against, in one request. */
export async function createOptions(deps: CreateDeps): Promise<CreateOptions> {
  return (await readHost(deps, { withIsos: true })).options;
}

/** The volumes a create will make in its pool, by name. */
function newVolumeNames(config: VmConfig): string[] {
  const names = config.importDiskPath ? [] : [`${config.name}.${config.diskFormat}`];
  if (config.cloudInit) names.push(`${config.name}-cidata.iso`);
  return names;
}

/**
 * The checks that need libvirt: paths inside pools, imported image format, OS variant, and
 * leftovers (a kept disk of a deleted VM) where the new volumes would go.
 */
async function checkOnHost(
  deps: CreateDeps,
  config: VmConfig,
  { options, virtType }: HostView,
  warnings: FieldIssue[],
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const poolPath = options.pools.find((p) => p.name === config.storagePool)?.path;
  for (const name of poolPath ? newVolumeNames(config) : []) {
    const path = `${poolPath}/${name}`;
    if (await volumeAt({ client: deps.client, path })) {
      issues.push({
        field: "name",
        message: t("Disk image already exists: {{path}}", { path }),
        code: "NAME_EXISTS",
      });
    }
  }
  // An imported OVA's other disks are checked as its first one is.
  const extra = (config.extraDiskPaths ?? []).map((path, at) =>
    [`extraDiskPaths.${at}`, () => path, PATH_FIELDS[1][2], PATH_FIELDS[1][3]] as const
  );
  for (const [name, get, notFound, label] of [...PATH_FIELDS, ...extra]) {
    const path = get(config);
    if (!path) continue;
    const imported = name === "importDiskPath" || name.startsWith("extraDiskPaths.");
    const field = name.startsWith("extraDiskPaths.") ? "extraDiskPaths" : name;
    const checked = await checkSourcePath({
      client: deps.client,
      path,
      readonly: !imported,
      vmWrites: imported,
    });
    if (!("refusal" in checked)) {
      // An image declared in a format its header does not show: an error, or (declared raw) a
      // warning, at the format field (create_paths.ts).
      if (name === "importDiskPath") {
        const format = await importFormatIssue(deps.client, checked.vol, config);
        if (format) (format.warning ? warnings : issues).push(format.issue);
      }
      continue;
    }
    const { refusal } = checked;
    if (refusal.notVolume) {
      issues.push({ field, message: t(notFound, { path }) });
    } else if (imported && refusal.backing) {
      issues.push({
        field,
        message: t("Disk image has a backing file and cannot be imported: {{path}}", { path }),
      });
    } else if (field === "baseImagePath" && refusal.backing) {
      issues.push({
        field,
        message: t("A base image has no backing file of its own: {{path}}", { path }),
      });
    } else {
      issues.push({
        field,
        message: `${t(label)}: ${refusal.reason}`,
        code: "DISK_SOURCE_REFUSED",
      });
    }
  }
  if (config.baseImagePath) {
    const base = await volumeAt({ client: deps.client, path: config.baseImagePath });
    if (base && base.pool !== config.storagePool) {
      issues.push({
        field: "baseImagePath",
        message: t(
          "A linked clone lives in its base image's pool: {{path}} is in {{base}}, the disk would go to {{pool}}",
          { path: config.baseImagePath, base: base.pool, pool: config.storagePool ?? "" },
        ),
      });
    }
  }
  if (config.virtType === "kvm" && virtType === "qemu") {
    const why = options.kvmReason;
    issues.push({
      field: "virtType",
      message: why
        ? t("KVM cannot run guests on this host ({{reason}})", { reason: why })
        : t("KVM is not available on this host"),
    });
  }
  if (config.osVariant && !(await deps.osinfo.get(config.osVariant))) {
    issues.push({
      field: "osVariant",
      message: t("Unknown OS variant: {{value}}", { value: config.osVariant }),
    });
  }
  return issues;
}

/**
 * Without a pool named "default" (libvirt's demo has "default-pool"), a request that names no
 * pool gets the first active one, as the wizard does.
 */
function withDefaultPool(input: unknown, options: CreateOptions): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const c = input as Record<string, unknown>;
  if (
    (c.storagePool !== undefined && c.storagePool !== "") ||
    options.pools.some((p) => p.name === DEFAULT_POOL)
  ) {
    return input;
  }
  const first = options.pools.find((p) => p.active);
  return first && (!c.importDiskPath || c.cloudInit !== undefined)
    ? { ...c, storagePool: first.name }
    : input;
}

/** The checks of a create request, each issue with its code; never changes anything. */
async function checkCreate(
  deps: CreateDeps,
  input: unknown,
): Promise<ValidationResult & { config?: VmConfig; windows?: WindowsSetup } & HostView> {
  const host = await readHost(deps, { withIsos: false });
  const { options } = host;
  const asked = (input as { osVariant?: unknown } | null)?.osVariant;
  const variant = typeof asked === "string" ? await deps.osinfo.get(asked) : undefined;
  const filled = withOsNeeds(withDefaultPool(input, options), variant, options);
  const result = validateVmConfig(filled, hostFactsOf(options));
  if (result.config) {
    result.errors.push(...await checkOnHost(deps, result.config, host, result.warnings));
  }
  if (result.errors.length) {
    delete result.config;
    return { ...result, ...host };
  }
  const virtType = host.virtType === "test" ? "test" : result.config!.virtType ?? host.virtType;
  const windows = await windowsSetup(deps.client, result.config!, variant, options, {
    kvm: virtType !== "qemu",
  });
  result.warnings.push(...windows.warnings);
  return { ...result, windows, ...host };
}

/** Issues as the API sends them: field and message; an issue's code is the answer's, not sent. */
const sent = (issues: FieldIssue[]): FieldIssue[] =>
  issues.map(({ field, message }) => ({ field, message }));

/** Validates a create request against the host; never changes anything. */
export async function validateCreate(
  deps: CreateDeps,
  input: unknown,
): Promise<ValidationResult & { config?: VmConfig } & HostView> {
  const checked = await checkCreate(deps, input);
  return { ...checked, errors: sent(checked.errors), warnings: sent(checked.warnings) };
}

export { defineValidated, volumeXml };

/**
 * The 400/409 for failed validation: the first issue's code (INVALID_CONFIG when it has none)
 * and message, and every issue as `errors`.
 */
export function validationError(result: ValidationResult): AppError {
  const first = result.errors[0];
  return new AppError(first.code ?? "INVALID_CONFIG", first.message, {
    errors: sent(result.errors),
    warnings: sent(result.warnings),
  });
}

/**
 * Creates a VM from a VmConfig: validates, makes the disk (or takes the imported one), writes
 * the cloud-init seed, defines the domain, then sets autostart and starts it when asked.
 */
export async function domainCreate(
  deps: CreateDeps,
  input: unknown,
  progress: ProgressFn = () => {},
): Promise<{ id: string; name: string; warnings: FieldIssue[] }> {
  const name = (input as { name?: unknown } | null)?.name;
  // Two requests for one name would both pass validation before either defines the VM.
  const busy = creating.get(deps.client) ?? new Set<string>();
  creating.set(deps.client, busy);
  if (typeof name === "string" && busy.has(name)) {
    throw new AppError("NAME_EXISTS", t("VM name already exists: {{name}}", { name }));
  }
  if (typeof name === "string") busy.add(name);
  try {
    return await createChecked(deps, input, progress);
  } finally {
    if (typeof name === "string") busy.delete(name);
  }
}

/** Names being created right now, per libvirt connection. */
const creating = new WeakMap<LibvirtClient, Set<string>>();

async function createChecked(
  deps: CreateDeps,
  input: unknown,
  progress: ProgressFn,
): Promise<{ id: string; name: string; warnings: FieldIssue[] }> {
  const { client } = deps;
  const total = 4;
  progress(t("Checking the configuration"), 1, total);
  const checked = await checkCreate(deps, input);
  if (!checked.config) throw validationError(checked);
  // A password in clear is hashed before anything is written (lib/cloud_init/password.ts).
  const config = withHashedPassword(checked.config);
  const windows = checked.windows!;
  const pool = config.storagePool!;
  const made: string[] = [];
  const filters: string[] = [];
  // Set while the define runs: a define past its deadline is undone only once libvirt answers.
  let defining = false;
  const undo = async () => {
    for (const path of made.reverse()) await client.call("volumeDelete", path).catch(() => {});
    for (const f of filters) await client.call("nwfilterUndefine", f).catch(() => {});
  };

  try {
    progress(t("Creating the disk"), 2, total);
    let diskPath = config.importDiskPath;
    // In a local folder pool each new volume is made through the file opened once
    // (lib/storage/pinned_copy.ts newVolume): libvirt's qcow2 creation and its upload open the
    // new name again, following a link swapped in meanwhile to any file of the host.
    if (!diskPath && config.baseImagePath) {
      diskPath = (await step(t("Failed to create the linked clone"), async () => {
        const base = await client.call("volumeAt", config.baseImagePath!);
        const format = volumeDetails(base).format ?? "raw";
        const bytes = Math.max(config.diskSizeGb * 1024 ** 3, base.capacity);
        return await newVolume(client, {
          pool,
          name: `${config.name}.qcow2`,
          bytes,
          format: "qcow2",
          backing: { path: config.baseImagePath!, format },
        });
      })).vol.path;
      made.push(diskPath);
    } else if (!diskPath) {
      diskPath = (await step(t("Failed to create disk image"), () =>
        newVolume(client, {
          pool,
          name: `${config.name}.${config.diskFormat}`,
          bytes: config.diskSizeGb * 1024 ** 3,
          format: config.diskFormat,
        }))).vol.path;
      made.push(diskPath);
    }

    progress(t("Writing the cloud-init seed"), 3, total);
    let seedPath: string | undefined;
    // A static network setup names the NIC by its MAC, so the NIC gets one now, not from libvirt.
    const mac = config.cloudInit?.network && config.network ? randomMac() : undefined;
    if (config.cloudInit) {
      const iso = buildSeedIso(config.cloudInit, {
        vmName: config.name,
        instanceId: crypto.randomUUID(),
        mac,
      });
      const content = iso as Uint8Array<ArrayBuffer>;
      const seed = await step(t("Failed to create cloud-init seed"), () =>
        newVolume(client, {
          pool,
          name: `${config.name}-cidata.iso`,
          bytes: iso.length,
          format: "raw",
          content,
        }));
      seedPath = seed.vol.path;
      made.push(seedPath);
      if (!seed.written) {
        await step(
          t("Failed to write cloud-init seed"),
          () => client.call("volumeUpload", seedPath!, content),
        );
      }
    }

    // Anti-spoofing: the VM's own filter (its Firewall tab's) made first, under the UUID the VM
    // will be defined with, so that the NIC references it from its first start.
    const chosenUuid = config.antiSpoofing ? crypto.randomUUID() : undefined;
    const nicFilter = chosenUuid ? vmFilterName(chosenUuid) : undefined;
    if (nicFilter) {
      await step(
        t("Failed to set up anti-spoofing"),
        () => client.call("nwfilterDefine", vmFilterXml(nicFilter, ANTI_SPOOFING_ONLY)),
      );
      filters.push(nicFilter);
    }

    progress(t("Defining the VM"), 4, total);
    const variant = config.osVariant ? await deps.osinfo.get(config.osVariant) : undefined;
    const spec: NewDomainSpec = {
      virtType: checked.virtType === "test" ? "test" : config.virtType ?? checked.virtType,
      name: config.name,
      description: config.description,
      memoryMb: config.memoryMb,
      cpuCount: config.cpuCount,
      osType: config.osType,
      osVariant: config.osVariant,
      osinfoId: variant?.osinfoId,
      createdAt: new Date(),
      firmware: config.firmware ?? "bios",
      secureBoot: config.secureBoot === true,
      tpm: config.tpm === true,
      bootMenu: config.bootMenu,
      disk: { path: diskPath, format: config.diskFormat, bus: windows.diskBus },
      extraDisks: (config.extraDiskPaths ?? []).map((path) => ({
        path,
        format: config.diskFormat,
        bus: windows.diskBus,
      })),
      cdroms: [config.isoPath, windows.driverCd, seedPath].filter((p): p is string => !!p),
      hyperv: windows.hyperv,
      nicModel: windows.nicModel,
      cloudInitSeed: seedPath,
      network: config.network || undefined,
      mac,
      uuid: chosenUuid,
      nicFilter,
      directKernel: config.directKernel,
      display: config.display,
      clipboard: config.clipboard === true,
    };
    defining = true;
    const { uuid, name } = await defineValidated(client, buildDomainXml(spec));
    defining = false;
    const warnings = sent(checked.warnings);
    if (config.autostart) {
      await client.call("domainSetAutostart", uuid, true).catch((err) =>
        warnings.push({
          field: "autostart",
          message: t("Autostart not set: {{error}}", { error: err.message }),
        })
      );
    }
    if (config.start) {
      await client.call("domainAction", uuid, "create").catch((err) =>
        warnings.push({
          field: "start",
          message: t("VM created but failed to start: {{error}}", { error: err.message }),
        })
      );
    }
    return { id: uuid, name, warnings };
  } catch (err) {
    await undoMake(client, err, { defining, name: config.name }, undo);
    throw err;
  }
}

/** Runs one libvirt step, turning its failure into the contract's words for that step. */
async function step<T>(failed: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw fromLibvirt(err, { failed });
  }
}
