// A row of toggle buttons choosing a time range (graphs: live … 30d; insights: 24h … 30d).

import { t } from "../../shared/i18n/t.ts";

interface Props<R extends string> {
  ranges: readonly R[];
  value: R;
  disabled?: boolean;
  onChange: (range: R) => void;
}

/** "Live" in words; the others ("1h", "7d") are units and stay as written. */
const label = (range: string) => range === "live" ? t("Live") : range;

export function RangeSelector<R extends string>({ ranges, value, disabled, onChange }: Props<R>) {
  return (
    <div class="range-selector" role="group" aria-label={t("Range")}>
      {ranges.map((r) => (
        <button
          key={r}
          type="button"
          class="button button-small"
          aria-pressed={r === value}
          disabled={disabled}
          onClick={() => r !== value && onChange(r)}
        >
          {label(r)}
        </button>
      ))}
    </div>
  );
}
