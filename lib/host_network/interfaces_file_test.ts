// The interfaces file read and written back: what KVM Manager does not change stays as the admin
// wrote it, and "bridge this NIC" moves the NIC's addressing to the bridge in each family.

import { assertEquals } from "../../tests/support/assert.ts";
import { parse, serialize, stanzasOf, startsAtBoot } from "./interfaces_file.ts";
import { bridgeNic } from "./bridge_nic.ts";

// Debian 12's installer's file for a DHCP NIC, with an admin's additions.
const DEBIAN = `# This file describes the network interfaces available on your system
# and how to activate them. For more information, see interfaces(5).

source /etc/network/interfaces.d/*

# The loopback network interface
auto lo
iface lo inet loopback

# The primary network interface
allow-hotplug ens3
iface ens3 inet dhcp
	# a comment inside the stanza
	hostname web1
	post-up ethtool -K ens3 tso off
iface ens3 inet6 static
	address 2001:db8::10/64
	gateway 2001:db8::1
	accept_ra 0
`;

Deno.test("interfaces file - read and written back byte for byte, whatever the layout", () => {
  for (
    const text of [
      DEBIAN,
      "",
      "\n",
      "auto lo",
      "iface x inet manual\n\n\n# end",
      DEBIAN.replaceAll("\n", "\n\n"),
    ]
  ) {
    assertEquals(serialize(parse(text)), text);
  }
  const blocks = parse(DEBIAN);
  const [v4, v6] = stanzasOf(blocks, "ens3");
  assertEquals([v4.family, v4.method, v4.options], ["inet", "dhcp", [
    ["# a comment inside the stanza", ""],
    ["hostname", "web1"],
    ["post-up", "ethtool -K ens3 tso off"],
  ]]);
  assertEquals([v6.family, v6.method], ["inet6", "static"]);
  assertEquals(startsAtBoot(blocks, "ens3"), true);
  assertEquals(startsAtBoot(blocks, "ens4"), false);
});

Deno.test("bridge a NIC - each family's addressing moves to the bridge, the rest stays", () => {
  assertEquals(
    bridgeNic(DEBIAN, "ens3", "br0"),
    `# This file describes the network interfaces available on your system
# and how to activate them. For more information, see interfaces(5).

source /etc/network/interfaces.d/*

# The loopback network interface
auto lo
iface lo inet loopback

# The primary network interface
allow-hotplug ens3
iface ens3 inet manual
    # a comment inside the stanza
    post-up ethtool -K ens3 tso off
iface ens3 inet6 manual
    accept_ra 0

auto br0
iface br0 inet dhcp
    hostname web1
    bridge-ports ens3
    bridge-ports-condone-regex ^vnet[0-9]+$
    bridge-stp off
    bridge-fd 0

iface br0 inet6 static
    address 2001:db8::10/64
    gateway 2001:db8::1
`,
  );
});

Deno.test("bridge a NIC - a NIC the file does not configure gives a bridge without an address", () => {
  assertEquals(
    bridgeNic("auto lo\niface lo inet loopback\n", "eth1", "br1"),
    "auto lo\niface lo inet loopback\n\nauto br1\niface br1 inet manual\n    bridge-ports eth1\n    bridge-ports-condone-regex ^vnet[0-9]+$\n    bridge-stp off\n    bridge-fd 0\n",
  );
  assertEquals(
    bridgeNic("", "eth1", "br1"),
    "auto br1\niface br1 inet manual\n    bridge-ports eth1\n    bridge-ports-condone-regex ^vnet[0-9]+$\n    bridge-stp off\n    bridge-fd 0\n",
  );
});

Deno.test("interfaces file - a stanza runs to the next keyword, as ifupdown2 reads it", () => {
  const text = `auto eno1
iface eno1 inet static
    address 192.0.2.10/24

    # the gateway, after a blank line
    gateway 192.0.2.1
    dns-nameservers 192.0.2.53 \\
        192.0.2.54

# the next stanza's heading
iface eno2
    address 198.51.100.1/24
`;
  const blocks = parse(text);
  assertEquals(serialize(blocks), text);
  assertEquals(stanzasOf(blocks, "eno1")[0].options, [
    ["address", "192.0.2.10/24"],
    ["# the gateway, after a blank line", ""],
    ["gateway", "192.0.2.1"],
    ["dns-nameservers", "192.0.2.53 192.0.2.54"],
  ]);
  const [eno2] = stanzasOf(blocks, "eno2");
  assertEquals([eno2.family, eno2.method], ["", ""]);
  // The gateway moves with the address; the family-less stanza stays family-less.
  const bridged = parse(bridgeNic(text, "eno1", "br0"));
  assertEquals(stanzasOf(bridged, "br0")[0].options.slice(0, 3), [
    ["address", "192.0.2.10/24"],
    ["gateway", "192.0.2.1"],
    ["dns-nameservers", "192.0.2.53 192.0.2.54"],
  ]);
  const other = parse(bridgeNic(text, "eno2", "br2"));
  assertEquals(serialize([stanzasOf(other, "eno2")[0]]), "iface eno2");
  assertEquals(serialize([stanzasOf(other, "br2")[0]]).split("\n").slice(0, 2), [
    "iface br2",
    "    address 198.51.100.1/24",
  ]);
});

Deno.test("bridge a NIC - the bridge takes the NIC's MTU, which the NIC keeps", () => {
  const text = "auto eno1\niface eno1 inet static\n    address 10.0.0.2/24\n    mtu 9000\n";
  assertEquals(
    bridgeNic(text, "eno1", "br0"),
    `auto eno1
iface eno1 inet manual
    mtu 9000

auto br0
iface br0 inet static
    address 10.0.0.2/24
    mtu 9000
    bridge-ports eno1
    bridge-ports-condone-regex ^vnet[0-9]+$
    bridge-stp off
    bridge-fd 0
`,
  );
});
