// The domain service: list, details, lifecycle actions and delete, with the API's words.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { DomainSnapshot } from "../../ffi/libvirt/ops.ts";
import { ErrorCode, LibvirtError } from "../../ffi/libvirt/error.ts";
import type { DomainStatsRecord } from "../../ffi/libvirt/connection.ts";
import { UndefineFlags, XmlFlags } from "../../ffi/libvirt/domain.ts";
import { conflict, fromLibvirt, withoutUnsupportedFlag } from "../errors.ts";
import type { Disk, DiskError, Vm, VmAction, VmState, VmSummary } from "../../shared/vms.ts";
import type { VmStateReason } from "../../shared/vm_state_reason.ts";
import { stateReason } from "./state_reason.ts";
import { actionRefusal } from "../../shared/vm_actions.ts";
import { type DomainXmlInfo, parseDomainXml } from "../xml/domain_parse.ts";
import { displayOf } from "../../shared/display.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { linkedChildren } from "../storage/linked.ts";
import { bootView, pendingBetween } from "./pending.ts";
import { chosenVolumes, deletePlan } from "./delete_plan.ts";
import type { DeletePlan } from "../../shared/vm_delete.ts";
import { vmProtected } from "./protection.ts";
import { checkVmId, domainExists, vmState } from "../vm_basics.ts";

// Every feature reads a VM's id, state and existence from lib/vm_basics.ts; these names stay here
// for the VM service's own files.
export { checkVmId, domainExists, vmState };

/** `{stateReason}` for a virDomainState and its reason, or nothing when none is worth telling. */
export function reasonOf(state: number, reason: number): { stateReason?: VmStateReason } {
  const word = stateReason(state, reason);
  return word ? { stateReason: word } : {};
}

/** A VM's id, name, state and the reason worth telling, as a list row and the events have them. */
export type VmStateRow = Pick<VmSummary, "id" | "name" | "state" | "stateReason">;

/** One bulk-stats record's state group → its VM's state row. */
function stateRowFromStats(rec: DomainStatsRecord): VmStateRow {
  const state = Number(rec.params["state.state"] ?? 0);
  return {
    id: rec.uuid,
    name: rec.name,
    state: vmState(state),
    ...reasonOf(state, Number(rec.params["state.reason"] ?? -1)),
  };
}

