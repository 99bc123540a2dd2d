// The cluster this host belongs to (GET /api/cluster, the Cluster page): Pacemaker's status read
// with its own tool, crm_mon, as XML. One read at a time, shared by every caller for a moment, so
// many open pages never start many crm_mon; each read has a deadline, so a hung cluster stack
// never holds a request for longer.

import { AppError } from "../errors.ts";
import type { ClusterStatus, ClusterView } from "../../shared/cluster.ts";
import { t } from "../../shared/i18n/t.ts";
import { parseCrmMon } from "./crm_mon.ts";
import { pcmk, type PcmkOutput, runPcmk } from "./pcmk.ts";
import { domainIdIn, kvmmManagedIds, virtualDomainConfigs } from "./vm_domains.ts";

export interface ClusterServiceOptions {
  /** crm_mon's path or name (found in PATH). */
  crmMon?: string;
  /** cibadmin's path or name (found in PATH). */
  cibadmin?: string;
  /** A read this old is read again (ms). */
  maxAgeMs?: number;
  /** crm_mon is killed after this long (ms). */
  timeoutMs?: number;
  /** This server's host names (the cluster node it runs on has one of them). */
  hostNames?: () => string[];
}

/** The resource that runs the VM (by UUID where its config file gives one, else by name). */
export function vmResourceIn(
  view: ClusterView | null,
  vm: { id: string; name: string },
): string | null {
  if (!view?.present) return null;
  return view.resources.find((r) =>
    r.kind === "vm" && r.domain !== null &&
    (r.domainUuid ? r.domainUuid === vm.id.toLowerCase() : r.domain === vm.name)
  )?.id ?? null;
}

/** crm_mon's exit code when it cannot reach the cluster (ENOTCONN). */
const NOT_CONNECTED = 102;

export class ClusterService {
  readonly #crmMon: string;
  readonly #cibadmin: string;
  readonly #maxAgeMs: number;
  readonly #timeoutMs: number;
  readonly #hostNames: () => string[];
  #last: { view: ClusterView; at: number } | null = null;
  #reading: Promise<ClusterView> | null = null;

  constructor(opts: ClusterServiceOptions = {}) {
    this.#crmMon = opts.crmMon ?? "crm_mon";
    this.#cibadmin = opts.cibadmin ?? "cibadmin";
    this.#maxAgeMs = opts.maxAgeMs ?? 2_000;
    this.#timeoutMs = opts.timeoutMs ?? 10_000;
    this.#hostNames = opts.hostNames ?? (() => [Deno.hostname()]);
  }

  /** Forgets the last read: the next view reads again (after KVM Manager changed the cluster). */
  forget(): void {
    this.#last = null;
  }

  /** The cluster as Pacemaker sees it now (read at most every maxAgeMs). */
  async view(): Promise<ClusterView> {
    const last = this.#last;
    if (last && Date.now() - last.at < this.#maxAgeMs) return last.view;
    this.#reading ??= this.#read().finally(() => this.#reading = null);
    return await this.#reading;
  }

  async #read(): Promise<ClusterView> {
    const at = Date.now();
    let out: PcmkOutput;
    try {
      out = await runPcmk(this.#crmMon, ["--output-as=xml", "--fence-history=2"], this.#timeoutMs);
    } catch (err) {
      if (err instanceof AppError && err.code === "CLUSTER_TOOLS_MISSING") {
        return this.#keep({
          present: false,
          code: "CLUSTER_TOOLS_MISSING",
          reason: t(
            "Pacemaker's tools are not installed on this host (crm_mon, in Debian's pacemaker-cli-utils): there is no cluster to show.",
          ),
          readAt: at,
        }, at);
      }
      if (err instanceof AppError) throw err;
      throw new AppError(
        "CLUSTER_UNREADABLE",
        t("Pacemaker's status could not be read: {{why}}", { why: (err as Error).message }),
        undefined,
        { cause: err },
      );
    }
    const read = parseCrmMon(out.stdout, this.#hostNames(), at);
    if (read.ok) {
      await this.#nameDomains(read.status);
      return this.#keep(read.status, at);
    }
    if (read.failure.code === NOT_CONNECTED || out.code === NOT_CONNECTED) {
      return this.#keep({
        present: false,
        code: "CLUSTER_NOT_RUNNING",
        reason: t(
          "Pacemaker does not run on this host: this host is in no cluster, or its cluster stack is stopped.",
        ),
        readAt: at,
      }, at);
    }
    const words = [read.failure.message, ...read.failure.errors].filter((w) => w).join("; ");
    throw new AppError(
      "CLUSTER_UNREADABLE",
      t("Pacemaker's status could not be read: {{why}}", {
        why: words || out.stderr.trim().slice(-300),
      }),
    );
  }

  /** The cluster, when this host is a member of a quorate one; else 409 NO_CLUSTER. */
  async member(): Promise<ClusterStatus> {
    const view = await this.view();
    if (!view.present) throw new AppError("NO_CLUSTER", view.reason);
    if (!view.localNode) {
      throw new AppError(
        "NO_CLUSTER",
        t("This host is not a node of the cluster it sees: run KVM Manager on a cluster node"),
      );
    }
    if (!view.quorum) {
      throw new AppError(
        "NO_CLUSTER",
        t("The cluster has no quorum here: Pacemaker takes no new resources until it has"),
      );
    }
    return view;
  }

  /**
   * Throws 409 MANAGED_BY_CLUSTER when Pacemaker runs the VM `idOf()` names (asked only when
   * the cluster has VMs): a start, stop or move behind its back would fight it — a VM stopped
   * here is started again, one started here may run twice.
   */
  async refuseManaged(idOf: () => Promise<{ name: string; uuid: string }>): Promise<void> {
    const view = await this.view();
    if (!view.present) return;
    if (!view.resources.some((r) => r.kind === "vm" && r.domain !== null)) return;
    const { name, uuid } = await idOf();
    // By UUID where the config file gives one: a renamed copy is still the same VM.
    const resource = vmResourceIn(view, { id: uuid, name });
    if (!resource) return;
    throw new AppError(
      "MANAGED_BY_CLUSTER",
      t(
        "{{name}} is run by the cluster (Pacemaker resource {{resource}}): start, stop and move it through the cluster, not behind Pacemaker's back",
        { name, resource },
      ),
      { resource },
    );
  }

  /**
   * Fills each VM resource's domain name from the CIB and the domain XML it names, and marks the
   * VMs and fencing devices KVM Manager made.
   */
  async #nameDomains(status: ClusterStatus): Promise<void> {
    const vms = status.resources.filter((r) => r.kind === "vm");
    if (vms.length === 0 && status.fencing.devices.length === 0) return;
    let cib: string;
    try {
      cib = await pcmk(this.#cibadmin, ["--query", "--scope", "resources"], this.#timeoutMs);
    } catch (err) {
      // The view still shows the resources; their VMs are not recognised until the next read.
      console.error(`cluster: the CIB's resources could not be read: ${(err as Error).message}`);
      return;
    }
    const ours = kvmmManagedIds(cib);
    for (const d of status.fencing.devices) d.ours = ours.has(d.id);
    const configs = virtualDomainConfigs(cib);
    await Promise.all(vms.map(async (r) => {
      const found = configs.get(r.id);
      if (!found) return;
      r.ours = found.ours;
      const id = await domainIdIn(found.config);
      r.domain = id?.name ?? null;
      r.domainUuid = id?.uuid ?? null;
    }));
  }

  #keep(view: ClusterView, at: number): ClusterView {
    this.#last = { view, at };
    return view;
  }
}
