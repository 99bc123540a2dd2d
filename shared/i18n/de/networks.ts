// German for host-side networks (Open vSwitch bridges, macvtap, SR-IOV), port groups and VLANs:
// the network and NIC forms, their facts, and the API's refusals.

import type { Dictionary } from "../translator.ts";

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
};

export default words;
