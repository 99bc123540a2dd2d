// VMs' own firewalls as a feature (lib/feature.ts): made for a host on first use.

import type { FeatureParts } from "../context.ts";
import { feature } from "../feature.ts";
import { VmFirewallService } from "./vm_firewall.ts";

/** A libvirt network filter of each VM's own on its NICs. */
export const vmFirewallFeature = feature({
  name: "vm firewall",
  scope: "host",
  make: ({ client, lock }: FeatureParts) => ({ services: new VmFirewallService(client, lock) }),
});
