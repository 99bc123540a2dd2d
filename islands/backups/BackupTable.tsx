// One table of backups: when, kind, size, status with a live progress bar, what it builds on,
// and restore / delete / cancel buttons.

import type { Backup } from "../../shared/backups.ts";
import { formatBytes } from "../../shared/format.ts";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { formatTime, kindLabel, percent, STATUS_BADGES, STATUS_LABELS } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";
import { formatNumber } from "../../shared/i18n/format.ts";

interface Props {
  /** Null while loading. */
  backups: Backup[] | null;
  /** Every backup known, to name an incremental's parent. */
  all: Backup[];
  busy: boolean;
  empty: string;
  onRestore: (b: Backup) => void;
  onDelete: (b: Backup) => void;
  onCancel: (b: Backup) => void;
}

function Status({ b }: { b: Backup }) {
  const pct = percent(b);
  return (
    <>
      <span class={STATUS_BADGES[b.status]}>{t(STATUS_LABELS[b.status])}</span>
      {b.status === "running" && (
        <div class="clone-progress">
          <progress
            value={pct ?? undefined}
            max={100}
            aria-label={t("Progress of the backup started {{time}}", {
              time: formatTime(b.startedAt),
            })}
          />
          <span>
            {pct === null ? t("Starting…") : formatNumber(pct / 100, { style: "percent" })}
          </span>
        </div>
      )}
      {b.error && <p class="form-error">{b.error}</p>}
      {b.note && <p class="form-hint">{b.note}</p>}
    </>
  );
}

export function BackupTable({ backups, all, busy, empty, onRestore, onDelete, onCancel }: Props) {
  const parentOf = (b: Backup) => {
    if (!b.parentId) return "—";
    const p = all.find((x) => x.id === b.parentId);
    return p ? formatTime(p.startedAt) : b.parentId;
  };
  const running = (b: Backup) => b.status === "running";
  const columns: Column<Backup>[] = [
    { id: "started", header: t("Started"), cell: (b) => formatTime(b.startedAt) },
    { id: "kind", header: t("Kind"), cell: kindLabel },
    { id: "size", header: t("Size"), numeric: true, cell: (b) => formatBytes(b.sizeBytes) },
    { id: "status", header: t("Status"), cell: (b) => <Status b={b} /> },
    { id: "parent", header: t("Builds on"), cell: parentOf },
    actionList({ name: () => "", busy, class: "needs-admin" }, [
      {
        action: t("Cancel"),
        label: (b) => t("Cancel the backup started {{time}}", { time: formatTime(b.startedAt) }),
        when: running,
        run: onCancel,
      },
      {
        action: t("Restore"),
        label: (b) => t("Restore the backup started {{time}}", { time: formatTime(b.startedAt) }),
        when: (b) => b.status === "succeeded",
        run: onRestore,
      },
      {
        action: t("Delete"),
        label: (b) => t("Delete the backup started {{time}}", { time: formatTime(b.startedAt) }),
        kind: "danger",
        when: (b) => !running(b),
        run: onDelete,
      },
    ]),
  ];
  return (
    <DataTable
      label={t("Backups")}
      class="backups-table"
      {...loadedRows(backups, t("Loading backups…"), empty)}
      rowKey={(b) => b.id}
      rowAttrs={(b) => ({ "data-backup": b.id, "data-status": b.status })}
      columns={columns}
    />
  );
}
