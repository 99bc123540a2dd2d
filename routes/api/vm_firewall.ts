// /api/vms/:id/firewall: a VM's own firewall (a libvirt network filter on its NICs); the VM
// firewall feature's routes (routes/features.ts).

import { DeclaredApp, reply } from "../declare.ts";
import { VM_ID } from "./vms.ts";
import type { VmFirewallService } from "../../lib/vm_firewall/vm_firewall.ts";
import { firewallRefusal, VmFirewallBody } from "../../lib/vm_firewall/vm_firewall_input.ts";

export function vmFirewallRoutes(vmFirewall: VmFirewallService): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: false, params: VM_ID });

  app.GET("/:id/firewall", "A VM's firewall: its libvirt network filter and which NICs use it", {
    access: "vm",
    answer: "VmFirewallState",
  }, reply(({ id }) => vmFirewall.get(id)));

  app.PUT("/:id/firewall", "Set a VM's firewall: rules, policies, anti-spoofing, on or off", {
    audit: "firewall.set",
    body: { schema: VmFirewallBody, refuse: firewallRefusal },
    answer: "VmFirewallState",
  }, reply(({ id }, body) => vmFirewall.set(id, body)));

  return app;
}
