// VMs of one libvirt connection: the VmService that routes/ calls (list, lifecycle, create,
// edit, devices, XML, clone), the per-VM lock its state changes take, and the few reads that
// services made before it (the profiles) need.

import { DiskMoves } from "./disk_move/service.ts";
import { vmFilterName } from "../xml/nwfilter_xml.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { AppEvent } from "../../shared/events.ts";
import {
  checkVmId,
  type DeleteResult,
  domainAction,
  domainDelete,
  domainDeletePlan,
  domainGet,
  domainList,
  refusalWords,
  vmState,
} from "./domains.ts";
import { conflict, fromLibvirt, mayBeStateRace } from "../errors.ts";
import { vmIdentity } from "./identity.ts";
export { vmLookups } from "./identity.ts";
import { UUID } from "../../ffi/libvirt/find_domain.ts";
import { type VmLock, VmLocks } from "./lock.ts";
import { actionRefusal } from "../../shared/vm_actions.ts";
import { connectionStatus, hostInfo } from "../this_host/info.ts";
import { StatsService } from "./stats.ts";
import { type VncTarget, vncTarget } from "../consoles/vnc.ts";
import { HostCapsCache } from "../this_host/caps.ts";
import { HostChecker } from "../host_check/host_check.ts";
import type { HostCheck } from "../../shared/host_check.ts";
import { OsinfoCatalog } from "./osinfo.ts";
import type { ProfilePolicy } from "../../shared/profiles.ts";
import { configOfVm } from "./config_of.ts";
import { currentTask } from "../tasks/current.ts";
import { t } from "../../shared/i18n/t.ts";
import type { DeletePlan } from "../../shared/vm_delete.ts";
import { type ListExtras, withListExtras } from "./list_summary.ts";
import type { PendingCache } from "./pending_cache.ts";
import { applyPending, type ApplyStarted } from "./apply_pending.ts";
import { type CreateDeps, createOptions, domainCreate, validateCreate } from "./create.ts";
import { domainClone } from "./clone.ts";
import {
  cdromChange,
  diskAttach,
  diskDetach,
  diskResize,
  nicAttach,
  nicDetach,
} from "./devices.ts";
import { checkEdit, domainEdit } from "./edit.ts";
import { domainProtect } from "./protection.ts";
import { domainXmlExport, domainXmlImport, domainXmlReplace } from "./xml.ts";
import type { DiskAttachBody, NicAttachBody } from "./input.ts";
import type { z } from "zod";
import type { PowerMethod } from "../../shared/guest.ts";
import type { StartTimes } from "./start_times.ts";
import { readQemuLogTail } from "./qemu_log.ts";
import type { QemuLogTail } from "../../shared/vm_state_reason.ts";
import type { ConnectionStatus, HostInfo } from "../../shared/host.ts";
import type {
  AppliedChange,
  CreateOptions,
  DeviceResult,
  FieldIssue,
  ValidationResult,
  Vm,
  VmAction,
  VmConfig,
  VmStats,
  VmSummary,
} from "../../shared/vms.ts";

type DiskAttachInput = z.output<typeof DiskAttachBody>;
type NicAttachInput = z.output<typeof NicAttachBody>;

/** The per-VM lock of one libvirt connection: names are resolved to UUIDs first. */
export function vmLock(client: LibvirtClient, locks = new VmLocks()): VmLock {
  return async (id, fn) => {
    checkVmId(id);
    let key = id.toLowerCase();
    if (!UUID.test(id)) {
      try {
        key = (await client.call("domainState", id)).uuid;
      } catch (err) {
        throw fromLibvirt(err, { id, failed: t("Failed to read VM") });
      }
    }
    return await locks.run(key, fn);
  };
}

/**
 * Runs a lifecycle action; when libvirt fails it with a code that a state change explains
 * (errors.ts mayBeStateRace), re-reads the state and answers 409 in the API's words if the
 * state now refuses the action (e.g. a VM started or stopped from outside meanwhile).
 */
