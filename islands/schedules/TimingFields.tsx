// The fields of the chosen timing kind: a date and time, a time of day, weekdays, a day of the
// month, or a cron expression.

import type { ScheduleDraft } from "./draft.ts";
import { WEEKDAY_NAMES } from "./format.ts";

interface Props {
  prefix: string;
  draft: ScheduleDraft;
  set: (change: Partial<ScheduleDraft>) => void;
}

export function TimingFields({ prefix, draft: d, set }: Props) {
  const time = (
    <div class="form-field">
      <label for={`${prefix}-time`}>Time of day</label>
      <input
        id={`${prefix}-time`}
        type="time"
        value={d.time}
        onInput={(e) => set({ time: e.currentTarget.value })}
      />
    </div>
  );
  switch (d.kind) {
    case "once":
      return (
        <div class="form-row">
          <div class="form-field">
            <label for={`${prefix}-at`}>Date and time</label>
            <input
              id={`${prefix}-at`}
              type="datetime-local"
              value={d.at}
              onInput={(e) => set({ at: e.currentTarget.value })}
            />
            <p class="form-hint">In the job's time zone</p>
          </div>
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
              <label key={day} class="checkbox">
                <input
                  type="checkbox"
                  checked={d.days.includes(day)}
                  onChange={(e) =>
                    set({
                      days: e.currentTarget.checked
                        ? [...d.days, day].sort()
                        : d.days.filter((x) => x !== day),
                    })}
                />
                {name}
              </label>
            ))}
          </fieldset>
          <div class="form-row">{time}</div>
        </>
      );
    case "monthly":
      return (
        <div class="form-row">
          <div class="form-field">
            <label for={`${prefix}-day`}>Day of the month</label>
            <input
              id={`${prefix}-day`}
              type="number"
              min={1}
              max={31}
              value={d.day}
              onInput={(e) => set({ day: e.currentTarget.value })}
            />
            <p class="form-hint">29–31 run on the last day of shorter months</p>
          </div>
          {time}
        </div>
      );
    case "cron":
      return (
        <div class="form-field">
          <label for={`${prefix}-cron`}>Cron expression</label>
          <input
            id={`${prefix}-cron`}
            type="text"
            value={d.expression}
            onInput={(e) => set({ expression: e.currentTarget.value })}
          />
          <p class="form-hint">
            Minute hour day month weekday, with optional seconds first; e.g. 0 3 * * 1-5 or 0 9 L *
            * (the month's last day)
          </p>
        </div>
      );
  }
}
