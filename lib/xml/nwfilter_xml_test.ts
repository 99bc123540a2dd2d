import { assertEquals } from "../../tests/support/assert.ts";
import {
  filterForNewNic,
  nicFilters,
  vmFilterName,
  vmFilterXml,
  vmFirewallOf,
  withFilterref,
} from "./nwfilter_xml.ts";
import type { VmFirewall } from "../../shared/vm_firewall.ts";

const UUID = "6B5A6F1E-0000-4000-8000-000000000001";
const SETTINGS: Omit<VmFirewall, "enabled"> = {
  antiSpoofing: true,
  inboundPolicy: "drop",
  outboundPolicy: "accept",
  rules: [
    { action: "accept", direction: "in", protocol: "tcp", port: "22", remote: "10.0.0.0/8" },
    { action: "accept", direction: "in", protocol: "tcp", port: "8000-8080", comment: "a & <b>" },
    { action: "reject", direction: "out", protocol: "udp", port: "53", remote: "192.168.1.5" },
    { action: "accept", direction: "in", protocol: "icmp" },
    { action: "drop", direction: "in", protocol: "tcp", port: "25", remote: "2001:db8::/32" },
    { action: "accept", direction: "out", protocol: "all", family: "ipv6" },
    { action: "reject", direction: "out", protocol: "udp", remote: "fd00::5" },
  ],
};

/** IPv6's neighbour discovery and DHCPv6, let through ahead of every rule. */
const IPV6_BASICS =
  [133, 134, 135, 136, 143].map((type, i) =>
    `<rule action="accept" direction="inout" priority="${90 + i}"><icmpv6 type="${type}"/></rule>`
  ).join("") +
  `<rule action="accept" direction="out" priority="95"><udp-ipv6 dstportstart="547"/></rule>` +
  `<rule action="accept" direction="in" priority="96"><udp-ipv6 srcportstart="547" dstportstart="546"/></rule>`;

Deno.test("nwfilter xml - a VM's firewall is written as libvirt reads it", () => {
  const name = vmFilterName(UUID);
  assertEquals(name, "kvmm-vm-6b5a6f1e-0000-4000-8000-000000000001");
  assertEquals(
    vmFilterXml(name, SETTINGS).replace(/\s+/g, " ").replace(/> </g, "><").trim(),
    `<filter name="${name}" chain="root">` +
      `<filterref filter="clean-traffic"/><filterref filter="allow-dhcp"/>` +
      IPV6_BASICS +
      // Each rule's IPv4 half at 100 + n, its IPv6 half at 500 + n: an address keeps a rule to
      // its own version, `family` one without an address.
      `<rule action="accept" direction="in" priority="100"><tcp srcipaddr="10.0.0.0" srcipmask="8" dstportstart="22" dstportend="22"/></rule>` +
      `<rule action="accept" direction="in" priority="101"><tcp dstportstart="8000" dstportend="8080" comment="a &amp; &lt;b&gt;"/></rule>` +
      `<rule action="accept" direction="in" priority="501"><tcp-ipv6 dstportstart="8000" dstportend="8080" comment="a &amp; &lt;b&gt;"/></rule>` +
      `<rule action="reject" direction="out" priority="102"><udp dstipaddr="192.168.1.5" dstipmask="32" dstportstart="53" dstportend="53"/></rule>` +
      `<rule action="accept" direction="in" priority="103"><icmp/></rule>` +
      `<rule action="accept" direction="in" priority="503"><icmpv6/></rule>` +
      `<rule action="drop" direction="in" priority="504"><tcp-ipv6 srcipaddr="2001:db8::" srcipmask="32" dstportstart="25" dstportend="25"/></rule>` +
      `<rule action="accept" direction="out" priority="505"><all-ipv6/></rule>` +
      `<rule action="reject" direction="out" priority="506"><udp-ipv6 dstipaddr="fd00::5" dstipmask="128"/></rule>` +
      `<rule action="accept" direction="out" priority="900"><all/></rule>` +
      `<rule action="accept" direction="out" priority="901"><all-ipv6/></rule>` +
      `<rule action="drop" direction="in" priority="910"><all/></rule>` +
      `<rule action="drop" direction="in" priority="911"><all-ipv6/></rule>` +
      `</filter>`,
  );
});

Deno.test("nwfilter xml - what libvirt keeps reads back as the settings", () => {
  // As libvirt answers: a UUID added, single quotes, self-closing elements.
  const kept = vmFilterXml(vmFilterName(UUID), SETTINGS)
    .replace("<filterref", "<uuid>0a0b0c0d-0000-4000-8000-000000000009</uuid><filterref");
  assertEquals(vmFirewallOf(kept), SETTINGS);
  const open = { antiSpoofing: false, inboundPolicy: "accept", outboundPolicy: "drop", rules: [] };
  assertEquals(vmFirewallOf(vmFilterXml("x", open as typeof SETTINGS)), open);
});

Deno.test("nwfilter xml - a filter written before IPv6 rules reads as IPv4 rules", () => {
  const old =
    `<filter name='kvmm-vm-x' chain='root'><uuid>0a0b0c0d-0000-4000-8000-000000000009</uuid>
    <filterref filter='allow-dhcp'/>
    <rule action='accept' direction='in' priority='100'><tcp dstportstart='22' dstportend='22'/></rule>
    <rule action='accept' direction='in' priority='101'><icmp/></rule>
    <rule action='accept' direction='out' priority='900'><all/></rule>
    <rule action='drop' direction='in' priority='910'><all/></rule></filter>`;
  assertEquals(vmFirewallOf(old), {
    antiSpoofing: false,
    inboundPolicy: "drop",
    outboundPolicy: "accept",
    rules: [
      { action: "accept", direction: "in", protocol: "tcp", port: "22", family: "ipv4" },
      { action: "accept", direction: "in", protocol: "icmp", family: "ipv4" },
    ],
  });
});

const domain = (nics: string) =>
  `<domain type='qemu'><name>x</name><devices>${nics}<disk type='file'/></devices></domain>`;

Deno.test("nwfilter xml - NICs' filters are read, set and taken off; a new NIC follows the rest", () => {
  const name = vmFilterName(UUID);
  const plain = `<interface type='network'><mac address='52:54:00:AA:00:01'/>` +
    `<source network='default'/><model type='virtio'/></interface>`;
  const on = withFilterref(plain, name);
  assertEquals(
    on.replace(/\s+/g, ""),
    `<interfacetype="network"><macaddress="52:54:00:AA:00:01"/><sourcenetwork="default"/><modeltype="virtio"/><filterreffilter="${name}"/></interface>`,
  );
  assertEquals(
    withFilterref(on, null).replace(/\s+/g, ""),
    plain.replace(/\s+/g, "").replaceAll("'", '"'),
  );
  assertEquals(nicFilters(domain(on + plain)), [
    { mac: "52:54:00:aa:00:01", filter: name },
    { mac: "52:54:00:aa:00:01", filter: null },
  ]);
  assertEquals(filterForNewNic(domain(on), UUID), name);
  assertEquals(filterForNewNic(domain(on + plain), UUID), null);
  assertEquals(filterForNewNic(domain(""), UUID), null);
});
