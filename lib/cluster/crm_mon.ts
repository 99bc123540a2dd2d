// Pacemaker's machine-readable status (`crm_mon --output-as=xml --fence-history=2`) read into
// the cluster view of shared/cluster.ts. Pure: the XML in, the view out; never the human text.
// Element and attribute names are Pacemaker 2.1's (its xml/api/crm_mon-2.*.rng schema).

import { XMLParser } from "fast-xml-parser";
import { AppError } from "../errors.ts";
import {
  type ClusterFailure,
  type ClusterNode,
  type ClusterNodeState,
  type ClusterResource,
  type ClusterResourceKind,
  type ClusterStatus,
  FENCE_HISTORY_MAX,
  type FenceEvent,
} from "../../shared/cluster.ts";
import { t } from "../../shared/i18n/t.ts";

/** Elements that repeat: always arrays, however many there are. */
const REPEATED = new Set([
  "node",
  "resource",
  "group",
  "clone",
  "bundle",
  "fence_event",
  "failure",
  "error",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => REPEATED.has(name),
});

// deno-lint-ignore no-explicit-any
type El = Record<string, any>;

/** What crm_mon's `<status code=…>` says when it could not reach the cluster. */
export interface CrmMonFailure {
  code: number;
  message: string;
  errors: string[];
}

/** crm_mon's answer: the cluster, or why it could not be read. */
export type CrmMonResult = { ok: true; status: ClusterStatus } | {
  ok: false;
  failure: CrmMonFailure;
};

const flag = (v: unknown) => v === "true";

/**
 * Reads crm_mon's XML. `localNames`: this server's host names (the node it runs on is the one
 * whose name matches). `readAt`: when it was read. Throws CLUSTER_UNREADABLE on XML that is not
 * crm_mon's.
 */
export function parseCrmMon(xml: string, localNames: string[], readAt: number): CrmMonResult {
  let doc: El;
  try {
    doc = parser.parse(xml, true);
  } catch (cause) {
    throw unreadable(String((cause as Error).message), cause);
  }
  const root: El | undefined = doc["pacemaker-result"];
  if (!root || typeof root !== "object") throw unreadable(t("no <pacemaker-result> element"));
  const status: El = root.status ?? {};
  const code = Number(status["@code"] ?? 0);
  if (code !== 0 || !root.summary) {
    const errors = ((status.errors?.error ?? []) as unknown[]).map((e) => String(e));
    return {
      ok: false,
      failure: { code, message: String(status["@message"] ?? ""), errors },
    };
  }

  const summary: El = root.summary;
  const dc: El = summary.current_dc ?? {};
  const options: El = summary.cluster_options ?? {};
  const fenceHistory = fenceEvents(root.fence_history);
  const lastFenced = new Map<string, string>();
  for (const e of [...fenceHistory].reverse()) {
    if (e.status === "success" && e.completed) lastFenced.set(e.target, e.completed);
  }
  const nodes = ((root.nodes?.node ?? []) as El[]).map((n) => nodeOf(n, lastFenced));
  // By group (or own id), then id: the parser keeps no order between <resource> and <group>.
  const all = resourcesOf(root.resources ?? {}, null).sort((a, b) =>
    (a.parent ?? a.id).localeCompare(b.parent ?? b.id) || a.id.localeCompare(b.id)
  );
  const devices = all.filter((r) => r.kind === "fencing");
  const enabled = options["@stonith-enabled"] !== "false";
  return {
    ok: true,
    status: {
      present: true,
      localNode: localNodeOf(nodes, localNames),
      dc: flag(dc["@present"]) ? String(dc["@name"]) : null,
      quorum: flag(dc["@with_quorum"]),
      version: dc["@version"] ? String(dc["@version"]) : null,
      maintenanceMode: flag(options["@maintenance-mode"]),
      nodes,
      resources: all.filter((r) => r.kind !== "fencing"),
      fencing: { enabled, devices, unsafe: unsafeWhy(enabled, devices) },
      fenceHistory: fenceHistory.slice(0, FENCE_HISTORY_MAX),
      failures: ((root.failures?.failure ?? []) as El[]).map(failureOf),
      readAt,
    },
  };
}

