// Static addresses in a cloud-init seed: the validation words, and the network-config document
// (version 2) for the NIC with the VM's MAC; the seed ISO carries it only when asked.

import { assertEquals } from "../../tests/support/assert.ts";
import { addressFamily, validateCloudInit } from "../../shared/cloud_init.ts";
import { isIpv6 } from "../../shared/ipv6.ts";
import { buildSeedIso, cloudInitFiles, networkConfigOf } from "./seed.ts";
import type { CloudInitNetwork } from "../../shared/vms.ts";

const problems = (network: unknown) =>
  validateCloudInit({ network: network as CloudInitNetwork }).map((i) =>
    `${i.field}: ${i.message}`
  );

Deno.test("network-config - addresses read as IPv4 or IPv6 with a prefix", () => {
  assertEquals(
    ["192.168.1.5/24", "10.0.0.1/32", "2001:db8::5/64", "fe80::1/128", "::1/128"].map(
      addressFamily,
    ),
    [4, 4, 6, 6, 6],
  );
  assertEquals(
    ["192.168.1.5", "192.168.1.5/33", "10.0.0/8", "2001:db8::5/129", "2001:db8:::5/64", "x/8"]
      .map(addressFamily),
    [null, null, null, null, null, null],
  );
  assertEquals(["2001:db8::1", "::"].map(isIpv6), [true, true]);
  assertEquals(["[::1]", "1.2.3.4", "fe80::1%eth0", "gg::1"].map(isIpv6), [
    false,
    false,
    false,
    false,
  ]);
});

Deno.test("network-config - a full setup is valid; each bad part is named", () => {
  const good: CloudInitNetwork = {
    addresses: ["192.168.1.50/24", "2001:db8::50/64"],
    gateway4: "192.168.1.1",
    gateway6: "2001:db8::1",
    dns: ["1.1.1.1", "2606:4700:4700::1111"],
    search: ["lab", "example.com"],
  };
  assertEquals(problems(good), []);
  assertEquals(problems({ ...good, addresses: [] }), [
    "cloudInit.network.addresses: Static addresses: give 1 to 16, each with its prefix, e.g. 192.168.1.50/24",
    "cloudInit.network.gateway4: An IPv4 gateway needs an IPv4 address",
    "cloudInit.network.gateway6: An IPv6 gateway needs an IPv6 address",
  ]);
  assertEquals(problems({ addresses: ["192.168.1.50"] }), [
    "cloudInit.network.addresses: Invalid address 192.168.1.50: an IPv4 or IPv6 address with its prefix, e.g. 192.168.1.50/24",
  ]);
  assertEquals(problems({ addresses: ["10.0.0.5/8"], gateway4: "2001:db8::1" }), [
    "cloudInit.network.gateway4: Invalid IPv4 gateway: 2001:db8::1",
  ]);
  assertEquals(problems({ addresses: ["10.0.0.5/8"], dns: ["dns.google"] }), [
    "cloudInit.network.dns: DNS servers: at most 8 IPv4 or IPv6 addresses",
  ]);
  assertEquals(problems({ addresses: ["10.0.0.5/8"], search: ["bad_domain"] }), [
    "cloudInit.network.search: Search domains: at most 6 domain names",
  ]);
  assertEquals(
    problems({ addresses: Array(17).fill("10.0.0.5/8") })[0].split(":")[0],
    "cloudInit.network.addresses",
  );
});

Deno.test("network-config - the document names the NIC by its MAC and sets no DHCP", () => {
  const doc = JSON.parse(networkConfigOf({
    addresses: ["192.168.1.50/24"],
    gateway4: "192.168.1.1",
    gateway6: "",
    dns: ["1.1.1.1"],
  }, "52:54:00:AB:CD:EF"));
  assertEquals(doc, {
    version: 2,
    ethernets: {
      primary: {
        match: { macaddress: "52:54:00:ab:cd:ef" },
        "set-name": "eth0",
        dhcp4: false,
        dhcp6: false,
        addresses: ["192.168.1.50/24"],
        routes: [{ to: "0.0.0.0/0", via: "192.168.1.1" }],
        nameservers: { addresses: ["1.1.1.1"] },
      },
    },
  });
  const opts = { vmName: "web", instanceId: "i", mac: "52:54:00:00:00:01" };
  assertEquals(cloudInitFiles({}, opts).networkConfig, undefined, "DHCP: no network-config");
  const files = cloudInitFiles({
    userData: "#cloud-config\n{}",
    network: { addresses: ["10.1.1.1/24"] },
  }, opts);
  assertEquals(JSON.parse(files.networkConfig!).ethernets.primary.addresses, ["10.1.1.1/24"]);
  const iso = new TextDecoder("latin1").decode(
    buildSeedIso({ network: { addresses: ["10.1.1.1/24"] } }, opts),
  );
  assertEquals(iso.includes('"macaddress": "52:54:00:00:00:01"'), true);
});
