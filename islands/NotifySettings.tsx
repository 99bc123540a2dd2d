// /settings: notifications. Targets (e-mail, ntfy, Gotify, webhook) with a Test button and their
// last delivery, and the rules that send events to them.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { NotifyRule, NotifyTarget } from "../shared/notify.ts";
import { t } from "../shared/i18n/t.ts";
import { AskNamedDialog } from "../components/kit/Dialog.tsx";
import { EditorCard } from "../components/kit/EditorCard.tsx";
import { Notice } from "../components/kit/Notice.tsx";
import { useConfirm } from "../components/kit/use_confirm.ts";
import { changeThenReload, useItemEditor } from "../components/kit/use_item_editor.ts";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { useReload } from "../components/kit/use_reload.ts";
import { errorMessage } from "../components/client/api.ts";
import { listHosts } from "./hosts/api.ts";
import { ruleCalls, targetCalls, testTarget } from "./notify/api.ts";
import { RulesTable, TargetsTable } from "./notify/NotifyTables.tsx";
import { RuleForm } from "./notify/RuleForm.tsx";
import { TargetForm } from "./notify/TargetForm.tsx";

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
  const tested = useSignal<Tested | null>(null);
  const testing = useSignal(false);
  const hydrated = useHydrated();
  const doomedTarget = useConfirm<NotifyTarget>();
  const doomedRule = useConfirm<NotifyRule>();
  const { reload, loadError } = useReload(async () => {
    [targets.value, rules.value] = await Promise.all([targetCalls.list(), ruleCalls.list()]);
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
  const change = changeThenReload(reload);
  const targetEditor = useItemEditor(targets.value, reload);
  const ruleEditor = useItemEditor(rules.value, reload);
  const busy = !hydrated.value || testing.value;
  return (
    // Admins only: the API refuses the rest (targets name where mail goes; URLs carry tokens).
    <div class="notify-settings needs-admin">
      <Notice tone="error">{loadError.value}</Notice>
      <EditorCard
        id="notify-targets"
        title={t("Notification targets")}
        newLabel={t("New target")}
        disabled={!hydrated.value}
        editor={targetEditor}
        form={(target, done) => <TargetForm target={target} {...done} />}
      >
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
          onEdit={targetEditor.edit}
          onDelete={doomedTarget.ask}
        />
      </EditorCard>
      <EditorCard
        id="notify-rules"
        title={t("Notification rules")}
        newLabel={t("New rule")}
        disabled={!hydrated.value}
        editor={ruleEditor}
        form={(rule, done) => (
          <RuleForm rule={rule} targets={targets.value ?? []} hosts={hosts.value} {...done} />
        )}
      >
        <RulesTable
          rules={rules.value}
          targets={targets.value ?? []}
          busy={busy}
          onEdit={ruleEditor.edit}
          onDelete={doomedRule.ask}
        />
      </EditorCard>
      <AskNamedDialog
        confirm={doomedTarget}
        title={t("Delete notification target")}
        question={t("Delete the target {{name}}? Messages waiting for it are dropped.", {
          name: "{{name}}",
        })}
        onConfirm={(target) => change(() => targetCalls.remove(target.id))}
      />
      <AskNamedDialog
        confirm={doomedRule}
        title={t("Delete notification rule")}
        question={t("Delete the rule {{name}}?", { name: "{{name}}" })}
        onConfirm={(rule) => change(() => ruleCalls.remove(rule.id))}
      />
    </div>
  );
}
