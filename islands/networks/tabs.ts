// The tabs of a network's pages: Overview at /networks/:net, then DHCP & hosts, Port forwards
// (NAT networks) and Leases as sub-URLs. A tab that cannot apply to this network is left out of
// the bar (its URL still answers, saying why it is empty).

import type { Tab } from "../../components/kit/Tabs.tsx";
import type { NetworkInfo } from "../../shared/networks.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

export const NETWORK_TABS = ["overview", "dhcp", "forwards", "leases"] as const;
export type NetworkTab = typeof NETWORK_TABS[number];

const LABELS: Record<NetworkTab, string> = {
  overview: tKey("Overview"),
  dhcp: tKey("DHCP & hosts"),
  forwards: tKey("Port forwards"),
  leases: tKey("Leases"),
};

export function networkTabHref(net: string, tab: NetworkTab): string {
  const base = `/networks/${encodeURIComponent(net)}`;
  return tab === "overview" ? base : `${base}/${tab}`;
}

/** Whether `tab` has anything to show for `n`. */
export function tabApplies(tab: NetworkTab, n: NetworkInfo | null): boolean {
  if (tab === "dhcp" || tab === "leases") return !!n?.ipv4;
  if (tab === "forwards") return n?.mode === "nat";
  return true;
}

export function networkTabs(net: string, n: NetworkInfo | null, current: NetworkTab): Tab[] {
  return NETWORK_TABS.filter((tab) => tab === current || tabApplies(tab, n))
    .map((tab) => ({ href: networkTabHref(net, tab), label: t(LABELS[tab]) }));
}
