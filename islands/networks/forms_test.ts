// The network forms' pure parts: the suggested DHCP range and what a create request carries.

import { assertEquals } from "../../tests/support/assert.ts";
import { networkRequest, portgroupsOf, suggestedRange } from "./NewNetworkForm.tsx";

Deno.test("network forms - the suggested DHCP range is every address after the host's", () => {
  assertEquals(suggestedRange("192.168.100.0/24"), {
    start: "192.168.100.2",
    end: "192.168.100.254",
  });
  assertEquals(suggestedRange(" 10.0.0.0/16 "), { start: "10.0.0.2", end: "10.0.255.254" });
  assertEquals(suggestedRange("10.0.0.0/30"), { start: "10.0.0.2", end: "10.0.0.2" });
  assertEquals(suggestedRange("10.0.0.0/31"), null);
  assertEquals(suggestedRange("10.0.0.1/24"), null, "host bits set");
  assertEquals(suggestedRange("10.0.0"), null);
});

Deno.test("network forms - a request carries what its mode needs", () => {
  const form = {
    name: " lab ",
    mode: "isolated" as const,
    subnet: "192.168.5.0/24 ",
    dhcp: true,
    start: "192.168.5.10",
    end: "192.168.5.20",
    bridge: "br0",
    hostInterface: " eth0 ",
    macvtapMode: "vepa" as const,
    portgroups: "",
    startNow: true,
    autostart: false,
  };
  assertEquals(networkRequest(form), {
    name: "lab",
    mode: "isolated",
    start: true,
    autostart: false,
    subnet: "192.168.5.0/24",
    dhcp: { start: "192.168.5.10", end: "192.168.5.20" },
  });
  assertEquals(networkRequest({ ...form, dhcp: false }).dhcp, null);
  assertEquals(networkRequest({ ...form, mode: "bridge" }), {
    name: "lab",
    mode: "bridge",
    start: true,
    autostart: false,
    bridge: "br0",
  });
});

Deno.test("network forms - host-side modes carry their interface, port groups their tags", () => {
  const form = {
    name: "wan",
    mode: "macvtap" as const,
    subnet: "",
    dhcp: true,
    start: "",
    end: "",
    bridge: "",
    hostInterface: " eth0 ",
    macvtapMode: "passthrough" as const,
    portgroups: "office 10\n\n uplink 10, 20 30 \nplain",
    startNow: true,
    autostart: false,
  };
  assertEquals(networkRequest(form), {
    name: "wan",
    mode: "macvtap",
    start: true,
    autostart: false,
    hostInterface: "eth0",
    macvtapMode: "passthrough",
    portgroups: [
      { name: "office", vlan: { tags: [10] } },
      { name: "uplink", vlan: { tags: [10, 20, 30] } },
      { name: "plain" },
    ],
  });
  assertEquals(networkRequest({ ...form, mode: "sriov", portgroups: "" }), {
    name: "wan",
    mode: "sriov",
    start: true,
    autostart: false,
    hostInterface: "eth0",
  });
  // What is no number goes as typed, for the API to refuse in its words.
  assertEquals(portgroupsOf("x ten"), [{ name: "x", vlan: { tags: [NaN] } }]);
});
