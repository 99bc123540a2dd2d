import { assertEquals } from "../../tests/support/assert.ts";
import { addressesByMac, nicAddresses } from "./nic_addresses.ts";

const nic = (mac: string, ipAddress?: string) => ({
  mac,
  network: "default",
  type: "network",
  model: "virtio",
  ...(ipAddress ? { ipAddress } : {}),
});

Deno.test("nic addresses - the guest's addresses by MAC, any case; libvirt's as a fallback", () => {
  const byMac = addressesByMac([
    { name: "lo", mac: null, addresses: [{ family: "ipv4", address: "127.0.0.1", prefix: 8 }] },
    {
      name: "eth0",
      mac: "52:54:00:AB:CD:EF",
      addresses: [
        { family: "ipv4", address: "192.168.122.10", prefix: 24 },
        { family: "ipv6", address: "fe80::1", prefix: 64 },
      ],
    },
    { name: "eth1", mac: "52:54:00:00:00:02", addresses: [] },
  ]);
  assertEquals(nicAddresses(nic("52:54:00:ab:cd:ef"), byMac), ["192.168.122.10", "fe80::1"]);
  assertEquals(nicAddresses(nic("52:54:00:00:00:02", "10.0.0.2"), byMac), ["10.0.0.2"]);
  assertEquals(nicAddresses(nic("52:54:00:00:00:03"), byMac), []);
});
