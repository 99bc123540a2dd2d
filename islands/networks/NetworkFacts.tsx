// The network page's facts card: mode, bridge, addresses and DHCP.

import type { NetworkInfo } from "../../shared/networks.ts";
import { yesNo } from "../../components/format.ts";
import { Card } from "../../components/kit/Card.tsx";
import { FactList } from "../../components/kit/FactList.tsx";

/** "192.168.1.2 – 192.168.1.254", comma-separated when libvirt has several ranges. */
export function rangesText(ranges: { start: string; end: string }[]): string {
  return ranges.map((r) => `${r.start} – ${r.end}`).join(", ");
}

export function NetworkFacts({ network: n }: { network: NetworkInfo }) {
  const ip = n.ipv4;
  return (
    <Card id="network-facts" title="Network">
      <FactList
        facts={[
          ["Mode", n.mode],
          ["Bridge", n.bridge ?? "—"],
          ["Subnet", ip?.subnet ?? "—"],
          ["Host address", ip ? `${ip.address}/${ip.prefix}` : "—"],
          ["DHCP range", ip ? rangesText(ip.ranges) || "Off" : "—"],
          ["Static hosts", ip ? ip.hosts.length : "—"],
          ["Port forwards", n.portForwardCount],
          ["Autostart", yesNo(n.autostart)],
          ["Persistent", yesNo(n.persistent)],
          ["UUID", <code key="uuid">{n.uuid}</code>],
        ]}
      />
    </Card>
  );
}
