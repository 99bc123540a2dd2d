import { assertEquals } from "../../tests/support/assert.ts";
import type { HostInterface, HostNetworkState } from "../../shared/host_network.ts";
import { freeBridgeName } from "./bridge_name.ts";

const link = (name: string): HostInterface => ({
  name,
  kind: "bridge",
  up: true,
  carrier: true,
  mac: null,
  mtu: 1500,
  addresses: [],
  master: null,
  ports: [],
  vlan: null,
  bond: null,
  bridgeable: false,
});

const state = (names: string[], file = "", staged = ""): HostNetworkState => ({
  interfaces: names.map(link),
  file,
  staged,
  pending: null,
  planned: [],
  defined: [],
});

Deno.test("bridge name - the lowest vmbrN no interface, file line or staged line uses", () => {
  assertEquals(freeBridgeName(state(["lo", "eth0"])), "vmbr0");
  assertEquals(freeBridgeName(state(["vmbr0", "vmbr2"])), "vmbr1");
  assertEquals(freeBridgeName(state([], "auto vmbr0\niface vmbr0 inet manual\n")), "vmbr1");
  assertEquals(
    freeBridgeName(state(["vmbr0"], "", "+auto vmbr1\n+iface vmbr1 inet static\n")),
    "vmbr2",
  );
  // A longer name that starts the same is not the same name.
  assertEquals(freeBridgeName(state(["vmbr01", "vmbr0x"])), "vmbr0");
});
