// /alerts: the alert rules (create, edit, delete), the alerts firing now and the recent history,
// kept current by the "alert-fired" and "alert-resolved" events.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { AlertEvent, AlertRule } from "../shared/metrics.ts";
import type { AppEvent } from "../shared/events.ts";
import { t } from "../shared/i18n/t.ts";
import { Card } from "../components/kit/Card.tsx";
import { AskNamedDialog } from "../components/kit/Dialog.tsx";
import { EditorCard } from "../components/kit/EditorCard.tsx";
import { ErrorNotice } from "../components/kit/Notice.tsx";
import { useConfirm } from "../components/kit/use_confirm.ts";
import { changeThenReload, useItemEditor } from "../components/kit/use_item_editor.ts";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { useReload, useVmNames } from "../components/kit/use_reload.ts";
import { AlertTable } from "./alerts/AlertTable.tsx";
import { splitAlerts, upsertAlert } from "./alerts/list.ts";
import { RuleForm } from "./alerts/RuleForm.tsx";
import { RulesTable } from "./alerts/RulesTable.tsx";
import { subscribeEvents } from "../components/client/events.ts";
import { deleteRule, listAlerts, listRules } from "./monitoring/api.ts";

export default function AlertsView(_props: Record<string, unknown>) {
  const rules = useSignal<AlertRule[] | null>(null);
  const alerts = useSignal<AlertEvent[] | null>(null);
  const { vms, readVms } = useVmNames();
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

  const editor = useItemEditor(rules.value, reload);
  const change = changeThenReload(reload);

  const { active, history } = splitAlerts(alerts.value);
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
      <EditorCard
        id="rules"
        title={t("Rules")}
        newLabel={t("New rule")}
        disabled={!hydrated.value}
        editor={editor}
        form={(rule, done) => <RuleForm rule={rule} vms={vms.value} {...done} />}
      >
        <RulesTable
          rules={rules.value}
          vms={vms.value}
          busy={!hydrated.value}
          onEdit={editor.edit}
          onDelete={doomed.ask}
        />
      </EditorCard>
      <Card id="history" title={t("Recent history")}>
        <AlertTable alerts={history} resolved empty={t("No resolved alerts yet.")} />
      </Card>
      <AskNamedDialog
        confirm={doomed}
        title={t("Delete alert rule")}
        question={t("Delete the rule {{name}}? Its firing alerts are resolved.", {
          name: "{{name}}",
        })}
        onConfirm={(rule) => change(() => deleteRule(rule.id))}
      />
    </div>
  );
}
