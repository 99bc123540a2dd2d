// Usage meters. A <meter> colours itself by its thresholds: green below `low`, yellow up to
// `high`, red above (optimum 0 says lower is better), so a full host is never drawn green.

/** Warns from 80 %, alarms from 90 % of the maximum. */
export const WARN_AT = 0.8;
export const ALARM_AT = 0.9;

interface MeterProps {
  value: number;
  max?: number;
  label: string;
  class?: string;
}

export function Meter({ value, max = 100, label, class: cls = "meter" }: MeterProps) {
  return (
    <meter
      class={cls}
      min={0}
      max={max}
      low={max * WARN_AT}
      high={max * ALARM_AT}
      optimum={0}
      value={value}
      aria-label={label}
    >
      {Math.round((value / max) * 100)}%
    </meter>
  );
}

/** A percentage as a short meter and its figure: pools, guest filesystems. */
export function PercentMeter({ percent, label }: { percent: number; label: string }) {
  return (
    <span class="usage">
      <Meter value={percent} label={label} class="usage-meter" />
      <span class="usage-pct">{percent}%</span>
    </span>
  );
}
