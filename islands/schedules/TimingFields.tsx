// The fields of the chosen timing kind: a date and time, a time of day, weekdays, a day of the
// month, or a cron expression.

import type { ScheduleDraft } from "./draft.ts";
import { WEEKDAY_NAMES } from "./format.ts";
import { CheckboxChoices } from "../../components/kit/CheckboxChoices.tsx";
import { draftFields } from "../../components/kit/FormFieldsDraft.tsx";
import { heldDraft } from "../../components/kit/use_form.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  prefix: string;
  draft: ScheduleDraft;
  set: (change: Partial<ScheduleDraft>) => void;
}

export function TimingFields({ prefix, draft: d, set }: Props) {
  const field = draftFields(heldDraft(d, set), prefix);
  const time = field.text("time", { label: t("Time of day"), type: "time" });
  switch (d.kind) {
    case "once": {
      const hint = t("In the job's time zone");
      const at = field.text("at", { label: t("Date and time"), hint, type: "datetime-local" });
      return <div class="form-row">{at}</div>;
    }
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
          {field.text("day", {
            label: t("Day of the month"),
            hint: t("29–31 run on the last day of shorter months"),
            type: "number",
            min: 1,
            max: 31,
          })}
          {time}
        </div>
      );
    case "cron":
      return field.text("expression", {
        id: "cron",
        label: t("Cron expression"),
        hint: t(
          "Minute hour day month weekday, with optional seconds first; e.g. {{weekdays}} or {{last}} (the month's last day)",
          { weekdays: "0 3 * * 1-5", last: "0 9 L * *" },
        ),
      });
  }
}
