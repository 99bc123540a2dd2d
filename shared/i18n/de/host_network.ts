// German for the host network changes (bridges over NICs, applied with a rollback) and their API's
// refusals.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "Stage host network change": "Änderung am Host-Netzwerk vormerken",
  "Discard staged host network changes": "Vorgemerkte Änderungen am Host-Netzwerk verwerfen",
  "Apply host network changes": "Änderungen am Host-Netzwerk anwenden",
  "Confirm host network change": "Änderung am Host-Netzwerk bestätigen",
  "Roll back host network change": "Änderung am Host-Netzwerk zurücknehmen",
  "{{what}} must be 1 to 15 letters, digits, '.', '_' or '-', starting with a letter or digit":
    "{{what}} muss aus 1 bis 15 Buchstaben, Ziffern, '.', '_' oder '-' bestehen und mit einem Buchstaben oder einer Ziffer beginnen",
  "This host has no interface named {{name}}":
    "Dieser Host hat keine Schnittstelle namens {{name}}",
  "This host already has an interface named {{name}}":
    "Dieser Host hat bereits eine Schnittstelle namens {{name}}",
  "{{nic}} is already a port of a bridge": "{{nic}} ist bereits Port einer Bridge",
  "No network change is staged": "Keine Netzwerkänderung ist vorgemerkt",
  "ip could not list the host's interfaces: {{message}}":
    "ip konnte die Schnittstellen des Hosts nicht auflisten: {{message}}",
  "A network change is waiting for its confirmation: confirm it or let it roll back first":
    "Eine Netzwerkänderung wartet auf ihre Bestätigung: erst bestätigen oder zurücknehmen lassen",
  "This network change is no longer waiting: it was confirmed or rolled back":
    "Diese Netzwerkänderung wartet nicht mehr: sie wurde bestätigt oder zurückgenommen",
  "ifupdown2 is not installed: host network changes need its ifreload (apt install ifupdown2)":
    "ifupdown2 ist nicht installiert: Änderungen am Host-Netzwerk brauchen sein ifreload (apt install ifupdown2)",
  "ifreload refused the change (exit status {{code}}): {{message}}":
    "ifreload hat die Änderung abgelehnt (Exit-Status {{code}}): {{message}}",
  "ifreload could not be run: {{reason}}": "ifreload konnte nicht ausgeführt werden: {{reason}}",
  "Host network changes are made on this machine through its own libvirt (qemu:///system), not through {{uri}}":
    "Änderungen am Host-Netzwerk werden auf diesem Rechner über sein eigenes libvirt (qemu:///system) gemacht, nicht über {{uri}}",
  "{{path}} is larger than {{max}} KiB: KVM Manager does not change it":
    "{{path}} ist größer als {{max}} KiB: KVM Manager ändert sie nicht",
  "{{nic}} cannot take a bridge: only a NIC, bond or VLAN that is no other device's port can":
    "Über {{nic}} kann keine Bridge entstehen: nur über eine Netzwerkkarte, einen Bond oder ein VLAN, die kein Port eines anderen Geräts sind",
  "{{name}} is configured in {{file}}: KVM Manager changes only {{interfaces}}":
    "{{name}} ist in {{file}} eingerichtet: KVM Manager ändert nur {{interfaces}}",
  "{{file}} changed since these changes were staged: discard them and stage them again":
    "{{file}} hat sich geändert, seit diese Änderungen vorgemerkt wurden: sie verwerfen und neu vormerken",
  "(the staged file differs too much to show as a diff; it reads:)\n{{file}}":
    "(die vorgemerkte Datei weicht zu stark ab, um sie als Diff zu zeigen; sie lautet:)\n{{file}}",
};

export default words;
