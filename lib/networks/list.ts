// The network names and states the create wizard and the NIC forms offer.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { NetworkSummary } from "../../shared/networks.ts";
import { networkFacts } from "../xml/network_xml.ts";

/** Every libvirt network, by name. */
export async function networkList(
  { client }: { client: LibvirtClient },
): Promise<NetworkSummary[]> {
  try {
    const nets = await client.call("networkList");
    return nets.map(({ name, active, xml }) => {
      const { portgroups, carriesVlans } = networkFacts(xml);
      return { name, active, portgroupNames: portgroups.map((g) => g.name), carriesVlans };
    })
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch (err) {
    throw fromLibvirt(err, { failed: t("Failed to list networks") });
  }
}
