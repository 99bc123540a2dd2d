// /settings: how long metric history is kept and when it is cleaned up, the history database's
// size and row counts, and a clean-up on demand.

import { useSignal } from "@preact/signals";
import type { MetricsSettings } from "../shared/metrics.ts";
import { formatBytes } from "../shared/format.ts";
import { cleanUpNow, getMetricsSettings, saveRetention } from "./monitoring/api.ts";
import { formatTime, rowCounts } from "./monitoring/format.ts";
import {
  cleanupSummary,
  type RetentionDraft,
  retentionDraft,
  retentionInput,
} from "./monitoring/forms.ts";
import { OutcomeNote, SaveButtons, useAction } from "../components/kit/use_action.tsx";
import { Field } from "../components/kit/Field.tsx";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { formatNumber } from "../shared/i18n/format.ts";
import { t, tKey } from "../shared/i18n/t.ts";
import { Checkbox } from "../components/kit/controls.tsx";

interface Props {
  settings: MetricsSettings;
  [key: string]: unknown;
}

type NumberField = Exclude<keyof RetentionDraft, "enabled">;

const FIELDS: { field: NumberField; label: string; min: number; max: number }[] = [
  { field: "rawHours", label: tKey("Raw samples (hours)"), min: 1, max: 72 },
  { field: "minuteDays", label: tKey("1-minute rollups (days)"), min: 1, max: 90 },
  { field: "hourDays", label: tKey("1-hour rollups (days)"), min: 1, max: 3650 },
  { field: "cleanupHour", label: tKey("Daily clean-up hour (0–23)"), min: 0, max: 23 },
];

export default function RetentionSettings(props: Props) {
  const settings = useSignal(props.settings);
  const draft = useSignal(retentionDraft(props.settings.policy));
  const hydrated = useHydrated();
  const save = useAction();
  const cleanup = useAction();

  const set = (change: Partial<RetentionDraft>) => draft.value = { ...draft.value, ...change };
  const busy = !hydrated.value || save.busy.value || cleanup.busy.value;
  const s = settings.value;

  const submit = (e: Event) => {
    e.preventDefault();
    save.run(async () => {
      const policy = await saveRetention(retentionInput(draft.value));
      settings.value = { ...settings.value, policy };
      draft.value = retentionDraft(policy);
      return t("Retention policy saved.");
    });
  };
  const cleanNow = () =>
    cleanup.run(async () => {
      const result = await cleanUpNow();
      settings.value = await getMetricsSettings();
      return cleanupSummary(result);
    });

  return (
    <div class="cards">
      {/* The browser's range checks are off: the API's message says what is allowed. */}
      <form class="card" noValidate onSubmit={submit} aria-labelledby="retention-title">
        <h2 id="retention-title">{t("Retention")}</h2>
        <Checkbox
          label={t("Clean up automatically every day")}
          checked={draft.value.enabled}
          onChecked={(enabled) => set({ enabled })}
        />
        <div class="field-row">
          {FIELDS.map(({ field, label, min, max }) => (
            <Field key={field} id={`retention-${field}`} label={t(label)}>
              {(a) => (
                <input
                  {...a}
                  type="number"
                  min={min}
                  max={max}
                  step={1}
                  value={draft.value[field]}
                  onInput={(e) => set({ [field]: e.currentTarget.value })}
                />
              )}
            </Field>
          ))}
        </div>
        <SaveButtons action={save} disabled={busy} adminOnly />
      </form>
      <section class="card" aria-labelledby="history-db-title">
        <h2 id="history-db-title">{t("History database")}</h2>
        <dl class="props">
          <dt>{t("Size")}</dt>
          <dd>{formatBytes(s.dbSizeBytes)}</dd>
          <dt>{t("Rows")}</dt>
          <dd>{rowCounts(s.rows)}</dd>
          <dt>{t("Collector tick")}</dt>
          <dd>{formatNumber(s.tickSeconds)} s</dd>
          <dt>{t("Last clean-up")}</dt>
          <dd>{hydrated.value ? formatTime(s.policy.lastCleanupAt) : "—"}</dd>
        </dl>
        <div class="form-buttons">
          <button
            type="button"
            class="button needs-admin"
            disabled={busy}
            aria-busy={cleanup.busy.value}
            onClick={cleanNow}
          >
            {t("Clean up now")}
          </button>
        </div>
        <OutcomeNote outcome={cleanup.outcome.value} />
      </section>
    </div>
  );
}
