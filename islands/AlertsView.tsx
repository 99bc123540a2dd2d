// /alerts: the alert rules (create, edit, delete), the alerts firing now and the recent history,
// kept current by the "alert-fired" and "alert-resolved" events.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { AlertEvent, AlertRule } from "../shared/metrics.ts";
import type { AppEvent } from "../shared/events.ts";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { AlertTable } from "./alerts/AlertTable.tsx";
import { splitAlerts, upsertAlert } from "./alerts/list.ts";
import { RuleForm } from "./alerts/RuleForm.tsx";
import { RulesTable } from "./alerts/RulesTable.tsx";
import { errorMessage, listVms } from "./client/api.ts";
import { subscribeEvents } from "./client/events.ts";
import { showError, ToastList } from "./client/toasts.tsx";
import { deleteRule, listAlerts, listRules } from "./monitoring/api.ts";
import { coalesce } from "./storage/live.ts";

type Mode = { kind: "none" } | { kind: "new" } | { kind: "edit"; id: string };
type VmName = { id: string; name: string };

export default function AlertsView(_props: Record<string, unknown>) {
  const rules = useSignal<AlertRule[] | null>(null);
  const alerts = useSignal<AlertEvent[] | null>(null);
  const vms = useSignal<VmName[]>([]);
  const loadError = useSignal<string | null>(null);
  const mode = useSignal<Mode>({ kind: "none" });
  const hydrated = useSignal(false);
  const doomed = useSignal<AlertRule | null>(null);
  const deleteDialog = useRef<HTMLDialogElement>(null);

  const readVms = async () => {
    vms.value = (await listVms()).map(({ id, name }) => ({ id, name }));
  };
  const reload = coalesce(async () => {
    try {
      const [r, a] = await Promise.all([listRules(), listAlerts(), readVms()]);
      rules.value = r;
      alerts.value = a;
      loadError.value = null;
    } catch (err) {
      loadError.value = errorMessage(err);
    }
  });

  useEffect(() => {
    hydrated.value = true;
    reload();
    const onEvent = (e: AppEvent) => {
      if (e.type === "alert-fired" || e.type === "alert-resolved") {
        alerts.value = upsertAlert(alerts.value ?? [], e.alert);
      } else if (e.type === "vm-created" || e.type === "vm-deleted") {
        readVms().catch(() => {});
      }
    };
    return subscribeEvents(onEvent, reload);
  }, []);

  const saved = () => {
    mode.value = { kind: "none" };
    reload();
  };
  const remove = async (rule: AlertRule) => {
    try {
      await deleteRule(rule.id);
    } catch (err) {
      showError(errorMessage(err));
    }
    reload();
  };

  const m = mode.value;
  const editing = m.kind === "edit" ? rules.value?.find((r) => r.id === m.id) : undefined;
  const cancel = () => mode.value = { kind: "none" };
  const { active, history } = splitAlerts(alerts.value);
  return (
    <div>
      {loadError.value && <p class="notice notice-error" role="alert">{loadError.value}</p>}
      <section class="card" aria-labelledby="active-title">
        <h2 id="active-title">Active alerts{active ? ` (${active.length})` : ""}</h2>
        <AlertTable alerts={active} resolved={false} empty="No alert is firing." />
      </section>
      <section class="card" aria-labelledby="rules-title">
        <div class="card-head">
          <h2 id="rules-title">Rules</h2>
          <button
            type="button"
            class="button button-primary needs-admin"
            disabled={!hydrated.value}
            onClick={() => mode.value = { kind: "new" }}
          >
            New rule
          </button>
        </div>
        {m.kind === "new" && <RuleForm vms={vms.value} onSaved={saved} onCancel={cancel} />}
        {editing && (
          <RuleForm
            key={editing.id}
            rule={editing}
            vms={vms.value}
            onSaved={saved}
            onCancel={cancel}
          />
        )}
        <RulesTable
          rules={rules.value}
          vms={vms.value}
          busy={!hydrated.value}
          onEdit={(r) => mode.value = { kind: "edit", id: r.id }}
          onDelete={(r) => {
            doomed.value = r;
            deleteDialog.current?.showModal();
          }}
        />
      </section>
      <section class="card" aria-labelledby="history-title">
        <h2 id="history-title">Recent history</h2>
        <AlertTable alerts={history} resolved empty="No resolved alerts yet." />
      </section>
      <ConfirmDialog
        dialogRef={deleteDialog}
        title="Delete alert rule"
        confirmLabel="Delete"
        onConfirm={() => doomed.value && remove(doomed.value)}
      >
        <p>
          Delete the rule <strong>{doomed.value?.name}</strong>? Its firing alerts are resolved.
        </p>
      </ConfirmDialog>
      <ToastList />
    </div>
  );
}
