// The creation's progress from the server's vm-create-progress events, then its outcome.

import { type CreateState, vmUrl } from "./use_create.ts";

export function CreateProgress({ state }: { state: CreateState }) {
  if (state.phase === "idle") return null;
  const total = state.progress.at(-1)?.total ?? 0;
  const reached = state.progress.at(-1)?.index ?? 0;
  const finished = state.phase === "done";
  return (
    <section class="create-progress" aria-live="polite" aria-label="Creation progress">
      {state.templateSaved && <p class="verdict-ok">Template “{state.templateSaved.name}” saved.
      </p>}
      {total > 0 && (
        <progress max={total} value={finished ? total : Math.max(0, reached - 1)}>
          {reached} of {total}
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
              <span class="sr-only">{failed ? " (failed)" : done ? " (done)" : " (running)"}</span>
            </li>
          );
        })}
        {state.phase === "working" && state.progress.length === 0 && (
          <li class="step-current">Sending the request…</li>
        )}
      </ol>
      {state.phase === "failed" && <p class="notice notice-error" role="alert">{state.message}</p>}
      {finished && state.created && (
        <div class="created">
          <p>
            Created <strong>{state.created.name}</strong>
            {state.warnings.length ? ", with warnings:" : "; opening it…"}
          </p>
          {state.warnings.length > 0 && (
            <>
              <ul class="issue-list">
                {state.warnings.map((w) => (
                  <li key={w.message} class="field-warning">{w.message}</li>
                ))}
              </ul>
              <a class="button button-primary" href={vmUrl(state.created.id)}>
                Open {state.created.name}
              </a>
            </>
          )}
        </div>
      )}
    </section>
  );
}
