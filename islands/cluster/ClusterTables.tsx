// The Cluster page's cards (islands/ClusterView.tsx): nodes, HA resources, fencing devices with
// the safety verdict, recent fencing and failed actions. Dense sortable grids, as Proxmox VE's.

import type { ComponentChildren } from "preact";
import type {
  ClusterFailure,
  ClusterNode,
  ClusterResource,
  ClusterStatus,
  FenceEvent,
} from "../../shared/cluster.ts";
import { Badge } from "../../components/kit/Badge.tsx";
import { Card } from "../../components/kit/Card.tsx";
import { Notice } from "../../components/kit/Notice.tsx";
import { type Column, DataTable, rowsById } from "../../components/kit/table/mod.ts";
import { formatDateTime } from "../../shared/i18n/format.ts";
import { t } from "../../shared/i18n/t.ts";
import { nodeState, nodeStateHelp, roleTone } from "./labels.ts";
import { HaActions } from "./HaControls.tsx";
import { NodeActions } from "./NodeControls.tsx";
import { AddFencingDevice, FencingDeviceActions, FencingTestResults } from "./FencingControls.tsx";

interface Editable {
  status: ClusterStatus;
  /** Admins get the controls (after hydration); everyone else sees the same card without. */
  admin: boolean;
  reload: () => Promise<void>;
}

const when = (iso: string | null) => iso ? formatDateTime(iso) : "—";

/**
 * An admin's controls for the row (with their dialogs), its header for screen readers only. Not
 * the kit's actionsColumn: its row-actions class would change how these cells are laid out.
 */
const controlsColumn = <T,>(cell: (row: T) => ComponentChildren): Column<T> => ({
  id: "actions",
  header: t("Actions"),
  headerHidden: true,
  cell,
});

export function NodesCard({ status, admin, reload }: Editable) {
  const columns: Column<ClusterNode>[] = [
    {
      id: "name",
      header: t("Node"),
      cell: (n) => (
        <>
          <strong>{n.name}</strong>
          {n.name === status.localNode && <span class="muted">{` ${t("(this host)")}`}</span>}
        </>
      ),
      sortValue: (n) => n.name,
    },
    {
      id: "state",
      header: t("State"),
      cell: (n) => {
        const { label, tone } = nodeState(n.state);
        return <span title={nodeStateHelp(n.state)}>{<Badge tone={tone}>{label}</Badge>}</span>;
      },
      sortValue: (n) => n.state,
    },
    {
      id: "dc",
      header: t("Controller"),
      cell: (n) => n.dc ? t("Yes (DC)") : "—",
      sortValue: (n) => n.dc ? 0 : 1,
      hideOnSmall: true,
    },
    {
      id: "resources",
      header: t("Resources"),
      numeric: true,
      cell: (n) => n.resourcesRunning,
      sortValue: (n) => n.resourcesRunning,
      // On a phone the row's actions matter more than the count.
      hideOnSmall: true,
    },
    {
      id: "fenced",
      header: t("Last fenced"),
      cell: (n) => when(n.lastFenced),
      sortValue: (n) => n.lastFenced,
      hideOnSmall: true,
    },
  ];
  if (admin) columns.push(controlsColumn((n) => <NodeActions node={n} reload={reload} />));
  return (
    <Card id="cluster-nodes" title={t("Nodes")} class="card-full">
      <DataTable
        label={t("Nodes")}
        rows={status.nodes}
        rowKey={(n) => n.name}
        columns={columns}
        rowAttrs={(n) => ({ "data-node": n.name, "data-state": n.state })}
        empty={t("No nodes are configured.")}
      />
    </Card>
  );
}

function resourceColumns(): Column<ClusterResource>[] {
  return [
    {
      id: "id",
      header: t("Resource"),
      cell: (r) => <strong>{r.id}</strong>,
      sortValue: (r) => r.id,
    },
    {
      id: "role",
      header: t("Role"),
      cell: (r) => (
        <>
          <Badge tone={roleTone(r)}>{r.failed ? t("Failed") : r.role}</Badge>
          {r.targetRole && r.targetRole !== r.role && (
            <span class="muted">{` ${t("(asked: {{role}})", { role: r.targetRole })}`}</span>
          )}
          {!r.managed && <span class="muted">{` ${t("(unmanaged)")}`}</span>}
        </>
      ),
      sortValue: (r) => r.role,
    },
    {
      id: "where",
      header: t("Where"),
      cell: (r) => r.nodes.length ? r.nodes.join(" → ") : "—",
      sortValue: (r) => r.nodes[0] ?? null,
    },
    {
      id: "agent",
      header: t("Agent"),
      cell: (r) => <code>{r.agent}</code>,
      sortValue: (r) => r.agent,
      hideOnSmall: true,
    },
    {
      id: "parent",
      header: t("Group"),
      cell: (r) => r.parent ?? "—",
      sortValue: (r) => r.parent,
      hideUpTo: 1024,
    },
  ];
}