function nodeOf(n: El, lastFenced: Map<string, string>): ClusterNode {
  const name = String(n["@name"]);
  const online = flag(n["@online"]);
  const fenced = lastFenced.get(name) ?? null;
  let state: ClusterNodeState;
  if (flag(n["@unclean"])) state = "unclean";
  else if (!online) state = fenced ? "fenced" : "offline";
  else if (flag(n["@pending"])) state = "pending";
  else if (flag(n["@maintenance"])) state = "maintenance";
  else if (flag(n["@standby"])) state = "standby";
  else state = "online";
  return {
    name,
    id: String(n["@id"] ?? ""),
    state,
    online,
    dc: flag(n["@is_dc"]),
    resourcesRunning: Number(n["@resources_running"] ?? 0),
    lastFenced: fenced,
  };
}

/** Every primitive under `<resources>`, groups, clones and bundles flattened with their parent. */
function resourcesOf(container: El, parent: string | null): ClusterResource[] {
  const out: ClusterResource[] = [];
  for (const r of (container.resource ?? []) as El[]) out.push(resourceOf(r, parent));
  for (const kind of ["group", "clone", "bundle"]) {
    for (const g of (container[kind] ?? []) as El[]) {
      out.push(...resourcesOf(g, String(g["@id"])));
    }
  }
  return out;
}

function resourceOf(r: El, parent: string | null): ClusterResource {
  const agent = String(r["@resource_agent"] ?? "");
  return {
    id: String(r["@id"]),
    agent,
    kind: kindOf(agent),
    role: String(r["@role"] ?? ""),
    targetRole: r["@target_role"] ? String(r["@target_role"]) : null,
    nodes: ((r.node ?? []) as El[]).map((n) => String(n["@name"])),
    managed: r["@managed"] !== "false",
    failed: flag(r["@failed"]),
    parent,
    domain: null,
    domainUuid: null,
    ours: false,
  };
}

function kindOf(agent: string): ClusterResourceKind {
  if (agent.startsWith("stonith:")) return "fencing";
  if (agent === "ocf:heartbeat:VirtualDomain") return "vm";
  return "other";
}

/** Newest first: Pacemaker lists pending actions, then the rest by time. */
function fenceEvents(history: El | undefined): FenceEvent[] {
  const events = ((history?.fence_event ?? []) as El[]).map((e): FenceEvent => ({
    target: String(e["@target"]),
    action: String(e["@action"] ?? ""),
    status: String(e["@status"] ?? ""),
    delegate: e["@delegate"] ? String(e["@delegate"]) : null,
    completed: e["@completed"] ? isoOf(String(e["@completed"])) : null,
  }));
  return events.sort((a, b) => (b.completed ?? "\uffff").localeCompare(a.completed ?? "\uffff"));
}

function failureOf(f: El): ClusterFailure {
  const opKey = String(f["@op_key"] ?? "");
  const task = String(f["@task"] ?? "");
  // op_key is RESOURCE_TASK_INTERVAL; resource ids may hold underscores themselves.
  const suffix = `_${task}_${f["@interval"] ?? "0"}`;
  const resource = opKey.endsWith(suffix) ? opKey.slice(0, -suffix.length) : opKey;
  const words = [f["@exitstatus"], f["@exitreason"]].filter((w) => w).map(String);
  return {
    resource,
    node: String(f["@node"] ?? ""),
    operation: task,
    reason: words.join(": "),
  };
}

/** "2026-11-26 05:42:13Z" (crm_mon's fence times) as ISO 8601. */
function isoOf(time: string): string {
  const ms = Date.parse(time.replace(" ", "T"));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : time;
}

/** The node whose name is one of ours (the full name, or the part before the first dot). */
function localNodeOf(nodes: ClusterNode[], names: string[]): string | null {
  const wanted = new Set(names.flatMap((n) => [n, n.split(".")[0]]).filter((n) => n));
  return nodes.find((n) => wanted.has(n.name) || wanted.has(n.name.split(".")[0]))?.name ?? null;
}

function unsafeWhy(enabled: boolean, devices: ClusterResource[]): string | null {
  if (!enabled) {
    return t(
      "Fencing is off (stonith-enabled=false): a lost node's VMs are not started elsewhere safely — two copies could write one disk.",
    );
  }
  if (devices.length === 0) {
    return t(
      "No fencing device is configured: Pacemaker cannot power off a lost node, so its VMs stay down.",
    );
  }
  if (!devices.some((d) => d.role === "Started")) {
    return t("No fencing device is started: a lost node cannot be powered off.");
  }
  return null;
}

function unreadable(why: string, cause?: unknown): AppError {
  return new AppError(
    "CLUSTER_UNREADABLE",
    t("Pacemaker's status could not be read: {{why}}", { why }),
    undefined,
    { cause },
  );
}
