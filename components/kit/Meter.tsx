// Usage meters. A <meter> colours itself by its thresholds: green below `low`, yellow up to
// `high`, red above (optimum 0 says lower is better), so a full host is never drawn green. A
// neutral meter has no thresholds and is drawn grey (kit.css): a figure that is no alarm however
// high, such as the memory assigned to a guest that sends no statistics.

/** Warns from 80 %, alarms from 90 % of the maximum. */
export const WARN_AT = 0.8;
export const ALARM_AT = 0.9;

interface MeterProps {
  value: number;
  max?: number;
  label: string;
  class?: string;
  /** Grey at any value: no warning or alarm colour. */
  neutral?: boolean;
}

export function Meter(
  { value, max = 100, label, class: cls = "meter", neutral = false }: MeterProps,
) {
  const levels = neutral ? {} : { low: max * WARN_AT, high: max * ALARM_AT, optimum: 0 };
  return (
    <meter
      class={neutral ? `${cls} meter-neutral` : cls}
      min={0}
      max={max}
      {...levels}
      value={value}
      aria-label={label}
    >
      {Math.round((value / max) * 100)}%
    </meter>
  );
}

/**
 * A percentage as a short meter and its figure: pools, guest filesystems. `note` follows the
 * figure in muted words (why a neutral meter is neutral).
 */
export function PercentMeter(
  { percent, label, neutral = false, note, title }: {
    percent: number;
    label: string;
    neutral?: boolean;
    note?: string;
    title?: string;
  },
) {
  return (
    <span class="usage" title={title}>
      <Meter value={percent} label={label} class="usage-meter" neutral={neutral} />
      <span class="usage-pct">{percent}%</span>
      {note && <span class="usage-note">{note}</span>}
    </span>
  );
}
