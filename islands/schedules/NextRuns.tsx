// The next five runs of the form's timing, asked of the server as the fields change; or the
// server's words for what is wrong with them.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { errorMessage } from "../../components/client/api.ts";
import { previewTiming } from "./api.ts";
import { type ScheduleDraft, timingOf } from "./draft.ts";
import { formatRunTime } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

const DEBOUNCE_MS = 300;

export function NextRuns({ draft }: { draft: ScheduleDraft }) {
  const next = useSignal<{ runs: string[]; zone: string } | null>(null);
  const problem = useSignal<string | null>(null);
  const timing = timingOf(draft);
  const zone = draft.timezone.trim();
  const key = JSON.stringify([timing, zone]);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(async () => {
      try {
        const preview = await previewTiming(timing, zone);
        if (!current) return;
        next.value = { runs: preview.next, zone: preview.timezone };
        problem.value = null;
      } catch (err) {
        if (!current) return;
        next.value = null;
        problem.value = errorMessage(err);
      }
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  return (
    <div class="form-field next-runs" aria-live="polite">
      <span class="form-hint">{t("Next runs")}</span>
      {problem.value && <p class="form-error">{problem.value}</p>}
      {next.value && next.value.runs.length === 0 && (
        <p class="form-hint">{t("None: the time has passed")}</p>
      )}
      {next.value && next.value.runs.length > 0 && (
        <ol class="next-runs-list" aria-label={t("Next runs")}>
          {next.value.runs.map((iso) => (
            <li key={iso}>
              <time dateTime={iso}>{formatRunTime(Date.parse(iso), next.value!.zone)}</time>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
