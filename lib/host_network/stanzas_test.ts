// The stanza writer: a bond, a VLAN, an interface's addresses and a deletion written into the
// interfaces file as ifupdown2 reads them, the rest of the file as it was. Each file written is
// also handed to ifupdown2's own parser (`ifup -s`, in a mount namespace of its own so that its
// lock is not the host's): it refuses what ifreload would, e.g. a bond mode it does not know.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { ifupdown2Refusal } from "../../tests/support/ifupdown2.ts";
import { parse } from "./interfaces_file.ts";
import { bridgeNic } from "./bridge_nic.ts";
import {
  addBond,
  addVlan,
  kindInFile,
  removeInterface,
  setAddressing,
  usersOf,
} from "./stanzas.ts";

const INITIAL = `# The host's file.
auto lo
iface lo inet loopback

auto nic0
iface nic0 inet static
    address 10.79.0.1/24
    gateway 10.79.0.254
    mtu 1400
`;

const BOND_VLAN = `# The host's file.
auto lo
iface lo inet loopback

auto nic0
iface nic0 inet manual
    mtu 1400

auto bond0
iface bond0 inet static
    address 10.79.0.1/24
    gateway 10.79.0.254
    mtu 1400
    bond-slaves nic0 nic1
    bond-mode active-backup
    bond-miimon 100

auto bond0.20
iface bond0.20 inet manual
    vlan-raw-device bond0
    vlan-id 20
`;

Deno.test("stanzas - a bond takes its member's addresses and MTU; a VLAN stands on it", async () => {
  const bonded = addBond(INITIAL, {
    name: "bond0",
    members: ["nic0", "nic1"],
    mode: "active-backup",
    miimon: 100,
  });
  const file = addVlan(bonded, { name: "bond0.20", parent: "bond0", id: 20 });
  assertEquals(file, BOND_VLAN);
  assertEquals(await ifupdown2Refusal(file), "");
  const blocks = parse(file);
  assertEquals([kindInFile(blocks, "bond0"), kindInFile(blocks, "bond0.20")], ["bond", "vlan"]);
  assertEquals(kindInFile(blocks, "nic0"), null);
  assertEquals(usersOf(blocks, "nic1"), ["bond0"]);
  assertEquals(usersOf(blocks, "bond0"), ["bond0.20"]);
  // A member that is not the first may hold the address: it is the one that moves.
  const second = addBond(INITIAL, {
    name: "bond1",
    members: ["nic1", "nic0"],
    mode: "802.3ad",
    miimon: 0,
  });
  assert(second.includes("iface bond1 inet static\n    address 10.79.0.1/24\n"), second);
  assert(second.includes("    bond-slaves nic1 nic0\n    bond-mode 802.3ad\n    bond-miimon 0\n"));
  // ifupdown2 knows the kernel's modes and refuses others, as ifreload would.
  assert(
    (await ifupdown2Refusal(file.replace("active-backup", "lacp"))).includes("bond-mode"),
    "ifup -s refuses an unknown mode",
  );
});

Deno.test("stanzas - a VLAN named by the admin, and a bridge over a staged bond", async () => {
  const file = addVlan("", { name: "vlan7", parent: "eno1", id: 7 });
  assertEquals(
    file,
    "auto vlan7\niface vlan7 inet manual\n    vlan-raw-device eno1\n    vlan-id 7\n",
  );
  assertEquals(usersOf(parse(file), "eno1"), ["vlan7"]);
  // A dotted name without vlan-raw-device is a VLAN of its parent to ifupdown2 as well.
  assertEquals(usersOf(parse("iface eno1.9 inet manual\n"), "eno1"), ["eno1.9"]);
  const bonded = addBond(INITIAL, {
    name: "bond0",
    members: ["nic0", "nic1"],
    mode: "balance-alb",
    miimon: 100,
  });
  const bridged = bridgeNic(bonded, "bond0", "vmbr0");
  assert(
    bridged.endsWith(`auto vmbr0
iface vmbr0 inet static
    address 10.79.0.1/24
    gateway 10.79.0.254
    mtu 1400
    bridge-ports bond0
    bridge-ports-condone-regex ^vnet[0-9]+$
    bridge-stp off
    bridge-fd 0
`),
    bridged,
  );
  assert(bridged.includes("iface bond0 inet manual\n    mtu 1400\n    bond-slaves nic0 nic1\n"));
  assertEquals(usersOf(parse(bridged), "bond0"), ["vmbr0"]);
  assertEquals(await ifupdown2Refusal(bridged), "");
});

