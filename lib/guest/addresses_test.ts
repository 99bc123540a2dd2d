import { assertEquals } from "../../tests/support/assert.ts";
import { flattenAddresses } from "./addresses.ts";

Deno.test("flattenAddresses - IPv4 first, no loopback or link-local", () => {
  assertEquals(
    flattenAddresses([
      { name: "lo", mac: null, addresses: [{ address: "127.0.0.1", prefix: 8, family: "ipv4" }] },
      {
        name: "eth0",
        mac: "52:54:00:00:00:01",
        addresses: [
          { address: "fe80::1", prefix: 64, family: "ipv6" },
          { address: "2001:db8::5", prefix: 64, family: "ipv6" },
          { address: "10.0.0.5", prefix: 24, family: "ipv4" },
        ],
      },
      { name: "eth1", mac: null, addresses: [{ address: "10.1.0.5", prefix: 16, family: "ipv4" }] },
    ]),
    ["10.0.0.5", "10.1.0.5", "2001:db8::5"],
  );
});
