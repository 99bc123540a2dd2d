// The audit entries, newest first: when, who and how, what on which target, and how it ended
// in the API's words. A user or target is a button that filters on it.

import type { AuditEntry } from "../../shared/audit.ts";
import { type Column, DataTable, rowsById } from "../../components/kit/table/mod.ts";
import { loadedRows } from "../../components/kit/action_list.tsx";
import { RESULT_BADGES, RESULT_LABELS, timeWords, viaWords } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  /** Null while the first page loads. */
  entries: AuditEntry[] | null;
  /** VM names by UUID, so a VM target reads as its name. */
  vmNames: Record<string, string>;
  onFilter: (field: "user" | "target", value: string) => void;
}

/** A user or target that narrows the log to itself when clicked. */
function FilterButton(
  { value, text, onClick }: { value: string; text: string; onClick: () => void },
) {
  return (
    <button
      type="button"
      class="link-button"
      title={t("Only {{value}}", { value })}
      onClick={onClick}
    >
      {text}
    </button>
  );
}

const NONE = <span class="muted">—</span>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A target as one short line: a UUID no VM here has (a deleted VM, a backup, a key) by its first
 * eight characters, as `virsh` and Proxmox VE shorten them; the whole of it is the button's title.
 */
export function shortTarget(target: string): string {
  return UUID.test(target) ? `${target.slice(0, 8)}…` : target;
}

export function AuditTable({ entries, vmNames, onFilter }: Props) {
  const columns: Column<AuditEntry>[] = [
    {
      id: "time",
      header: t("Time"),
      class: "audit-time",
      cell: (e) => <time dateTime={e.at} title={e.at}>{timeWords(e.at)}</time>,
    },
    {
      id: "user",
      header: t("User"),
      cell: (e) => (
        <>
          {e.user === "-" ? NONE : (
            <FilterButton
              value={e.user}
              text={e.user}
              onClick={() => onFilter("user", e.user)}
            />
          )}
          {e.ip && <div class="muted small">{e.ip}</div>}
        </>
      ),
    },
    { id: "via", header: t("Via"), cell: viaWords },
    {
      id: "action",
      header: t("Action"),
      class: "audit-action",
      cell: (e) => <span title={`${e.method} ${e.path}`}>{e.action}</span>,
    },
    {
      id: "target",
      header: t("Target"),
      class: "audit-target",
      cell: (e) =>
        e.target === null ? NONE : (
          <FilterButton
            value={e.target}
            text={vmNames[e.target] ?? shortTarget(e.target)}
            onClick={() => onFilter("target", e.target!)}
          />
        ),
    },
    {
      id: "result",
      header: t("Result"),
      cell: (e) => (
        <span class={RESULT_BADGES[e.result]} title={String(e.status)}>
          {t(RESULT_LABELS[e.result])}
        </span>
      ),
    },
    // At 1024 px the status code is left to the result's title, for the message's room.
    {
      id: "status",
      header: t("Status"),
      numeric: true,
      hideUpTo: 1024,
      cell: (e) => e.status,
    },
    {
      id: "message",
      header: t("Message"),
      class: "audit-message",
      cell: (e) => <span title={e.errorCode ?? undefined}>{e.message ?? e.errorCode ?? ""}</span>,
    },
  ];
  return (
    <DataTable
      label={t("Audit log")}
      class="audit-table"
      {...loadedRows(entries, t("Loading the audit log…"), t("No entries match."))}
      {...rowsById("data-entry")}
      columns={columns}
    />
  );
}
