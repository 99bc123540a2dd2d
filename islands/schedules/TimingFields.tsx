// The fields of the chosen timing kind: a date and time, a time of day, weekdays, a day of the
// month, or a cron expression.

import type { ScheduleDraft } from "./draft.ts";
import { WEEKDAY_NAMES } from "./format.ts";
import { CheckboxChoices } from "../../components/kit/CheckboxChoices.tsx";
import { TextField } from "../../components/kit/controls.tsx";
import { heldDraft } from "../../components/kit/use_form.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  prefix: string;
  draft: ScheduleDraft;
  set: (change: Partial<ScheduleDraft>) => void;
}

export function TimingFields({ prefix, draft: d, set }: Props) {
  const f = heldDraft(d, set);
  const time = (
    <TextField id={`${prefix}-time`} label={t("Time of day")} type="time" {...f.text("time")} />
  );
  switch (d.kind) {
    case "once":
      return (
        <div class="form-row">
          <TextField
            id={`${prefix}-at`}
            label={t("Date and time")}
            hint={t("In the job's time zone")}
            type="datetime-local"
            {...f.text("at")}
          />
        </div>
      );
    case "daily":
      return <div class="form-row">{time}</div>;
    case "weekly":
      return (
        <>
          <CheckboxChoices
            legend={t("Days")}
            options={WEEKDAY_NAMES.map((name, day) => [day, t(name)] as const)}
            chosen={d.days}
            onChosen={(days) => set({ days: days.sort() })}
          />
          <div class="form-row">{time}</div>
        </>
      );
    case "monthly":
      return (
        <div class="form-row">
          <TextField
            id={`${prefix}-day`}
            label={t("Day of the month")}
            hint={t("29–31 run on the last day of shorter months")}
            type="number"
            min={1}
            max={31}
            {...f.text("day")}
          />
          {time}
        </div>
      );
    case "cron":
      return (
        <TextField
          id={`${prefix}-cron`}
          label={t("Cron expression")}
          hint={t(
            "Minute hour day month weekday, with optional seconds first; e.g. {{weekdays}} or {{last}} (the month's last day)",
            { weekdays: "0 3 * * 1-5", last: "0 9 L * *" },
          )}
          {...f.text("expression")}
        />
      );
  }
}