/** Code-point order of names: a collator costs a millisecond per thousand VMs. */
const byName = (a: { name: string }, b: { name: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** One bulk-stats record → a list row. */
export function summaryFromStats(rec: DomainStatsRecord): VmSummary {
  const p = rec.params;
  const memKiB = Number(p["balloon.maximum"] ?? p["balloon.current"] ?? 0);
  return {
    ...stateRowFromStats(rec),
    cpuCount: Number(p["vcpu.current"] ?? p["vcpu.maximum"] ?? 0),
    memoryMb: Math.round(memKiB / 1024),
    autostart: rec.autostart ?? false,
    ...(rec.unresponsive ? { unresponsive: true as const } : {}),
  };
}

/**
 * All VMs with one virConnectGetAllDomainStats call, sorted by name. While a call is stuck
 * inside libvirt, each running VM is also asked whether its QEMU answers (one call per VM), so
 * the one that does not is marked `unresponsive`.
 */
export async function domainList({ client }: { client: LibvirtClient }): Promise<VmSummary[]> {
  try {
    const records = await client.call("domainList", { scan: client.stuckCalls > 0 });
    return records.map(summaryFromStats).sort(byName);
  } catch (err) {
    throw fromLibvirt(err, { failed: t("Failed to list VMs") });
  }
}

/**
 * Every VM's state row, sorted by name: one bulk call of the state group, made without a call worker
 * (LibvirtClient.read), for the events' snapshot after each connection.
 */
export async function vmStates({ client }: { client: LibvirtClient }): Promise<VmStateRow[]> {
  try {
    return (await client.read("domainStates")).map(stateRowFromStats).sort(byName);
  } catch (err) {
    throw fromLibvirt(err, { failed: t("Failed to list VMs") });
  }
}

/** Full details of one VM: its XML plus live state and disk sizes. */
export async function domainGet(
  { client, id }: { client: LibvirtClient; id: string },
): Promise<Vm> {
  checkVmId(id);
  let snap;
  try {
    snap = await client.call("domainGet", id);
  } catch (err) {
    throw fromLibvirt(err, { id, failed: t("Failed to read VM") });
  }
  const xml = parseDomainXml(snap.xml);
  const disks = await Promise.all(xml.disks.map((d) => withSize(client, snap.uuid, d)));
  const vnc = xml.graphics.find((g) => g.type === "vnc" && g.port);
  const state = vmState(snap.state);
  const reason = reasonOf(snap.state, snap.reason);
  return {
    ...details(snap, xml, state, disks),
    ...reason,
    vncPort: vnc?.port ?? undefined,
    ...(reason.stateReason === "io-error"
      ? { diskErrors: await diskErrorsOf(client, snap.uuid, disks) }
      : {}),
    ...(state !== "stopped" && snap.persistent
      ? await atNextBoot(client, snap.uuid, snap.xml)
      : { pending: [] }),
  };
}

/**
 * The disks QEMU reports an I/O error on, each with its file and the pool holding that file;
 * empty when they cannot be read (the reason alone still tells the trouble).
 */
async function diskErrorsOf(
  client: LibvirtClient,
  uuid: string,
  disks: Disk[],
): Promise<DiskError[]> {
  let found;
  try {
    found = await client.call("domainDiskErrors", uuid);
  } catch {
    return [];
  }
  return await Promise.all(found.map(async ({ disk, error }) => {
    const path = disks.find((d) => d.target === disk)?.path ?? undefined;
    const pool = path
      ? await client.call("volumeAt", path).then((v) => v.pool, () => undefined)
      : undefined;
    return {
      target: disk,
      error: error === DISK_ERROR_NO_SPACE ? "no-space" as const : "other" as const,
      ...(path ? { path } : {}),
      ...(pool ? { pool } : {}),
    };
  }));
}

// virDomainDiskErrorCode NO_SPACE (https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainDiskErrorCode).
const DISK_ERROR_NO_SPACE = 2;

/**
 * A running VM's console as its definition has it for the next boot (a change waits there while
 * QEMU keeps its display) and what else differs there (pending.ts); neither when the definition
 * cannot be read, since the details stand without them.
 */
async function atNextBoot(
  client: LibvirtClient,
  uuid: string,
  liveXml: string,
): Promise<Partial<Pick<Vm, "nextBoot" | "pending" | "protected">>> {
  try {
    const next = bootView(await client.call("domainXml", uuid, XmlFlags.INACTIVE));
    return {
      // Protection is kept in the definition (lib/vms/protection.ts), not in what runs.
      protected: Boolean(next.info.protected),
      nextBoot: { display: displayOf(next.info.graphics), clipboard: next.info.clipboard },
      pending: pendingBetween(bootView(liveXml), next),
    };
  } catch {
    return {};
  }
}

function details(
  snap: DomainSnapshot,
  xml: DomainXmlInfo,
  state: VmState,
  disks: Disk[],
): Omit<Vm, "vncPort" | "nextBoot" | "pending"> {
  return {
    id: snap.uuid,
    name: snap.name,
    state,
    cpuCount: snap.vcpus,
    memoryMb: Math.round(snap.maxMemKiB / 1024),
    maxMemoryMb: xml.memoryMb,
    osType: xml.osType,
    osVariant: xml.osVariant,
    diskSizeGb: Math.round(
      disks.filter((d) => d.device === "disk").reduce((n, d) => n + (d.sizeBytes ?? 0), 0) /
        1024 ** 3 * 10,
    ) / 10,
    networkInterfaces: xml.networkInterfaces,
    createdAt: xml.createdAt,
    protected: Boolean(xml.protected),
    description: xml.description,
    title: xml.title,
    // A VM with a boot order starts with the host by us, libvirt's flag off (lib/startup/).
    autostart: snap.autostart || xml.startup !== undefined,
    persistent: snap.persistent,
    machine: xml.machine,
    arch: xml.arch,
    emulator: xml.emulator,
    disks,
    graphics: xml.graphics,
    bootOrder: xml.bootOrder,
    bootMenu: xml.bootMenu,
    firmware: xml.firmware,
    secureBoot: xml.secureBoot,
    tpm: xml.tpm,
    clipboard: xml.clipboard,
  };
}

/** Adds virtual size and allocation: from the storage volume, else from the domain's block info. */
async function withSize(
  client: LibvirtClient,
  uuid: string,
  disk: Omit<Disk, "sizeBytes" | "allocationBytes">,
): Promise<Disk> {
  if (!disk.path) return { ...disk, sizeBytes: null, allocationBytes: null };
  try {
    const vol = await client.call("volumeInfo", disk.path);
    return { ...disk, sizeBytes: vol.capacity, allocationBytes: vol.allocation };
  } catch {
    // Not a storage volume (a file outside every pool): ask the domain instead.
  }
  try {
    const info = await client.call("domainBlockInfo", uuid, disk.target);
    return { ...disk, sizeBytes: info.capacity, allocationBytes: info.allocation };
  } catch {
    return { ...disk, sizeBytes: null, allocationBytes: null };
  }
}

const ACTIONS: Record<VmAction, {
  op: "create" | "shutdown" | "destroy" | "suspend" | "resume" | "reboot" | "reset";
  failed: string;
}> = {
  start: { op: "create", failed: tKey("Failed to start VM") },
  stop: { op: "shutdown", failed: tKey("Failed to stop VM") },
  "force-stop": { op: "destroy", failed: tKey("Failed to force stop VM") },
  pause: { op: "suspend", failed: tKey("Failed to pause VM") },
  resume: { op: "resume", failed: tKey("Failed to resume VM") },
  reboot: { op: "reboot", failed: tKey("Failed to reboot VM") },
  reset: { op: "reset", failed: tKey("Failed to reset VM") },
};

// The refusals of shared/vm_actions.ts (English there, for the islands' checks and the API),
// marked here and translated where the API refuses (refusalWords).
tKey("VM is already running");
tKey("VM is already paused");
tKey("VM is not paused");
tKey("VM is not running");

/** An actionRefusal() in the language of the request being answered. */
export const refusalWords = (refusal: string): string => t(refusal);

async function currentState(client: LibvirtClient, id: string) {
  try {
    return await client.call("domainState", id);
  } catch (err) {
    throw fromLibvirt(err, { id, failed: t("Failed to read VM") });
  }
}

/** Runs a lifecycle action after checking the VM is in a state that allows it. */
export async function domainAction(
  { client, id, action }: { client: LibvirtClient; id: string; action: VmAction },
): Promise<void> {
  checkVmId(id);
  const spec = ACTIONS[action];
  const { uuid, state } = await currentState(client, id);
  const refusal = actionRefusal(action, vmState(state));
  if (refusal) throw conflict(refusalWords(refusal));
  try {
    await client.call("domainAction", uuid, spec.op);
  } catch (err) {
    throw fromLibvirt(err, { id, failed: t(spec.failed) });
  }
}

// MANAGED_SAVE | SNAPSHOTS_METADATA | NVRAM | CHECKPOINTS_METADATA | TPM: everything libvirt
// would otherwise refuse to undefine over, or leave behind. Drivers without NVRAM or TPM support
// (the test driver) refuse the last three, which are then left out.
export const UNDEFINE_OPTIONAL = UndefineFlags.NVRAM | UndefineFlags.CHECKPOINTS_METADATA |
  UndefineFlags.TPM;
export const UNDEFINE_ALL = UndefineFlags.MANAGED_SAVE | UndefineFlags.SNAPSHOTS_METADATA |
  UNDEFINE_OPTIONAL;

/** What a delete removed and what it left. */
export interface DeleteResult {
  /** The deleted VM's UUID. */
  uuid: string;
  deletedDisks: string[];
  keptDisks: { path: string; reason: string }[];
}

/** What deleting the VM `id` would do to each of its disks (GET /api/vms/:id/delete-plan). */
export async function domainDeletePlan(
  { client, id }: { client: LibvirtClient; id: string },
): Promise<DeletePlan> {
  checkVmId(id);
  const { uuid } = await currentState(client, id);
  return await deletePlan({ client, uuid, id });
}

/**
 * Deletes a stopped VM: removes its definition with its snapshot metadata, NVRAM and TPM
 * state, then the chosen disks (lib/vms/delete_plan.ts): `"own"` deletes only its own disks
 * (never an ISO, a disk another VM uses or a base of linked clones), a list exactly those
 * paths (each a disk of this VM; a base of linked clones or a file outside any pool still
 * stays), null none.
 */
export async function domainDelete(
  { client, id, volumes }: {
    client: LibvirtClient;
    id: string;
    volumes: string[] | "own" | null;
  },
): Promise<DeleteResult> {
  checkVmId(id);
  const { uuid, state } = await currentState(client, id);
  const plan = await deletePlan({ client, uuid, id });
  if (plan.protected) throw vmProtected(plan.name);
  if (vmState(state) !== "stopped") throw conflict(t("Cannot delete running VM. Stop it first."));
  const failed = t("Failed to delete VM");
  const chosen = chosenVolumes(plan, volumes);
  try {
    await withoutUnsupportedFlag(
      (flags) => client.call("domainUndefine", uuid, flags),
      UNDEFINE_ALL,
      UNDEFINE_OPTIONAL,
    );
  } catch (err) {
    throw fromLibvirt(err, { id, failed });
  }
  const result: DeleteResult = { uuid, deletedDisks: [], keptDisks: [] };
  if (volumes === null) return result;
  for (const v of plan.volumes) {
    if (!chosen.includes(v.path) && !result.keptDisks.some((k) => k.path === v.path)) {
      result.keptDisks.push({ path: v.path, reason: v.reason || t("not chosen; left in place") });
    }
  }
  // A start from outside the server (virsh) between the state check and the undefine leaves the
  // VM running, now transient: its disks are in use and stay.
  if (await domainExists(client, uuid)) {
    for (const path of chosen) {
      result.keptDisks.push({ path, reason: t("VM is running; disk left in place") });
    }
    return result;
  }
  for (const path of chosen) {
    if (!plan.volumes.find((v) => v.path === path)!.deletable) {
      result.keptDisks.push({
        path,
        reason: plan.volumes.find((v) => v.path === path)!.reason,
      });
      continue;
    }
    // The base of linked clones stays: they read it (checked again, a clone may be new).
    const clones = await linkedChildren(client, path).catch(() => null);
    if (!clones) {
      result.keptDisks.push({
        path,
        reason: t("could not check whether another VM uses it; left in place"),
      });
      continue;
    }
    if (clones.length) {
      result.keptDisks.push({
        path,
        reason: t("the base of linked clones {{clones}}; left in place", {
          clones: clones.join(", "),
        }),
      });
      continue;
    }
    try {
      await client.call("volumeDelete", path);
      result.deletedDisks.push(path);
    } catch (err) {
      const reason = err instanceof LibvirtError && err.code === ErrorCode.NO_STORAGE_VOL
        ? t("not a storage volume; left in place")
        : t("Failed to delete disk: {{path}} - {{error}}", { path, error: (err as Error).message });
      result.keptDisks.push({ path, reason });
    }
  }
  return result;
}
