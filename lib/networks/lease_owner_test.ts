// A DHCP lease names its VM: the VM whose NIC on the lease's network has the lease's MAC address.

import { assertEquals } from "../../tests/support/assert.ts";
import { nicOwners } from "./service.ts";

const domain = (uuid: string, name: string, nics: [string, string][], active = false) => ({
  uuid,
  name,
  active,
  xml: `<domain type='kvm'><name>${name}</name><uuid>${uuid}</uuid><devices>${
    nics.map(([mac, net]) =>
      `<interface type='network'><mac address='${mac}'/><source network='${net}'/></interface>`
    ).join("")
  }</devices></domain>`,
});

Deno.test("leases - each MAC on the network to its VM, case aside; other networks and no NIC, no owner", () => {
  const owners = nicOwners([
    domain("u1", "web", [["52:54:00:AA:00:01", "default"], ["52:54:00:aa:00:02", "lab"]]),
    domain("u2", "db", []),
    { uuid: "u3", name: "broken", xml: "<domain" },
  ], "default");
  assertEquals([...owners], [["52:54:00:aa:00:01", { id: "u1", name: "web" }]]);
});

Deno.test("leases - a running VM wins over a stopped clone with the same MAC", () => {
  const mac = "52:54:00:aa:00:09";
  const owners = nicOwners([
    domain("u5", "runs", [[mac, "default"]], true),
    domain("u4", "clone", [[mac, "default"]]),
  ], "default");
  assertEquals(owners.get(mac), { id: "u5", name: "runs" });
});
