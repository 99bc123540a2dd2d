// The host network bodies as the API reads them: each refusal in words, naming its field, so the
// page shows it by that field; what passes is what the stanza writer is given.

import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { validated } from "../validate.ts";
import {
  AddressBody,
  BondBody,
  BondChangeBody,
  BridgePortsBody,
  DeleteBody,
  HOST_NETWORK_CODES,
  VlanBody,
} from "./input.ts";

/** The refusal of `body` by `schema`: its code, field and message. */
function refusal(schema: Parameters<typeof validated>[0], body: unknown) {
  const err = assertThrows(() => validated(schema, body, HOST_NETWORK_CODES), AppError);
  return [err.code, err.details?.field, err.message];
}

Deno.test("host network input - a bond: 2 to 16 NICs named once, a mode of the kernel's, miimon bounded", () => {
  const bond = { name: "bond0", members: ["eno1", "eno2"], mode: "active-backup" };
  assertEquals(validated(BondBody, bond, HOST_NETWORK_CODES), bond);
  assertEquals(validated(BondBody, { ...bond, mode: "802.3ad", miimon: 0 }).miimon, 0);
  assertEquals(refusal(BondBody, { ...bond, members: ["eno1"] }), [
    "INVALID_INPUT",
    "members",
    "A bond needs at least 2 members",
  ]);
  const many = Array.from({ length: 17 }, (_, i) => `eno${i}`);
  assertEquals(refusal(BondBody, { ...bond, members: many })[2], "A bond takes at most 16 members");
  assertEquals(
    refusal(BondBody, { ...bond, members: ["eno1", "eno1"] })[2],
    "Each member may be named once",
  );
  assertEquals(refusal(BondBody, { ...bond, members: ["eno1", "-x"] })[1], "members");
  assertEquals(refusal(BondBody, { ...bond, mode: "lacp" }), [
    "INVALID_INPUT",
    "mode",
    "mode must be one of balance-rr, active-backup, balance-xor, broadcast, 802.3ad, balance-tlb, balance-alb",
  ]);
  assertEquals(refusal(BondBody, { ...bond, miimon: 10_001 })[2], "miimon must be 0 to 10000 ms");
  assertEquals(refusal(BondBody, { ...bond, miimon: -1 })[2], "miimon must be 0 to 10000 ms");
  assertEquals(
    refusal(BondBody, { ...bond, miimon: 2.5 })[2],
    "miimon must be a whole number of milliseconds",
  );
  assertEquals(refusal(BondBody, { ...bond, name: "a".repeat(16) })[1], "name");
  assertEquals(refusal(BondBody, { ...bond, extra: 1 })[0], "INVALID_INPUT");
});

Deno.test("host network input - a VLAN: an id from 1 to 4094 on a parent, a name of the kernel's rule", () => {
  assertEquals(validated(VlanBody, { parent: "bond0", id: 20 }), { parent: "bond0", id: 20 });
  for (const id of [0, 4095, 1.5, "20", null]) {
    assertEquals(refusal(VlanBody, { parent: "bond0", id }), [
      "INVALID_INPUT",
      "id",
      "id must be a VLAN id from 1 to 4094",
    ]);
  }
  assertEquals(refusal(VlanBody, { parent: "bond0", id: 5, name: "v 5" })[1], "name");
  assertEquals(refusal(VlanBody, { parent: "", id: 5 })[1], "parent");
});

