// German for host-side networks (Open vSwitch bridges, macvtap, SR-IOV), port groups and VLANs:
// the network and NIC forms, their facts, and the API's refusals.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "Macvtap": "Macvtap",
  "SR-IOV": "SR-IOV",
  "{{mode}} (Open vSwitch)": "{{mode}} (Open vSwitch)",
  "{{mode}} ({{how}}) on {{device}}": "{{mode}} ({{how}}) auf {{device}}",
  "{{mode}} on {{device}}": "{{mode}} auf {{device}}",
  "Port groups": "Portgruppen",
  "Port group": "Portgruppe",
  "Macvtap — guests sit right on a host interface":
    "Macvtap – Gäste sitzen direkt auf einer Host-Schnittstelle",
  "SR-IOV — each guest gets a virtual function of the card":
    "SR-IOV – jeder Gast erhält eine virtuelle Funktion der Karte",
  "Bridge — guests also reach each other": "Bridge – Gäste erreichen auch einander",
  "VEPA — guest traffic goes through the outside switch":
    "VEPA – Gastverkehr läuft über den externen Switch",
  "Private — guests never reach each other": "Privat – Gäste erreichen einander nie",
  "Passthrough — one guest owns the interface (VLANs possible)":
    "Passthrough – ein Gast besitzt die Schnittstelle (VLANs möglich)",
  "An existing Linux or Open vSwitch bridge on the host, e.g. {{example}}":
    "Eine vorhandene Linux- oder Open-vSwitch-Bridge auf dem Host, z. B. {{example}}",
  "Physical function": "Physische Funktion",
  "Host interface": "Host-Schnittstelle",
  "The SR-IOV card's interface on the host, e.g. {{example}}":
    "Die Schnittstelle der SR-IOV-Karte auf dem Host, z. B. {{example}}",
  "The host interface guests sit on, e.g. {{example}}":
    "Die Host-Schnittstelle, auf der die Gäste sitzen, z. B. {{example}}",
  "Macvtap mode": "Macvtap-Modus",
  "Port groups (optional)": "Portgruppen (optional)",
  "A line each: a name, then its VLAN tags, e.g. “office 10” or “uplink 10 20 30”. VLANs need an Open vSwitch bridge, SR-IOV or macvtap passthrough.":
    "Je Zeile ein Name, dann seine VLAN-Tags, z. B. „buero 10“ oder „uplink 10 20 30“. VLANs brauchen eine Open-vSwitch-Bridge, SR-IOV oder Macvtap-Passthrough.",
  "group {{name}}": "Gruppe {{name}}",
  "The network's default": "Standard des Netzwerks",
  "VLAN tags": "VLAN-Tags",
  "One tag for an access port, several for a trunk, e.g. 10, 20":
    "Ein Tag für einen Access-Port, mehrere für einen Trunk, z. B. 10, 20",
  "VLAN {{tags}} (trunk, {{native}} untagged)": "VLAN {{tags}} (Trunk, {{native}} ungetaggt)",
  "VLAN {{tags}} (trunk)": "VLAN {{tags}} (Trunk)",
  "Network {{network}} has no port group {{portgroup}}":
    "Netzwerk {{network}} hat keine Portgruppe {{portgroup}}",
  "Network {{network}} cannot tag frames: VLANs need an Open vSwitch bridge, SR-IOV or macvtap passthrough":
    "Netzwerk {{network}} kann keine Frames taggen: VLANs brauchen eine Open-vSwitch-Bridge, SR-IOV oder Macvtap-Passthrough",
  "portgroup must be the name of one of the network's port groups":
    "portgroup muss der Name einer Portgruppe des Netzwerks sein",
  'Invalid macvtap mode "{{mode}}": must be one of {{modes}}':
    "Ungültiger Macvtap-Modus „{{mode}}“: erlaubt sind {{modes}}",
  'Invalid host interface "{{name}}": give one of the host\'s interfaces such as eth0':
    "Ungültige Host-Schnittstelle „{{name}}“: eine Schnittstelle des Hosts wie eth0 angeben",
  "Only {{modes}} networks take {{key}}": "Nur {{modes}}-Netzwerke nehmen {{key}}",
  "A {{mode}} network takes its addresses from the host's network: remove {{key}}":
    "Ein {{mode}}-Netzwerk bezieht seine Adressen aus dem Netz des Hosts: {{key}} entfernen",
  "Host interface {{name}} does not exist": "Host-Schnittstelle {{name}} existiert nicht",
  "{{name}} makes no SR-IOV virtual functions: its card or driver has no SR-IOV":
    "{{name}} bildet keine virtuellen SR-IOV-Funktionen: Karte oder Treiber können kein SR-IOV",
  "Port group {{name}} has VLAN tags, but this network's ports cannot tag frames: VLANs need an Open vSwitch bridge, SR-IOV or macvtap passthrough":
    "Portgruppe {{name}} hat VLAN-Tags, aber die Ports dieses Netzwerks können keine Frames taggen: VLANs brauchen eine Open-vSwitch-Bridge, SR-IOV oder Macvtap-Passthrough",
  "VLAN tags are whole numbers from {{min}} to {{max}}":
    "VLAN-Tags sind ganze Zahlen von {{min}} bis {{max}}",
  "vlan.tags lists 1 to {{max}} different VLAN tags":
    "vlan.tags nennt 1 bis {{max}} verschiedene VLAN-Tags",
  "vlan.trunk must be true or false": "vlan.trunk muss true oder false sein",
  'vlan must look like {"tags": [42]}': 'vlan muss so aussehen: {"tags": [42]}',
  "vlan.nativeTag must be one of vlan.tags": "vlan.nativeTag muss eines der vlan.tags sein",
  "vlan.nativeTag needs a trunk: give several tags or trunk: true":
    "vlan.nativeTag braucht einen Trunk: mehrere Tags oder trunk: true angeben",
  'Invalid port group name "{{name}}": letters, digits, ".", "_" and "-", up to 64':
    "Ungültiger Portgruppenname „{{name}}“: Buchstaben, Ziffern, „.“, „_“ und „-“, bis zu 64",
  "portgroups[].default must be true or false": "portgroups[].default muss true oder false sein",
  'A port group looks like {"name": "vlan42", "vlan": {"tags": [42]}}':
    'Eine Portgruppe sieht so aus: {"name": "vlan42", "vlan": {"tags": [42]}}',
  "portgroups lists at most {{max}} port groups with different names, one of them the default":
    "portgroups nennt höchstens {{max}} Portgruppen mit verschiedenen Namen, eine davon als Standard",
  // Static addresses of a new VM (cloud-init network-config).
  "static {{addresses}}": "statisch {{addresses}}",
  "Static addresses instead of DHCP": "Statische Adressen statt DHCP",
  "IPv4 or IPv6 with its prefix, one per line, e.g. 192.168.1.50/24":
    "IPv4 oder IPv6 mit Präfix, eine je Zeile, z. B. 192.168.1.50/24",
  "IPv4 gateway": "IPv4-Gateway",
  "IPv6 gateway": "IPv6-Gateway",
  "DNS servers": "DNS-Server",
  "Search domains": "Suchdomänen",
  "Static addresses need a network interface: choose a network":
    "Statische Adressen brauchen eine Netzwerkschnittstelle: ein Netzwerk wählen",
  "Static addresses: give 1 to {{max}}, each with its prefix, e.g. 192.168.1.50/24":
    "Statische Adressen: 1 bis {{max}} angeben, jede mit Präfix, z. B. 192.168.1.50/24",
  "Invalid address {{address}}: an IPv4 or IPv6 address with its prefix, e.g. 192.168.1.50/24":
    "Ungültige Adresse {{address}}: eine IPv4- oder IPv6-Adresse mit Präfix, z. B. 192.168.1.50/24",
  "Invalid IPv{{family}} gateway: {{gateway}}": "Ungültiges IPv{{family}}-Gateway: {{gateway}}",
  "An IPv{{family}} gateway needs an IPv{{family}} address":
    "Ein IPv{{family}}-Gateway braucht eine IPv{{family}}-Adresse",
  "DNS servers: at most {{max}} IPv4 or IPv6 addresses":
    "DNS-Server: höchstens {{max}} IPv4- oder IPv6-Adressen",
  "Search domains: at most {{max}} domain names": "Suchdomänen: höchstens {{max}} Domänennamen",
};

export default words;
