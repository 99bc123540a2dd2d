// A VM's firewall, kept in libvirt: one network filter of the VM's own (`kvmm-vm-<uuid>`,
// lib/xml/nwfilter_xml.ts) holding its rules and policies, referenced by each of its NICs while
// the firewall is on. libvirt applies a filter's new definition to the NICs that use it at once,
// and a NIC's new reference live on a running VM; what GET answers is read back from libvirt.
// https://libvirt.org/formatnwfilter.html

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { change, lookup } from "../vms/devices.ts";
import { vmState } from "../vm_basics.ts";
import type { VmLock } from "../vms/lock.ts";
import { findInterfaceXml } from "../xml/domain_update.ts";
import {
  filterUuid,
  nicFilters,
  vmFilterName,
  vmFilterXml,
  vmFirewallOf,
  withFilterref,
} from "../xml/nwfilter_xml.ts";
import type { VmFirewall, VmFirewallState } from "../../shared/vm_firewall.ts";
import type { VmFirewallSettings } from "./vm_firewall_input.ts";

/** A VM without a filter yet: nothing filtered, everything passes. */
const NONE: Omit<VmFirewall, "enabled"> = {
  antiSpoofing: false,
  inboundPolicy: "accept",
  outboundPolicy: "accept",
  rules: [],
};

export class VmFirewallService {
  constructor(private readonly client: LibvirtClient, private readonly lock: VmLock) {}

  /** The VM's firewall as libvirt has it, and which of its NICs use it now. */
  async get(id: string): Promise<VmFirewallState> {
    const failed = t("Failed to read the firewall of VM {{id}}", { id });
    let snap;
    try {
      snap = await this.client.call("domainGet", id);
    } catch (err) {
      throw fromLibvirt(err, { id, failed });
    }
    const filter = vmFilterName(snap.uuid);
    let xml: string | null;
    try {
      xml = await this.client.call("nwfilterGet", filter);
    } catch (err) {
      throw fromLibvirt(err, { id, failed });
    }
    const nics = nicFilters(snap.xml).map((n) => ({ mac: n.mac, filtered: n.filter === filter }));
    return {
      ...(xml ? vmFirewallOf(xml) : NONE),
      enabled: nics.length > 0 && nics.every((n) => n.filtered),
      filter,
      nics,
      live: vmState(snap.state) !== "stopped",
    };
  }

  /** Sets the whole firewall: the filter's definition, then each NIC's reference to it. */
  set(id: string, body: VmFirewallSettings): Promise<VmFirewallState> {
    return this.lock(id, async () => {
      const failed = t("Failed to set the firewall of VM {{id}}", { id });
      const ctx = { client: this.client, id };
      const { uuid, running, xml } = await lookup(ctx, failed);
      const filter = vmFilterName(uuid);
      const nics = nicFilters(xml);
      const foreign = nics.find((n) => n.filter !== null && n.filter !== filter);
      if (foreign) {
        throw new AppError(
          "NETWORK_FILTER_FOREIGN",
          t(
            "Network interface {{mac}} uses the network filter {{filter}}, set elsewhere: remove it in the VM's XML first",
            { mac: foreign.mac, filter: foreign.filter },
          ),
        );
      }
      try {
        const kept = await this.client.call("nwfilterGet", filter);
        await this.client.call(
          "nwfilterDefine",
          vmFilterXml(filter, body, kept ? filterUuid(kept) : null),
        );
      } catch (err) {
        throw fromLibvirt(err, { id, failed });
      }
      const wanted = body.enabled ? filter : null;
      for (const nic of nics.filter((n) => n.filter !== wanted)) {
        const nicXml = findInterfaceXml(xml, nic.mac)!;
        await change(ctx, uuid, running, "update", withFilterref(nicXml, wanted), {
          hotplug: true,
          failed,
        });
      }
      return await this.get(id);
    });
  }

  /** After the VM is gone: its filter too (none is fine; one still in use stays). */
  async forget(uuid: string): Promise<void> {
    await this.client.call("nwfilterUndefine", vmFilterName(uuid)).catch(() => false);
  }
}
