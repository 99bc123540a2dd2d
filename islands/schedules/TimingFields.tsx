// The fields of the chosen timing kind: a date and time, a time of day, weekdays, a day of the
// month, or a cron expression.

import type { ScheduleDraft } from "./draft.ts";
import { WEEKDAY_NAMES } from "./format.ts";
import { Checkbox, TextField } from "../../components/kit/controls.tsx";
import { heldDraft } from "../../components/kit/use_form.ts";

interface Props {
  prefix: string;
  draft: ScheduleDraft;
  set: (change: Partial<ScheduleDraft>) => void;
}

export function TimingFields({ prefix, draft: d, set }: Props) {
  const f = heldDraft(d, set);
  const time = (
    <TextField id={`${prefix}-time`} label="Time of day" type="time" {...f.text("time")} />
  );
  switch (d.kind) {
    case "once":
      return (
        <div class="form-row">
          <TextField
            id={`${prefix}-at`}
            label="Date and time"
            hint="In the job's time zone"
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
          <fieldset class="choice">
            <legend>Days</legend>
            {WEEKDAY_NAMES.map((name, day) => (
              <Checkbox
                key={day}
                label={name}
                checked={d.days.includes(day)}
                onChecked={(on) =>
                  set({ days: on ? [...d.days, day].sort() : d.days.filter((x) => x !== day) })}
              />
            ))}
          </fieldset>
          <div class="form-row">{time}</div>
        </>
      );
    case "monthly":
      return (
        <div class="form-row">
          <TextField
            id={`${prefix}-day`}
            label="Day of the month"
            hint="29–31 run on the last day of shorter months"
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
          label="Cron expression"
          hint="Minute hour day month weekday, with optional seconds first; e.g. 0 3 * * 1-5 or 0 9 L * * (the month's last day)"
          {...f.text("expression")}
        />
      );
  }
}
