// The notification targets and rules as tables: where each sends, its last delivery (sent,
// waiting for a retry, or given up, with the error) and its buttons.

import type { DeliveryResult, NotifyRule, NotifyTarget } from "../../shared/notify.ts";
import { t } from "../../shared/i18n/t.ts";
import { formatDateTime } from "../../shared/i18n/format.ts";
import { yesNo } from "../../shared/format.ts";
import { Badge } from "../../components/kit/Badge.tsx";
import { type Column, DataTable, rowsById } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { editDeleteActions } from "../../components/kit/edit_delete_actions.ts";
import { KIND_LABELS, TARGET_LABELS } from "./forms.ts";

/** A last delivery: a badge (sent, retrying, failed), when, and the error if any. */
export function LastResult({ last }: { last: DeliveryResult | null }) {
  if (!last) return <span class="muted">{t("Nothing sent yet")}</span>;
  const badge = last.status === "sent"
    ? <Badge tone="running">{t("Sent")}</Badge>
    : last.status === "pending"
    ? <Badge tone="paused">{t("Retrying")}</Badge>
    : <Badge tone="crashed">{t("Failed")}</Badge>;
  return (
    <span class="last-result">
      {badge} <span class="muted">{formatDateTime(last.at)}</span>
      {last.error && <span class="last-error">{last.error}</span>}
    </span>
  );
}

/** Where a target sends, in one line. */
function whereOf(x: NotifyTarget): string {
  switch (x.kind) {
    case "email":
      return `${x.config.to.join(", ")} (${x.config.host}:${x.config.port})`;
    case "ntfy":
      return `${x.config.url.replace(/\/+$/, "")}/${x.config.topic}`;
    case "gotify":
      return x.config.url;
    case "webhook":
      return `${x.config.method} ${x.config.url}`;
  }
}

interface TargetProps {
  targets: NotifyTarget[] | null;
  busy: boolean;
  onTest: (target: NotifyTarget) => void;
  onEdit: (target: NotifyTarget) => void;
  onDelete: (target: NotifyTarget) => void;
}

export function TargetsTable({ targets, busy, onTest, onEdit, onDelete }: TargetProps) {
  const columns: Column<NotifyTarget>[] = [
    { id: "name", header: t("Name"), cell: (x) => x.name },
    { id: "kind", header: t("Kind"), hideOnSmall: true, cell: (x) => t(TARGET_LABELS[x.kind]) },
    { id: "where", header: t("Sends to"), class: "path", hideOnSmall: true, cell: whereOf },
    { id: "last", header: t("Last delivery"), cell: (x) => <LastResult last={x.last} /> },
    {
      id: "pending",
      header: t("Waiting"),
      numeric: true,
      hideOnSmall: true,
      cell: (x) => x.pending,
    },
    actionList({ name: (x) => x.name, busy }, [
      { action: t("Test"), run: onTest },
      ...editDeleteActions(onEdit, onDelete),
    ]),
  ];
  return (
    <DataTable
      label={t("Notification targets")}
      class="notify-targets"
      {...loadedRows(targets, t("Loading targets…"), t("No targets yet: add one to send to."))}
      {...rowsById("data-target", (x: NotifyTarget) => x.name)}
      columns={columns}
    />
  );
}

interface RuleProps {
  rules: NotifyRule[] | null;
  targets: NotifyTarget[];
  busy: boolean;
  onEdit: (rule: NotifyRule) => void;
  onDelete: (rule: NotifyRule) => void;
}

export function RulesTable({ rules, targets, busy, onEdit, onDelete }: RuleProps) {
  const nameOf = (id: string) => targets.find((x) => x.id === id)?.name ?? id;
  const columns: Column<NotifyRule>[] = [
    { id: "name", header: t("Name"), cell: (r) => r.name },
    {
      id: "events",
      header: t("Events"),
      cell: (r) => r.kinds.map((k) => t(KIND_LABELS[k])).join(", "),
    },
    {
      id: "targets",
      header: t("Send to"),
      hideOnSmall: true,
      cell: (r) => r.targetIds.map(nameOf).join(", "),
    },
    {
      id: "digest",
      header: t("Digest"),
      hideOnSmall: true,
      cell: (r) =>
        r.digestMinutes === 0
          ? t("At once")
          : t("Every {{minutes}} min", { minutes: r.digestMinutes }),
    },
    { id: "enabled", header: t("Enabled"), hideOnSmall: true, cell: (r) => yesNo(r.enabled) },
    { id: "last", header: t("Last delivery"), cell: (r) => <LastResult last={r.last} /> },
    actionList({ name: (r) => r.name, busy }, editDeleteActions(onEdit, onDelete)),
  ];
  return (
    <DataTable
      label={t("Notification rules")}
      class="notify-rules"
      {...loadedRows(rules, t("Loading rules…"), t("No rules yet: nothing is sent."))}
      {...rowsById("data-rule", (r: NotifyRule) => r.name)}
      columns={columns}
    />
  );
}
