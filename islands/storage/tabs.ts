// The tabs of a pool's pages: Volumes at /storage/:pool, Details at /storage/:pool/details.

import type { Tab } from "../../components/kit/Tabs.tsx";
import { t } from "../../shared/i18n/t.ts";

export type PoolTab = "volumes" | "details";

export function poolTabHref(pool: string, tab: PoolTab): string {
  const base = `/storage/${encodeURIComponent(pool)}`;
  return tab === "volumes" ? base : `${base}/details`;
}

export function poolTabs(pool: string): Tab[] {
  return [
    { href: poolTabHref(pool, "volumes"), label: t("Volumes") },
    { href: poolTabHref(pool, "details"), label: t("Details") },
  ];
}
