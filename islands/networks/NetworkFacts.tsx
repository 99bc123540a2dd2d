// The network page's facts card: mode, bridge, addresses and DHCP.

import type { NetworkInfo } from "../../shared/networks.ts";
import { yesNo } from "../../shared/format.ts";
import { Card } from "../../components/kit/Card.tsx";
import { FactList } from "../../components/kit/FactList.tsx";
import { t } from "../../shared/i18n/t.ts";
import { networkModeText } from "./mode_names.ts";
import { vlanText } from "../../components/vlan_text.ts";

/** "192.168.1.2 – 192.168.1.254", comma-separated when libvirt has several ranges. */
export function rangesText(ranges: { start: string; end: string }[]): string {
  return ranges.map((r) => `${r.start} – ${r.end}`).join(", ");
}

export function NetworkFacts({ network: n }: { network: NetworkInfo }) {
  const ip = n.ipv4;
  return (
    <Card id="network-facts" title={t("Network")}>
      <FactList
        facts={[
          [t("Mode"), networkModeText(n)],
          [t("Bridge"), n.bridge ?? "—"],
          [t("Subnet"), ip?.subnet ?? "—"],
          [t("Host address"), ip ? `${ip.address}/${ip.prefix}` : "—"],
          [t("DHCP range"), ip ? rangesText(ip.ranges) || t("Off") : "—"],
          [t("Static hosts"), ip ? ip.hosts.length : "—"],
          [t("Port forwards"), n.portForwardCount],
          [
            t("Port groups"),
            n.portgroups.length
              ? (
                <ul class="plain-list" key="groups">
                  {n.portgroups.map((g) => (
                    <li key={g.name}>
                      <strong>{g.name}</strong>
                      {g.vlan ? ` — ${vlanText(g.vlan)}` : ""}
                      {g.default ? ` (${t("default")})` : ""}
                    </li>
                  ))}
                </ul>
              )
              : "—",
          ],
          [t("Autostart"), yesNo(n.autostart)],
          [t("Persistent"), yesNo(n.persistent)],
          ["UUID", <code key="uuid">{n.uuid}</code>],
        ]}
      />
    </Card>
  );
}