Deno.test("stanzas - addresses: static per family with its gateway, DHCP, none; the rest stays", async () => {
  const both = setAddressing(BOND_VLAN, "bond0.20", {
    method: "static",
    addresses: ["192.0.2.10/24", "2001:db8::10/64", "192.0.2.11/24"],
    gateway: "2001:db8::1",
  });
  assert(
    both.endsWith(`auto bond0.20
iface bond0.20 inet static
    address 192.0.2.10/24
    address 192.0.2.11/24
    vlan-raw-device bond0
    vlan-id 20
iface bond0.20 inet6 static
    address 2001:db8::10/64
    gateway 2001:db8::1
`),
    both,
  );
  assertEquals(await ifupdown2Refusal(both), "");
  // Back to none: the inet6 stanza, left with nothing, goes; the VLAN's options stay.
  assertEquals(setAddressing(both, "bond0.20", { method: "none" }), BOND_VLAN);
  // DHCP replaces the static address and its gateway, keeps the MTU and the bond's options.
  const dhcp = setAddressing(BOND_VLAN, "bond0", { method: "dhcp" });
  assert(
    dhcp.includes(`iface bond0 inet dhcp
    mtu 1400
    bond-slaves nic0 nic1
`),
    dhcp,
  );
  assertEquals(await ifupdown2Refusal(dhcp), "");
  // An interface the file does not name gets its stanza, started at boot.
  assertEquals(
    setAddressing("auto lo\niface lo inet loopback\n", "nic1", {
      method: "static",
      addresses: ["10.0.0.2/24"],
    }),
    "auto lo\niface lo inet loopback\n\nauto nic1\niface nic1 inet static\n    address 10.0.0.2/24\n",
  );
  // One the file names without `auto` is made to start at boot; a family-less stanza takes inet;
  // an inet6 stanza's other options stay, as manual.
  assertEquals(
    setAddressing(
      "iface eno2\n    mtu 9000\niface eno2 inet6 static\n    address fd00::1/64\n    accept_ra 0\n",
      "eno2",
      {
        method: "static",
        addresses: ["10.0.0.3/24"],
        gateway: "10.0.0.1",
      },
    ),
    "auto eno2\niface eno2 inet static\n    address 10.0.0.3/24\n    gateway 10.0.0.1\n    mtu 9000\niface eno2 inet6 manual\n    accept_ra 0\n",
  );
});

Deno.test("stanzas - a deletion takes the stanzas and the auto line, leaves no doubled blank line", async () => {
  assertEquals(
    removeInterface(BOND_VLAN, "bond0.20"),
    BOND_VLAN.replace(/\nauto bond0\.20\n[^]*$/, ""),
  );
  const withoutVlan = removeInterface(BOND_VLAN, "bond0.20");
  const middle = removeInterface(
    `${withoutVlan}\nauto br9\niface br9 inet manual\n    bridge-ports nic1\n`,
    "bond0",
  );
  assertEquals(
    middle,
    `# The host's file.
auto lo
iface lo inet loopback

auto nic0
iface nic0 inet manual
    mtu 1400

auto br9
iface br9 inet manual
    bridge-ports nic1
`,
  );
  assertEquals(await ifupdown2Refusal(middle), "");
  // A name among others on an auto line leaves the others.
  assertEquals(
    removeInterface(
      "auto lo bond1 eno1\niface bond1 inet manual\n    bond-slaves eno1 eno2\n",
      "bond1",
    ),
    "auto lo eno1\n",
  );
  assertEquals(kindInFile(parse("iface br1\n    bridge-ports eno1\n"), "br1"), "bridge");
  assertEquals(removeInterface("", "x"), "");
});
