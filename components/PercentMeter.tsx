// A usage figure as a <meter> and its percentage: pools on the storage page, filesystems on the
// Guest card. Warns from 80 %, alarms from 90 %.

export function PercentMeter({ percent, label }: { percent: number; label: string }) {
  return (
    <span class="usage">
      <meter min={0} max={100} low={80} high={90} optimum={0} value={percent} aria-label={label}>
        {percent}%
      </meter>
      <span class="usage-pct">{percent}%</span>
    </span>
  );
}