Deno.test("host network input - addresses parsed as address/prefix, the gateway of their family", () => {
  const body = {
    interface: "br0",
    method: "static",
    addresses: ["192.0.2.10/24", "2001:db8::10/64"],
    gateway: "192.0.2.1",
  };
  assertEquals(validated(AddressBody, body), body);
  assertEquals(validated(AddressBody, { interface: "br0", method: "dhcp" }).method, "dhcp");
  assertEquals(validated(AddressBody, { interface: "br0", method: "none" }).method, "none");
  for (const address of ["192.0.2.300/24", "192.0.2.3", "192.0.2.3/33", "2001:db8::/129", "x"]) {
    assertEquals(refusal(AddressBody, { ...body, addresses: [address] }), [
      "INVALID_INPUT",
      "addresses",
      `${address} is not an address with a prefix length, like 192.0.2.10/24 or 2001:db8::10/64`,
    ]);
  }
  assertEquals(
    refusal(AddressBody, { ...body, addresses: ["192.0.2.3/0"] })[2],
    "An address needs a prefix length above 0",
  );
  assertEquals(refusal(AddressBody, { ...body, gateway: "fe80::1", addresses: ["192.0.2.3/24"] }), [
    "INVALID_INPUT",
    "gateway",
    "The gateway needs an address of its family (IPv4 or IPv6)",
  ]);
  assertEquals(refusal(AddressBody, { ...body, gateway: "192.0.2" })[1], "gateway");
  assertEquals(refusal(AddressBody, { interface: "br0", method: "static" }), [
    "INVALID_INPUT",
    "addresses",
    "Give at least one address",
  ]);
  assertEquals(
    refusal(AddressBody, { ...body, addresses: ["192.0.2.3/24", "192.0.2.3/24"] })[2],
    "Each address may be given once",
  );
  assertEquals(
    refusal(AddressBody, { interface: "br0", method: "dhcp", gateway: "192.0.2.1" })[2],
    "Addresses and a gateway are given only with method static",
  );
  const many = Array.from({ length: 17 }, (_, i) => `192.0.2.${i + 1}/24`);
  assertEquals(refusal(AddressBody, { ...body, addresses: many })[2], "At most 16 addresses");
  assertEquals(refusal(AddressBody, { ...body, method: "auto" }), [
    "INVALID_INPUT",
    "method",
    "method must be static, dhcp or none",
  ]);
  assertEquals(refusal(DeleteBody, { name: "" })[1], "name");
});

Deno.test("host network input - a bridge's ports (none too, at most 64, each once) and a bond's change", () => {
  assertEquals(validated(BridgePortsBody, { bridge: "br0", ports: [] }), {
    bridge: "br0",
    ports: [],
  });
  assertEquals(validated(BridgePortsBody, { bridge: "br0", ports: ["eno1", "bond0"] }).ports, [
    "eno1",
    "bond0",
  ]);
  assertEquals(refusal(BridgePortsBody, { bridge: "br0", ports: ["eno1", "eno1"] }), [
    "INVALID_INPUT",
    "ports",
    "Each port may be named once",
  ]);
  const many = Array.from({ length: 65 }, (_, i) => `eno${i}`);
  assertEquals(
    refusal(BridgePortsBody, { bridge: "br0", ports: many })[2],
    "A bridge takes at most 64 ports here",
  );
  assertEquals(refusal(BridgePortsBody, { bridge: "br0", ports: ["a b"] })[1], "ports");
  assertEquals(refusal(BridgePortsBody, { bridge: "-br", ports: [] })[1], "bridge");
  assertEquals(refusal(BridgePortsBody, { bridge: "br0" })[1], "ports");

  // A bond's change: the members as a new bond's; mode and miimon may be left as they are.
  const change = { name: "bond0", members: ["eno1", "eno2"] };
  assertEquals(validated(BondChangeBody, change), change);
  assertEquals(
    validated(BondChangeBody, { ...change, mode: "802.3ad", miimon: 0 }).mode,
    "802.3ad",
  );
  assertEquals(refusal(BondChangeBody, { ...change, members: ["eno1"] }), [
    "INVALID_INPUT",
    "members",
    "A bond needs at least 2 members",
  ]);
  assertEquals(refusal(BondChangeBody, { ...change, mode: "lacp" })[1], "mode");
  assertEquals(
    refusal(BondChangeBody, { ...change, miimon: 10_001 })[2],
    "miimon must be 0 to 10000 ms",
  );
  assertEquals(refusal(BondChangeBody, { ...change, parent: "x" })[0], "INVALID_INPUT");
});
