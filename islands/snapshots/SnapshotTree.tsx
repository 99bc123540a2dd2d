// The snapshot tree as a table: each snapshot under its parent, indented by depth, the current
// one marked; revert and delete per row. The indent is one span per level, not a style=""
// attribute, which the Content-Security-Policy (style-src 'self') refuses in server HTML.

import type { SnapshotInfo } from "../../shared/snapshots.ts";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { actionList } from "../../components/kit/action_list.tsx";
import { formatTaken, snapshotStateBadge } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  snapshots: SnapshotInfo[] | null;
  /** Buttons are off until hydrated and while an action runs. */
  busy: boolean;
  onRevert: (s: SnapshotInfo) => void;
  onDelete: (s: SnapshotInfo) => void;
}

export function SnapshotTree({ snapshots, busy, onRevert, onDelete }: Props) {
  if (snapshots === null) return <p class="muted">{t("Loading snapshots…")}</p>;
  if (snapshots.length === 0) return <p class="muted">{t("No snapshots yet.")}</p>;
  const columns: Column<SnapshotInfo>[] = [
    { id: "name", header: t("Name"), cell: (s) => <Name s={s} /> },
    {
      id: "state",
      header: t("VM state"),
      cell: (s) => {
        const { badge, label } = snapshotStateBadge(s.state);
        return <span class={`badge badge-${badge}`}>{label}</span>;
      },
    },
    {
      id: "taken",
      header: t("Taken"),
      cell: (s) => <time dateTime={s.createdAt}>{formatTaken(s.createdAt)}</time>,
    },
    { id: "memory", header: t("Memory"), cell: (s) => s.memory ? t("Yes") : t("No") },
    {
      id: "description",
      header: t("Description"),
      class: "pre-line",
      cell: (s) => s.description || <span class="muted">—</span>,
    },
    // Revert and delete are admins' (routes/api/snapshots.ts): not offered to anyone else.
    actionList({ name: (s) => s.name, busy, class: "needs-admin" }, [
      {
        action: t("Revert"),
        label: (s) => t("Revert to {{name}}", { name: s.name }),
        run: onRevert,
      },
      { action: t("Delete"), kind: "danger", run: onDelete },
    ]),
  ];
  return (
    <DataTable
      label={t("Snapshots")}
      rows={snapshots}
      rowKey={(s) => s.name}
      rowAttrs={(s) => ({ "data-snapshot": s.name, "data-depth": String(s.depth) })}
      columns={columns}
    />
  );
}

/** The name under its parent: one indent span per level, and the current one marked. */
function Name({ s }: { s: SnapshotInfo }) {
  return (
    <>
      {Array.from(
        { length: s.depth },
        (_, i) => <span key={i} class="snapshot-indent" aria-hidden="true" />,
      )}
      {s.depth > 0 && <span aria-hidden="true" class="muted">└</span>}
      <strong>{s.name}</strong>
      {s.current && (
        <>
          {" "}
          <span
            class="badge badge-info"
            title={t("The VM was last created from or reverted to this snapshot")}
          >
            {t("current")}
          </span>
        </>
      )}
    </>
  );
}
