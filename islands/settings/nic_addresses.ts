// The guest's addresses by NIC MAC for the NIC table: the same read the Guest card shows
// (agent or DHCP lease), again on this VM's state and guest events.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { GuestInterface } from "../../shared/guest.ts";
import type { NetworkInterface } from "../../shared/vms.ts";
import { subscribeEvents } from "../../components/client/events.ts";
import { getGuestInfo } from "../guest/api.ts";

/** Addresses (without prefix) by lower-case MAC; interfaces without a MAC are left out. */
export function addressesByMac(interfaces: GuestInterface[]): Map<string, string[]> {
  const byMac = new Map<string, string[]>();
  for (const i of interfaces) {
    if (!i.mac || i.addresses.length === 0) continue;
    const key = i.mac.toLowerCase();
    byMac.set(key, [...byMac.get(key) ?? [], ...i.addresses.map((a) => a.address)]);
  }
  return byMac;
}

/** A NIC's addresses: the guest's for its MAC, else the one libvirt gave, else none. */
export function nicAddresses(nic: NetworkInterface, byMac: Map<string, string[]>): string[] {
  return byMac.get(nic.mac.toLowerCase()) ?? (nic.ipAddress ? [nic.ipAddress] : []);
}

/** The guest's addresses by MAC, read while the VM runs (empty while it is off or unknown). */
export function useGuestAddresses(vmId: string, running: boolean): Map<string, string[]> {
  const byMac = useSignal(new Map<string, string[]>());
  useEffect(() => {
    if (!running) {
      byMac.value = new Map();
      return;
    }
    let live = true;
    const reload = () =>
      getGuestInfo(vmId).then(
        (info) => live && (byMac.value = addressesByMac(info.interfaces)),
        () => {}, // The Guest card says why; the table keeps what it had.
      );
    reload();
    const stop = subscribeEvents((e) => {
      if (e.type === "guest-changed" && e.id === vmId) reload();
    }, reload);
    return () => {
      live = false;
      stop();
    };
  }, [vmId, running]);
  return byMac.value;
}