/** A fencing device's columns: narrow, for a card beside the summary. */
function deviceColumns(): Column<ClusterResource>[] {
  const [, role, where] = resourceColumns();
  return [
    {
      id: "id",
      header: t("Device"),
      cell: (r) => (
        <>
          <strong>{r.id}</strong>
          <br />
          <code class="muted">{r.agent}</code>
        </>
      ),
      sortValue: (r) => r.id,
    },
    role,
    // Where a device runs matters less than that it is started: left out on phones.
    { ...where, hideOnSmall: true },
  ];
}

export function ResourcesCard({ status, admin, reload }: Editable) {
  const vms = status.resources.filter((r) => r.kind === "vm").length;
  const columns = resourceColumns();
  if (admin && status.resources.some((r) => r.ours)) {
    columns.push(controlsColumn((r) => <HaActions resource={r} reload={reload} />));
  }
  return (
    <Card id="cluster-resources" title={t("Resources")} class="card-full">
      {status.resources.length > 0 && (
        <p class="muted">
          {t("Resources: {{total}}; VMs among them (VirtualDomain): {{vms}}.", {
            total: status.resources.length,
            vms,
          })}
        </p>
      )}
      <DataTable
        label={t("Resources")}
        rows={status.resources}
        {...rowsById("data-resource")}
        columns={columns}
        empty={t("No resources are configured.")}
      />
    </Card>
  );
}

export function FencingCard({ status, admin, reload }: Editable) {
  const { fencing } = status;
  const columns = deviceColumns();
  if (admin) {
    columns.push(controlsColumn((d) => <FencingDeviceActions device={d} reload={reload} />));
  }
  return (
    <Card id="cluster-fencing" title={t("Fencing")}>
      {fencing.unsafe
        ? <Notice tone="warning">{t("Unsafe: {{why}}", { why: fencing.unsafe })}</Notice>
        : (
          <Notice tone="success">
            {t("Fencing is on: a lost node is powered off before its VMs start elsewhere.")}
          </Notice>
        )}
      <DataTable
        label={t("Fencing devices")}
        rows={fencing.devices}
        {...rowsById("data-device")}
        columns={columns}
        empty={t("No fencing devices.")}
      />
      {admin && <FencingTestResults devices={fencing.devices} />}
      {admin && <AddFencingDevice status={status} reload={reload} />}
    </Card>
  );
}

export function FenceHistoryCard({ events }: { events: FenceEvent[] }) {
  const columns: Column<FenceEvent>[] = [
    { id: "target", header: t("Node"), cell: (e) => e.target, sortValue: (e) => e.target },
    { id: "action", header: t("Action"), cell: (e) => e.action, sortValue: (e) => e.action },
    {
      id: "status",
      header: t("Result"),
      cell: (e) => (
        <Badge
          tone={e.status === "success" ? "running" : e.status === "pending" ? "paused" : "critical"}
        >
          {e.status}
        </Badge>
      ),
      sortValue: (e) => e.status,
    },
    {
      id: "by",
      header: t("Carried out by"),
      cell: (e) => e.delegate ?? "—",
      sortValue: (e) => e.delegate,
      hideOnSmall: true,
    },
    { id: "at", header: t("When"), cell: (e) => when(e.completed), sortValue: (e) => e.completed },
  ];
  return (
    <Card id="cluster-fence-history" title={t("Recent fencing")} class="card-full">
      <DataTable
        label={t("Recent fencing")}
        rows={events}
        rowKey={(e) => `${e.target}-${e.action}-${e.completed ?? "pending"}`}
        columns={columns}
        empty={t("No node has been fenced.")}
      />
    </Card>
  );
}

export function FailuresCard({ failures }: { failures: ClusterFailure[] }) {
  if (failures.length === 0) return null;
  const columns: Column<ClusterFailure>[] = [
    {
      id: "resource",
      header: t("Resource"),
      cell: (f) => f.resource,
      sortValue: (f) => f.resource,
    },
    { id: "node", header: t("Node"), cell: (f) => f.node, sortValue: (f) => f.node },
    {
      id: "operation",
      header: t("Operation"),
      cell: (f) => f.operation,
      sortValue: (f) => f.operation,
    },
    { id: "reason", header: t("Reason"), cell: (f) => f.reason },
  ];
  return (
    <Card id="cluster-failures" title={t("Failed actions")} class="card-full">
      <DataTable
        label={t("Failed actions")}
        rows={failures}
        rowKey={(f) => `${f.resource}-${f.node}-${f.operation}`}
        columns={columns}
      />
    </Card>
  );
}