export async function actionOrConflict(client: LibvirtClient, id: string, action: VmAction) {
  try {
    await domainAction({ client, id, action });
  } catch (err) {
    if (!mayBeStateRace(err)) throw err;
    const now = await client.call("domainState", id).catch(() => null);
    const refusal = now && actionRefusal(action, vmState(now.state));
    throw refusal ? conflict(refusalWords(refusal)) : err;
  }
}

export interface VmServiceDeps {
  client: LibvirtClient;
  /** Whether the connection is the demo test driver (reported by connection()). */
  demo: boolean;
  /** Where create and clone progress goes (the event hub). */
  emit: (e: AppEvent) => void;
  /**
   * Adds guest addresses to the list and lets stop/reboot go through a guest agent (lib/guest's
   * GuestService, which sits above VMs: named by what is used, not imported).
   */
  guest?: {
    cachedAddresses(uuid: string): string[] | undefined;
    power(id: string, action: "shutdown" | "reboot"): Promise<PowerMethod | null>;
  };
  /** Adds policy tags to the list; forgets a deleted VM's assignment and overrides (lib/profiles). */
  policy?: { effectiveAll(): Map<string, ProfilePolicy>; forgetVm(uuid: string): void };
  /** One state-changing operation per VM at a time; shared with snapshots and backups. */
  lock?: VmLock;
  /** Adds CPU and memory use to the list: the collector's latest samples by UUID. */
  usage?: () => ListExtras["usage"];
  /** Adds each VM's OS: told the listed VMs, answers the OS ids read so far (os_cache.ts). */
  os?: (vms: readonly VmSummary[]) => ListExtras["os"];
  /** Marks the protected VMs of the list, as far as read (os_cache.ts, after `os`). */
  protection?: ListExtras["protection"];
  /** Adds each up VM's uptime where its start is known (start_times.ts). */
  starts?: Pick<StartTimes, "listed" | "uptimeOf">;
  /** Adds the "changes pending" flag of running VMs; told of fresh comparisons and edits. */
  pending?: Pick<PendingCache, "listed" | "set" | "changed">;
  /** A VM's CPU time at the collector's last tick: the first stats call's CPU % baseline. */
  cpuBaseline?: (uuid: string) => { cpuTimeNs: number; atMs: number } | undefined;
  /** Where this host's QEMU logs are (qemu_log.ts qemuLogDir); null for a remote host. */
  logDir?: string | null;
  /** Throws when this host takes no new VMs (maintenance): asked by create, import and clone. */
  refuseNewVm?: () => void;
  /** Throws when Pacemaker runs the VM (lib/cluster/): asked by power actions, delete, edits. */
  refuseManaged?: (idOf: () => Promise<{ name: string; uuid: string }>) => Promise<void>;
}

/** What routes/ and pages call about VMs; each method throws AppError with the API's words. */
/** How long one host check answers for (see hostCheck). */
const HOST_CHECK_FRESH_MS = 5_000;

export class VmService {
  readonly #client: LibvirtClient;
  readonly #demo: boolean;
  readonly #emit: (e: AppEvent) => void;
  readonly #guest: VmServiceDeps["guest"];
  readonly #policy: VmServiceDeps["policy"];
  readonly #usage: VmServiceDeps["usage"];
  readonly #os: VmServiceDeps["os"];
  readonly #protection: VmServiceDeps["protection"];
  readonly #starts: VmServiceDeps["starts"];
  readonly #pending: VmServiceDeps["pending"];
  readonly #logDir: string | null;
  readonly #refuseNewVm: () => void;
  readonly #refuseManaged: NonNullable<VmServiceDeps["refuseManaged"]>;
  readonly #lock: VmLock;
  /** Disks moved to another pool and format, live or stopped (disk_move/), under the lock. */
  readonly diskMoves: DiskMoves;
  readonly #stats: StatsService;
  readonly #create: CreateDeps;
  readonly #check: HostChecker;
  #lastCheck: { at: number; answer: Promise<HostCheck> } | null = null;
  /** Applies of pending changes waiting for their VM to be off, by UUID (apply_pending.ts). */
  readonly #applying = new Map<string, { superseded: boolean; release(): void }>();

