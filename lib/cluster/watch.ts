// What Pacemaker did on its own, told in KVM Manager's task log and notifications (issue 48): a
// VM moved to another node (after its node was lost, or for a standby), a VM started again where
// it stopped, a node fenced. Found by comparing one cluster read with the last, every few
// seconds, on the server's own host; Pacemaker has no event stream to subscribe to from here.

import type { ClusterResource, ClusterStatus, ClusterView } from "../../shared/cluster.ts";
import type { NotifyEvent } from "../../shared/notify.ts";
import { KIND_SEVERITY } from "../../shared/notify.ts";
import type { TaskLog } from "../tasks/log.ts";
import type { ClusterService } from "./service.ts";
import { TickerTask } from "../ticker.ts";

/** One thing the cluster did that no one asked KVM Manager for. */
export type ClusterChange =
  | {
    kind: "vm-moved";
    resource: string;
    domain: string | null;
    domainUuid: string | null;
    from: string;
    to: string;
    /** The node it left was lost (offline, fenced or unclean): a failover, not a planned move. */
    failover: boolean;
  }
  | {
    kind: "vm-restarted";
    resource: string;
    domain: string | null;
    domainUuid: string | null;
    on: string;
  }
  | { kind: "node-fenced"; node: string; action: string; by: string | null; at: string };

/** Where each VM resource last ran (kept across reads in which it runs nowhere). */
export type LastNodes = Map<string, string>;

const running = (r: ClusterResource) => r.nodes.length === 1 && r.role !== "Stopped";
const lost = (status: ClusterStatus, node: string) =>
  status.nodes.find((n) => n.name === node)?.online !== true;

/**
 * The changes from `prev` to `next`. `last` (updated here) remembers where each VM ran, so a VM
 * seen on A, then nowhere, then on B counts as moved from A to B. A VM asked to stop and start
 * again (its target-role was Stopped) is not counted: someone asked for that.
 */
export function clusterChanges(
  prev: ClusterStatus,
  next: ClusterStatus,
  last: LastNodes,
): ClusterChange[] {
  const changes: ClusterChange[] = [];
  const before = new Map(prev.resources.map((r) => [r.id, r]));
  for (const r of next.resources) {
    if (r.kind !== "vm") continue;
    const p = before.get(r.id);
    if (!running(r)) {
      if (p && running(p)) last.set(r.id, p.nodes[0]);
      continue;
    }
    const now = r.nodes[0];
    const was = p && running(p) ? p.nodes[0] : last.get(r.id);
    last.set(r.id, now);
    if (!p || was === undefined) continue;
    const asked = p.targetRole === "Stopped";
    const vm = { resource: r.id, domain: r.domain, domainUuid: r.domainUuid };
    if (was !== now) {
      changes.push({ kind: "vm-moved", ...vm, from: was, to: now, failover: lost(next, was) });
    } else if (!running(p) && !asked) {
      changes.push({ kind: "vm-restarted", ...vm, on: now });
    }
  }
  for (const id of [...last.keys()]) {
    if (!next.resources.some((r) => r.id === id)) last.delete(id);
  }
  const seen = new Set(prev.fenceHistory.map(fenceKey));
  for (const e of next.fenceHistory) {
    if (e.status !== "success" || !e.completed || seen.has(fenceKey(e))) continue;
    changes.push({
      kind: "node-fenced",
      node: e.target,
      action: e.action,
      by: e.delegate,
      at: e.completed,
    });
  }
  return changes;
}

const fenceKey = (e: ClusterStatus["fenceHistory"][number]) =>
  `${e.target}|${e.action}|${e.status}|${e.completed}`;

/** The task's title and message, and the notification (none for a planned move). */
export function describe(
  c: ClusterChange,
): {
  action: string;
  target: string;
  message: string;
  notify: Omit<NotifyEvent, "at" | "hostId"> | null;
} {
  if (c.kind === "node-fenced") {
    const message = `Pacemaker fenced node ${c.node} (${c.action})${
      c.by ? `, carried out by ${c.by}` : ""
    }: its resources start on the other nodes.`;
    return {
      action: "cluster.node-fenced",
      target: c.node,
      message,
      notify: {
        kind: "node-fenced",
        severity: KIND_SEVERITY["node-fenced"],
        title: `Cluster node ${c.node} fenced`,
        text: message,
      },
    };
  }
  const name = c.domain ?? c.resource;
  if (c.kind === "vm-restarted") {
    const message = `Pacemaker started ${name} again on ${c.on} (resource ${c.resource}).`;
    return {
      action: "cluster.vm-restarted",
      target: name,
      message,
      notify: {
        kind: "cluster-recovered",
        severity: KIND_SEVERITY["cluster-recovered"],
        title: `${name} restarted by the cluster`,
        text: message,
      },
    };
  }
  const message = c.failover
    ? `${c.from} was lost: Pacemaker started ${name} on ${c.to} (resource ${c.resource}).`
    : `Pacemaker moved ${name} from ${c.from} to ${c.to} (resource ${c.resource}).`;
  return {
    action: c.failover ? "cluster.vm-failover" : "cluster.vm-moved",
    target: name,
    message,
    notify: c.failover
      ? {
        kind: "cluster-recovered",
        severity: KIND_SEVERITY["cluster-recovered"],
        title: `${name} failed over to ${c.to}`,
        text: message,
      }
      : null,
  };
}

export interface ClusterWatchOptions {
  cluster: Pick<ClusterService, "view">;
  tasks: Pick<TaskLog, "start">;
  publish: (event: NotifyEvent) => void;
  /** How often the cluster is read (ms). */
  everyMs?: number;
  now?: () => Date;
}

/** Reads the cluster every few seconds and tells what changed; stops on stop(). */
export class ClusterWatch extends TickerTask {
  readonly #opts: ClusterWatchOptions;
  #prev: ClusterStatus | null = null;
  #last: LastNodes = new Map();
  /** A host in no cluster is asked again only every minute. */
  #present = false;

  constructor(opts: ClusterWatchOptions) {
    // The first read at once, each next one a while after the last ended.
    super(() => this.check().then(() => {}, () => {}), {
      everyMs: () => this.#present ? opts.everyMs ?? 5_000 : 60_000,
      fromStart: false,
      firstDelayMs: 0,
    });
    this.#opts = opts;
  }

  /** One read and comparison (exposed for tests); answers what it told. */
  async check(): Promise<ClusterChange[]> {
    let view: ClusterView;
    try {
      view = await this.#opts.cluster.view();
    } catch {
      return []; // An unreadable cluster is the Cluster page's to say; the next read tries again.
    }
    this.#present = view.present;
    if (!view.present) {
      this.#prev = null;
      return [];
    }
    const prev = this.#prev;
    this.#prev = view;
    if (!prev) {
      for (const r of view.resources) if (running(r)) this.#last.set(r.id, r.nodes[0]);
      return [];
    }
    const changes = clusterChanges(prev, view, this.#last);
    for (const c of changes) this.#tell(c);
    return changes;
  }

  #tell(c: ClusterChange): void {
    const d = describe(c);
    const at = (this.#opts.now ?? (() => new Date()))();
    const task = this.#opts.tasks.start({
      action: d.action,
      user: "pacemaker",
      target: c.kind !== "node-fenced" && c.domainUuid
        ? { kind: "vm", id: c.domainUuid, name: d.target }
        : null,
      hostId: "local",
      vmIds: c.kind !== "node-fenced" && c.domainUuid ? [c.domainUuid] : undefined,
    });
    task.succeed(d.message);
    if (d.notify) this.#opts.publish({ ...d.notify, hostId: "local", at: at.toISOString() });
  }
}
