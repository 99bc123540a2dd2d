// A DHCP lease names its VM: the VM whose NIC has the lease's MAC address.

import { assertEquals } from "../../tests/support/assert.ts";
import { nicOwners } from "./service.ts";

const domain = (uuid: string, name: string, macs: string[]) => ({
  uuid,
  name,
  xml: `<domain type='kvm'><name>${name}</name><uuid>${uuid}</uuid><devices>${
    macs.map((m) =>
      `<interface type='network'><mac address='${m}'/><source network='default'/></interface>`
    ).join("")
  }</devices></domain>`,
});

Deno.test("leases - each MAC to the VM whose NIC has it, case aside; no NIC, no owner", () => {
  const owners = nicOwners([
    domain("u1", "web", ["52:54:00:AA:00:01", "52:54:00:aa:00:02"]),
    domain("u2", "db", []),
    { uuid: "u3", name: "broken", xml: "<domain" },
  ]);
  assertEquals([...owners], [
    ["52:54:00:aa:00:01", { id: "u1", name: "web" }],
    ["52:54:00:aa:00:02", { id: "u1", name: "web" }],
  ]);
});
