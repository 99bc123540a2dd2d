// The network page's facts card: mode, bridge, addresses and DHCP.

import type { NetworkInfo } from "../../shared/networks.ts";
import { yesNo } from "../../components/format.ts";

/** "192.168.1.2 – 192.168.1.254", comma-separated when libvirt has several ranges. */
export function rangesText(ranges: { start: string; end: string }[]): string {
  return ranges.map((r) => `${r.start} – ${r.end}`).join(", ");
}

export function NetworkFacts({ network: n }: { network: NetworkInfo }) {
  const ip = n.ipv4;
  return (
    <section class="card" aria-labelledby="network-facts-title">
      <h2 id="network-facts-title">Network</h2>
      <dl class="props">
        <dt>Mode</dt>
        <dd>{n.mode}</dd>
        <dt>Bridge</dt>
        <dd>{n.bridge ?? "—"}</dd>
        <dt>Subnet</dt>
        <dd>{ip?.subnet ?? "—"}</dd>
        <dt>Host address</dt>
        <dd>{ip ? `${ip.address}/${ip.prefix}` : "—"}</dd>
        <dt>DHCP range</dt>
        <dd>{ip ? rangesText(ip.ranges) || "Off" : "—"}</dd>
        <dt>Static hosts</dt>
        <dd>{ip ? ip.hosts.length : "—"}</dd>
        <dt>Port forwards</dt>
        <dd>{n.portForwardCount}</dd>
        <dt>Autostart</dt>
        <dd>{yesNo(n.autostart)}</dd>
        <dt>Persistent</dt>
        <dd>{yesNo(n.persistent)}</dd>
        <dt>UUID</dt>
        <dd>
          <code>{n.uuid}</code>
        </dd>
      </dl>
    </section>
  );
}
