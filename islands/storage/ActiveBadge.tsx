// The state label of a pool or network: libvirt calls both "active" or "inactive".

import { t } from "../../shared/i18n/t.ts";

export function ActiveBadge({ active }: { active: boolean }) {
  return (
    <span class={`badge badge-${active ? "running" : "stopped"}`}>
      {active ? t("Active") : t("Inactive")}
    </span>
  );
}
