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
  "its output is too large": "ihre Ausgabe ist zu groß",
  "its output is not JSON": "ihre Ausgabe ist kein JSON",
  "its output is not a list of links ({{issue}})":
    "ihre Ausgabe ist keine Liste von Links ({{issue}})",
  // The host network page (routes/pages/host_network.tsx, islands/HostNetwork.tsx).
  "Host network": "Host-Netzwerk",
  "This host's interfaces and bridges. Changes are staged, shown as a diff of /etc/network/interfaces, applied with ifupdown2 in one step, and roll back by themselves unless kept in time.":
    "Die Schnittstellen und Bridges dieses Hosts. Änderungen werden vorgemerkt, als Diff von /etc/network/interfaces gezeigt, mit ifupdown2 in einem Schritt angewendet und nehmen sich selbst zurück, wenn sie nicht rechtzeitig behalten werden.",
  "Interfaces": "Schnittstellen",
  "Host interfaces": "Schnittstellen des Hosts",
  "No interfaces.": "Keine Schnittstellen.",
  "Could not read the host's interfaces.":
    "Die Schnittstellen des Hosts konnten nicht gelesen werden.",
  "NIC": "Netzwerkkarte",
  "VLAN": "VLAN",
  "veth": "veth",
  "Up": "Aktiv",
  "No carrier": "Kein Träger",
  "Down": "Inaktiv",
  "Ports: {{ports}}": "Ports: {{ports}}",
  "VLAN {{id}} on {{parent}}": "VLAN {{id}} auf {{parent}}",
  "Port of {{master}}": "Port von {{master}}",
  "Ports / parent": "Ports / übergeordnet",
  "Create a bridge over {{name}}": "Eine Bridge über {{name}} anlegen",
  "Create bridge over NIC": "Bridge über Netzwerkkarte anlegen",
  "Stage bridge": "Bridge vormerken",
  "Bridge name": "Name der Bridge",
  "Its addresses move to the bridge; VMs on the bridge join its LAN.":
    "Ihre Adressen ziehen auf die Bridge um; VMs an der Bridge sind in ihrem LAN.",
  "No interface here can take a bridge: each is a bridge, a port or a loopback.":
    "Keine Schnittstelle hier kann eine Bridge tragen: jede ist eine Bridge, ein Port oder ein Loopback.",
  "Pending changes": "Vorgemerkte Änderungen",
  "Staged changes of /etc/network/interfaces": "Vorgemerkte Änderungen an /etc/network/interfaces",
  "Roll back after (seconds)": "Zurücknehmen nach (Sekunden)",
  "10 to 600. The change undoes itself unless you keep it from this page within that time, so a change that cuts you off comes back by itself.":
    "10 bis 600. Die Änderung nimmt sich selbst zurück, wenn Sie sie nicht in dieser Zeit auf dieser Seite behalten; eine Änderung, die Sie aussperrt, macht sich so von selbst rückgängig.",
  "Discard": "Verwerfen",
  "Applied change": "Angewendete Änderung",
  "Applied. It rolls back in {{seconds}} s unless you keep it: check that the host still answers, then keep it.":
    "Angewendet. Sie wird in {{seconds}} s zurückgenommen, wenn Sie sie nicht behalten: prüfen, ob der Host noch antwortet, dann behalten.",
  "Keep this change": "Diese Änderung behalten",
  "Undo now": "Jetzt zurücknehmen",
  "Not kept in time: the host is rolling the change back…":
    "Nicht rechtzeitig behalten: der Host nimmt die Änderung zurück …",
  "Not kept in time: the change was rolled back.":
    "Nicht rechtzeitig behalten: die Änderung wurde zurückgenommen.",
  "The host has not said that the change was rolled back: read this page again.":
    "Der Host hat nicht gemeldet, dass die Änderung zurückgenommen wurde: diese Seite neu laden.",
  "The change is kept.": "Die Änderung bleibt.",
  "The change was undone.": "Die Änderung wurde zurückgenommen.",
  "VM network {{name}}": "VM-Netzwerk {{name}}",
  "Offer to VMs": "Für VMs anbieten",
  "Make {{name}} a network VMs can be created on":
    "{{name}} zu einem Netzwerk machen, auf dem VMs angelegt werden können",
  "VMs can now be created on {{bridge}}: choose network {{name}} in the wizard.":
    "VMs können jetzt an {{bridge}} angelegt werden: im Assistenten das Netzwerk {{name}} wählen.",
  // The Networks page's "Bridge this NIC for VMs" (routes/pages/networks.tsx).
  "VMs straight on the LAN need a host bridge:": "VMs direkt im LAN brauchen eine Host-Bridge:",
  "Bridge {{nic}} for VMs": "{{nic}} für VMs überbrücken",
};

export default words;
