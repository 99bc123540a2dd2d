// The creation's progress from the server's vm-create-progress events, then its outcome.

import { type CreateState, vmUrl } from "./use_create.ts";
import { NamedSentence } from "../../components/kit/NamedSentence.tsx";
import { t } from "../../shared/i18n/t.ts";

export function CreateProgress({ state }: { state: CreateState }) {
  if (state.phase === "idle") return null;
  const total = state.progress.at(-1)?.total ?? 0;
  const reached = state.progress.at(-1)?.index ?? 0;
  const finished = state.phase === "done";
  return (
    <section class="create-progress" aria-live="polite" aria-label={t("Creation progress")}>
      {state.templateSaved && (
        <p class="verdict-ok">
          {t("Template “{{name}}” saved.", { name: state.templateSaved.name })}
        </p>
      )}
      {total > 0 && (
        <progress max={total} value={finished ? total : Math.max(0, reached - 1)}>
          {t("{{reached}} of {{total}}", { reached, total })}
        </progress>
      )}
      <ol>
        {state.progress.map((p) => {
          const done = finished || p.index < reached;
          const failed = state.phase === "failed" && p.index === reached;
          return (
            <li
              key={p.index}
              class={failed ? "step-failed" : done ? "step-done" : "step-current"}
              data-step={p.index}
            >
              {p.step}
              <span class="sr-only">
                {" "}
                {failed ? t("(failed)") : done ? t("(done)") : t("(running)")}
              </span>
            </li>
          );
        })}
        {state.phase === "working" && state.progress.length === 0 && (
          <li class="step-current">{t("Sending the request…")}</li>
        )}
      </ol>
      {state.phase === "failed" && <p class="notice notice-error" role="alert">{state.message}</p>}
      {finished && state.created && (
        <div class="created">
          <NamedSentence
            text={state.warnings.length
              ? t("Created {{name}}, with warnings:", { name: "{{name}}" })
              : t("Created {{name}}; opening it…", { name: "{{name}}" })}
            names={{ name: state.created.name }}
          />
          {state.warnings.length > 0 && (
            <>
              <ul class="issue-list">
                {state.warnings.map((w) => (
                  <li key={w.message} class="field-warning">{w.message}</li>
                ))}
              </ul>
              <a class="button button-primary" href={vmUrl(state.created.id)}>
                {t("Open {{name}}", { name: state.created.name })}
              </a>
            </>
          )}
        </div>
      )}
    </section>
  );
}