  constructor(
    {
      client,
      demo,
      emit,
      guest,
      policy,
      usage,
      os,
      protection,
      starts,
      pending,
      cpuBaseline,
      logDir = null,
      lock = vmLock(client),
      refuseNewVm = () => {},
      refuseManaged = async () => {},
    }: VmServiceDeps,
  ) {
    this.#refuseNewVm = refuseNewVm;
    this.#refuseManaged = refuseManaged;
    this.#client = client;
    this.#demo = demo;
    this.#emit = emit;
    this.#guest = guest;
    this.#policy = policy;
    this.#usage = usage;
    this.#os = os;
    this.#protection = protection;
    this.#starts = starts;
    this.#pending = pending;
    this.#logDir = logDir;
    this.#lock = lock;
    this.diskMoves = new DiskMoves({ client, lock });
    this.#stats = new StatsService(client, cpuBaseline);
    const caps = new HostCapsCache(client);
    this.#check = new HostChecker(client, caps);
    this.#create = { client, caps, check: this.#check, osinfo: new OsinfoCatalog() };
  }

  async listVms(): Promise<VmSummary[]> {
    const vms = await domainList({ client: this.#client });
    const guest = this.#guest;
    return withListExtras(vms, {
      addresses: guest && ((id) => guest.cachedAddresses(id)),
      policies: this.#policy?.effectiveAll(),
      usage: this.#usage?.(),
      os: this.#os?.(vms),
      protection: this.#protection,
      uptime: this.#starts?.listed(vms),
      pending: this.#pending?.listed(vms),
    });
  }

  async getVm(id: string): Promise<Vm> {
    const vm = await domainGet({ client: this.#client, id });
    if (vm.pending) this.#pending?.set(vm.id, vm.pending.length > 0);
    const uptimeSeconds = await this.#starts?.uptimeOf(vm);
    return uptimeSeconds === undefined ? vm : { ...vm, uptimeSeconds };
  }

  /** The end of the VM's QEMU log (admins): only this machine's libvirtd has one to read. */
  async qemuLog(id: string): Promise<QemuLogTail> {
    checkVmId(id);
    const { name } = await vmIdentity(this.#client, id);
    if (!this.#logDir) {
      return {
        available: false,
        lines: [],
        note: t("The QEMU log can only be read for VMs on the local host."),
      };
    }
    const tail = await readQemuLogTail(this.#logDir, name);
    return tail.available ? tail : { ...tail, note: t("This VM has no QEMU log yet.") };
  }

  /** Stop and reboot go through a guest agent when one answers; `method` says which way. */
  async vmAction(
    id: string,
    action: VmAction,
    { forApply = false } = {},
  ): Promise<{ method?: PowerMethod }> {
    const client = this.#client;
    await this.#guard(id);
    // An apply waiting for this VM to be off stands down: whoever acts now decides its state.
    if (!forApply && this.#applying.size > 0) {
      const uuid = UUID.test(id) ? id.toLowerCase() : await client.call("domainState", id)
        .then((s) => s.uuid, () => null);
      const waiting = uuid ? this.#applying.get(uuid) : undefined;
      if (waiting) waiting.superseded = true;
    }
    return await this.#lock(id, async () => {
      if (action !== "stop" && action !== "reboot") {
        await actionOrConflict(client, id, action);
        return {};
      }
      // A guest agent shuts down cleanly even where the guest ignores the ACPI button.
      const method = await this.#guest?.power(id, action === "stop" ? "shutdown" : "reboot")
        .catch(() => null);
      if (method) return { method };
      await actionOrConflict(client, id, action);
      return { method: "acpi" as const };
    });
  }

  #guard(id: string): Promise<void> {
    return this.#refuseManaged(() => vmIdentity(this.#client, id));
  }

  deletePlan(id: string): Promise<DeletePlan> {
    return domainDeletePlan({ client: this.#client, id });
  }

  // Under the lock no start slips between the "is it stopped?" check and the disks' removal.
  async deleteVm(
    id: string,
    { volumes }: { volumes: string[] | "own" | null },
  ): Promise<DeleteResult> {
    await this.#guard(id);
    return await this.#lock(id, async () => {
      const result = await domainDelete({ client: this.#client, id, volumes });
      this.#stats.forget(result.uuid);
      this.#policy?.forgetVm(result.uuid);
      // Its firewall's filter goes with it (none, or a driver without filters, is fine).
      await this.#client.call("nwfilterUndefine", vmFilterName(result.uuid)).catch(() => false);
      return result;
    });
  }

  /** Sets or clears the VM's protection from deletion, under its lock (protection.ts). */
  protectVm(id: string, on: boolean): Promise<{ id: string; name: string; protected: boolean }> {
    return this.#lock(id, () => domainProtect({ client: this.#client, id, on }));
  }

  vmStats(id: string): Promise<VmStats> {
    return this.#stats.get(id);
  }

  /** Where the VM's own VNC server listens, from its live XML. */
  vncTarget(id: string): Promise<VncTarget> {
    return vncTarget({ client: this.#client, id });
  }

  hostInfo(): Promise<HostInfo> {
    return hostInfo({ client: this.#client });
  }

  /** The host check: hardware virtualisation, KVM running a guest, IOMMU, firmware, defaults. */
  hostCheck(): Promise<HostCheck> {
    // The heaviest read a viewer can ask for: callers at the same moment share one check, and
    // its answer stands for a few seconds (the dashboard asks on every load).
    const now = Date.now();
    if (this.#lastCheck && now - this.#lastCheck.at < HOST_CHECK_FRESH_MS) {
      return this.#lastCheck.answer;
    }
    const answer = this.#check.check().catch((err) => {
      this.#lastCheck = null;
      throw fromLibvirt(err, { failed: t("Failed to check the host") });
    });
    this.#lastCheck = { at: now, answer };
    return answer;
  }

  /** Host facts and choices for the create wizard. */
  createOptions(): Promise<CreateOptions> {
    return createOptions(this.#create);
  }

  /** Checks a VmConfig against the host without creating anything. */
  async validateVm(input: unknown): Promise<ValidationResult> {
    const { errors, warnings } = await validateCreate(this.#create, input);
    return { errors, warnings };
  }

  /** Creates a VM; progress goes out on the event stream. */
  async createVm(input: unknown): Promise<{ id: string; name: string; warnings: FieldIssue[] }> {
    this.#refuseNewVm();
    const name = typeof (input as { name?: unknown })?.name === "string"
      ? (input as { name: string }).name
      : "";
    const task = currentTask();
    return await domainCreate(this.#create, input, (step, index, total) => {
      task?.progress((index - 1) / total);
      this.#emit({ type: "vm-create-progress", name, step, index, total });
    });
  }

  /** The VmConfig that would recreate this VM (for templates), without its name. */
  async vmConfig(id: string): Promise<Omit<VmConfig, "name">> {
    return configOfVm(await domainGet({ client: this.#client, id }));
  }

  /** Resources, description, autostart, boot options, rename; says live or next boot. */
  editVm(id: string, input: unknown): Promise<{ id: string; changes: AppliedChange[] }> {
    const client = this.#client;
    return this.#lock(id, async () => {
      await this.#guard(id);
      const host = await hostInfo({ client });
      return await this.#changing(
        id,
        () => domainEdit({ client, id, edit: checkEdit(input, host.memoryTotalMb) }),
      );
    });
  }

  attachDisk(id: string, input: DiskAttachInput): Promise<DeviceResult> {
    return this.#lockedChange(id, () => diskAttach({ client: this.#client, id, input }));
  }

  detachDisk(id: string, target: string): Promise<DeviceResult> {
    return this.#lockedChange(id, () => diskDetach({ client: this.#client, id, target }));
  }

  resizeDisk(id: string, target: string, sizeGb: number): Promise<DeviceResult> {
    return this.#lock(id, () => diskResize({ client: this.#client, id, target, sizeGb }));
  }

  changeCdrom(id: string, target: string, isoPath: string | null): Promise<DeviceResult> {
    return this.#lockedChange(id, () => cdromChange({ client: this.#client, id, target, isoPath }));
  }

  attachNic(id: string, input: NicAttachInput): Promise<DeviceResult> {
    return this.#lockedChange(id, () => nicAttach({ client: this.#client, id, input }));
  }

  detachNic(id: string, mac: string): Promise<DeviceResult> {
    return this.#lockedChange(id, () => nicDetach({ client: this.#client, id, mac }));
  }

  /** The persistent definition as XML. */
  vmXml(id: string): Promise<string> {
    return domainXmlExport({ client: this.#client, id: checkVmId(id) });
  }

  replaceVmXml(id: string, xml: string): Promise<{ id: string }> {
    return this.#lock(id, async () => {
      await this.#guard(id);
      return await this.#changing(id, () => domainXmlReplace({ client: this.#client, id, xml }));
    });
  }

  async importVm(xml: string): Promise<{ id: string; name: string }> {
    this.#refuseNewVm();
    return await domainXmlImport({ client: this.#client, xml });
  }

  // The source is held while its disks are copied: it cannot start or go away meanwhile.
  async cloneVm(id: string, name: string): Promise<{ id: string; name: string }> {
    this.#refuseNewVm();
    const task = currentTask();
    return await this.#lock(
      id,
      () =>
        domainClone({ client: this.#client, id, name }, (step, index, total) => {
          task?.progress((index - 1) / total);
          this.#emit({ type: "vm-create-progress", name, step, index, total });
        }),
    );
  }

  /**
   * Applies a running VM's pending changes: a graceful shutdown now, a start once it is off (in
   * the background; the request's task ends then). 409 when it is not running or nothing waits.
   */
  async applyPending(id: string): Promise<Omit<ApplyStarted, "done">> {
    const client = this.#client;
    const { done, ...started } = await applyPending(checkVmId(id), {
      client,
      read: (id) => domainGet({ client, id }),
      stop: (uuid) => this.vmAction(uuid, "stop", { forApply: true }),
      start: (uuid) => this.vmAction(uuid, "start", { forApply: true }),
      task: currentTask(),
      claim: (uuid) => {
        if (this.#applying.has(uuid)) {
          throw conflict(t("This VM's changes are being applied already"));
        }
        const claim = {
          superseded: false,
          release: () => {
            if (this.#applying.get(uuid) === claim) this.#applying.delete(uuid);
          },
        };
        this.#applying.set(uuid, claim);
        return claim;
      },
    });
    // Its failure is the task's, told there.
    done.catch(() => {});
    return started;
  }

  /** `fn` under the VM's lock, as a change of its definition (#changing). */
  #lockedChange<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.#lock(id, () => this.#changing(id, fn));
  }

  // A change to a VM's definition: the list's "changes pending" flag is compared again after it,
  // failed or not (a failure may have changed part of it).
  async #changing<T>(id: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      const pending = this.#pending;
      if (pending) {
        const uuid = UUID.test(id) ? id.toLowerCase() : await this.#client
          .call("domainState", id).then((s) => s.uuid, () => null);
        if (uuid) pending.changed(uuid);
      }
    }
  }

  connection(): ConnectionStatus {
    return connectionStatus({ client: this.#client, demo: this.#demo });
  }
}
