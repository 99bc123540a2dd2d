// /alerts: the alert rules (create, edit, delete), the alerts firing now and the recent history,
// kept current by the "alert-fired" and "alert-resolved" events.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { AlertEvent, AlertRule } from "../shared/metrics.ts";
import type { AppEvent } from "../shared/events.ts";
import { t } from "../shared/i18n/t.ts";
import { Card } from "../components/kit/Card.tsx";
import { AskDialog } from "../components/kit/Dialog.tsx";
import { NewButton } from "../components/kit/ListToolbar.tsx";
import { Trans } from "../components/kit/Trans.tsx";
import { ErrorNotice } from "../components/kit/Notice.tsx";
import { useConfirm } from "../components/kit/use_confirm.ts";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { useReload, useVmNames } from "../components/kit/use_reload.ts";
import { AlertTable } from "./alerts/AlertTable.tsx";
import { splitAlerts, upsertAlert } from "./alerts/list.ts";
import { RuleForm } from "./alerts/RuleForm.tsx";
import { RulesTable } from "./alerts/RulesTable.tsx";
import { errorMessage } from "../components/client/api.ts";
import { subscribeEvents } from "../components/client/events.ts";
import { showError } from "../components/client/toasts.tsx";
import { deleteRule, listAlerts, listRules } from "./monitoring/api.ts";

type Mode = { kind: "none" } | { kind: "new" } | { kind: "edit"; id: string };

export default function AlertsView(_props: Record<string, unknown>) {
  const rules = useSignal<AlertRule[] | null>(null);
  const alerts = useSignal<AlertEvent[] | null>(null);
  const { vms, readVms } = useVmNames();
  const mode = useSignal<Mode>({ kind: "none" });
  const hydrated = useHydrated();
  const doomed = useConfirm<AlertRule>();
  const { reload, loadError } = useReload(async () => {
    [rules.value, alerts.value] = await Promise.all([listRules(), listAlerts(), readVms()]);
  });

  useEffect(() => {
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
    await deleteRule(rule.id).catch((err) => showError(errorMessage(err)));
    reload();
  };

  const m = mode.value;
  const editing = m.kind === "edit" ? rules.value?.find((r) => r.id === m.id) : undefined;
  const cancel = () => mode.value = { kind: "none" };
  const { active, history } = splitAlerts(alerts.value);
  const newRule = () => mode.value = { kind: "new" };
  return (
    <div>
      <ErrorNotice message={loadError.value} />
      <Card
        id="active"
        title={active
          ? t("Active alerts ({{number}})", { number: active.length })
          : t("Active alerts")}
      >
        <AlertTable alerts={active} resolved={false} empty={t("No alert is firing.")} />
      </Card>
      <Card
        id="rules"
        title={t("Rules")}
        actions={<NewButton label={t("New rule")} disabled={!hydrated.value} onClick={newRule} />}
      >
        {(m.kind === "new" || editing) && (
          <RuleForm
            key={editing?.id ?? "new"}
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
          onDelete={doomed.ask}
        />
      </Card>
      <Card id="history" title={t("Recent history")}>
        <AlertTable alerts={history} resolved empty={t("No resolved alerts yet.")} />
      </Card>
      <AskDialog
        confirm={doomed}
        title={t("Delete alert rule")}
        confirmLabel={t("Delete")}
        onConfirm={remove}
      >
        <p>
          <Trans
            text={t("Delete the rule {{name}}? Its firing alerts are resolved.", {
              name: "{{name}}",
            })}
            parts={{ name: <strong>{doomed.subject.value?.name}</strong> }}
          />
        </p>
      </AskDialog>
    </div>
  );
}
