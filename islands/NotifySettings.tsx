// /settings: notifications. Targets (e-mail, ntfy, Gotify, webhook) with a Test button and their
// last delivery, and the rules that send events to them.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { NotifyRule, NotifyTarget } from "../shared/notify.ts";
import { t } from "../shared/i18n/t.ts";
import { Card } from "../components/kit/Card.tsx";
import { AskDialog } from "../components/kit/Dialog.tsx";
import { NewButton } from "../components/kit/ListToolbar.tsx";
import { Notice } from "../components/kit/Notice.tsx";
import { Trans } from "../components/kit/Trans.tsx";
import { useConfirm } from "../components/kit/use_confirm.ts";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { useReload } from "../components/kit/use_reload.ts";
import { errorMessage } from "../components/client/api.ts";
import { showError } from "../components/client/toasts.tsx";
import { listHosts } from "./hosts/api.ts";
import { deleteRule, deleteTarget, listRules, listTargets, testTarget } from "./notify/api.ts";
import { RulesTable, TargetsTable } from "./notify/NotifyTables.tsx";
import { RuleForm } from "./notify/RuleForm.tsx";
import { TargetForm } from "./notify/TargetForm.tsx";

type Mode = { kind: "none" } | { kind: "new" } | { kind: "edit"; id: string };

interface Tested {
  tone: "success" | "error";
  text: string;
  /** Refused by the address rules: the page links the setting that allows it. */
  allowance?: boolean;
}

export default function NotifySettings(_props: Record<string, unknown>) {
  const targets = useSignal<NotifyTarget[] | null>(null);
  const rules = useSignal<NotifyRule[] | null>(null);
  const hosts = useSignal<{ id: string; name: string }[]>([]);
  const targetMode = useSignal<Mode>({ kind: "none" });
  const ruleMode = useSignal<Mode>({ kind: "none" });
  const tested = useSignal<Tested | null>(null);
  const testing = useSignal(false);
  const hydrated = useHydrated();
  const doomedTarget = useConfirm<NotifyTarget>();
  const doomedRule = useConfirm<NotifyRule>();
  const { reload, loadError } = useReload(async () => {
    [targets.value, rules.value] = await Promise.all([listTargets(), listRules()]);
    hosts.value = await listHosts().catch(() => []);
  });

  useEffect(() => {
    reload();
  }, []);

  const test = async (target: NotifyTarget) => {
    testing.value = true;
    tested.value = null;
    try {
      const result = await testTarget(target.id);
      tested.value = result.ok
        ? { tone: "success", text: t("Test message sent to {{name}}.", { name: target.name }) }
        : {
          tone: "error",
          text: t("Test message to {{name}} failed: {{error}}", {
            name: target.name,
            error: result.error ?? "",
          }),
          allowance: result.code === "URL_REFUSED",
        };
    } catch (err) {
      tested.value = { tone: "error", text: errorMessage(err) };
    } finally {
      testing.value = false;
    }
    reload();
  };
  const removeTarget = async (target: NotifyTarget) => {
    await deleteTarget(target.id).catch((err) => showError(errorMessage(err)));
    reload();
  };
  const removeRule = async (rule: NotifyRule) => {
    await deleteRule(rule.id).catch((err) => showError(errorMessage(err)));
    reload();
  };

  const tm = targetMode.value;
  const editingTarget = tm.kind === "edit" ? targets.value?.find((x) => x.id === tm.id) : undefined;
  const rm = ruleMode.value;
  const editingRule = rm.kind === "edit" ? rules.value?.find((r) => r.id === rm.id) : undefined;
  const busy = !hydrated.value || testing.value;
  return (
    // Admins only: the API refuses the rest (targets name where mail goes; URLs carry tokens).
    <div class="notify-settings needs-admin">
      <Notice tone="error">{loadError.value}</Notice>
      <Card
        id="notify-targets"
        title={t("Notification targets")}
        actions={
          <NewButton
            label={t("New target")}
            disabled={!hydrated.value}
            onClick={() => targetMode.value = { kind: "new" }}
          />
        }
      >
        {(tm.kind === "new" || editingTarget) && (
          <TargetForm
            key={editingTarget?.id ?? "new"}
            target={editingTarget}
            onSaved={() => {
              targetMode.value = { kind: "none" };
              reload();
            }}
            onCancel={() => targetMode.value = { kind: "none" }}
          />
        )}
        {tested.value && (
          <Notice tone={tested.value.tone}>
            {tested.value.text}
            {tested.value.allowance && (
              <>
                {" "}
                <a href="/images#image-settings-title">
                  {t("Allow its network under Images › Outbound connections")}
                </a>
              </>
            )}
          </Notice>
        )}
        <TargetsTable
          targets={targets.value}
          busy={busy}
          onTest={test}
          onEdit={(x) => targetMode.value = { kind: "edit", id: x.id }}
          onDelete={doomedTarget.ask}
        />
      </Card>
      <Card
        id="notify-rules"
        title={t("Notification rules")}
        actions={
          <NewButton
            label={t("New rule")}
            disabled={!hydrated.value}
            onClick={() => ruleMode.value = { kind: "new" }}
          />
        }
      >
        {(rm.kind === "new" || editingRule) && (
          <RuleForm
            key={editingRule?.id ?? "new"}
            rule={editingRule}
            targets={targets.value ?? []}
            hosts={hosts.value}
            onSaved={() => {
              ruleMode.value = { kind: "none" };
              reload();
            }}
            onCancel={() => ruleMode.value = { kind: "none" }}
          />
        )}
        <RulesTable
          rules={rules.value}
          targets={targets.value ?? []}
          busy={busy}
          onEdit={(r) => ruleMode.value = { kind: "edit", id: r.id }}
          onDelete={doomedRule.ask}
        />
      </Card>
      <AskDialog
        confirm={doomedTarget}
        title={t("Delete notification target")}
        confirmLabel={t("Delete")}
        onConfirm={removeTarget}
      >
        <p>
          <Trans
            text={t("Delete the target {{name}}? Messages waiting for it are dropped.", {
              name: "{{name}}",
            })}
            parts={{ name: <strong>{doomedTarget.subject.value?.name}</strong> }}
          />
        </p>
      </AskDialog>
      <AskDialog
        confirm={doomedRule}
        title={t("Delete notification rule")}
        confirmLabel={t("Delete")}
        onConfirm={removeRule}
      >
        <p>
          <Trans
            text={t("Delete the rule {{name}}?", { name: "{{name}}" })}
            parts={{ name: <strong>{doomedRule.subject.value?.name}</strong> }}
          />
        </p>
      </AskDialog>
    </div>
  );
}
