// German for the host network changes (bridges, bonds, VLANs and addresses, applied with a
// rollback), their page and their API's refusals.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "Stage host network change": "Änderung am Host-Netzwerk vormerken",
  "Stage a bond": "Bond vormerken",
  "Stage a VLAN interface": "VLAN-Schnittstelle vormerken",
  "Stage an interface's addresses": "Adressen einer Schnittstelle vormerken",
  "Stage a bridge's ports": "Ports einer Bridge vormerken",
  "Stage a bond change": "Änderung eines Bonds vormerken",
  "Stage deleting an interface": "Löschen einer Schnittstelle vormerken",
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
  // Bonds, VLANs, addresses and deletions: the page.
  "Create bond": "Bond anlegen",
  "Create VLAN": "VLAN anlegen",
  "Set addresses": "Adressen festlegen",
  "Stage addresses": "Adressen vormerken",
  "Addresses from": "Adressen aus",
  "These addresses": "Diese Adressen",
  "DHCP (IPv4)": "DHCP (IPv4)",
  "One a line, with its prefix length: 192.0.2.10/24 or 2001:db8::10/64.":
    "Eine pro Zeile, mit Präfixlänge: 192.0.2.10/24 oder 2001:db8::10/64.",
  "Gateway (optional)": "Gateway (optional)",
  "Mode {{mode}}": "Modus {{mode}}",
  "Set the addresses of {{name}}": "Adressen von {{name}} festlegen",
  "Stage the deletion of {{name}} from the interfaces file":
    "Löschen von {{name}} aus der Interfaces-Datei vormerken",
  "Stage VLAN": "VLAN vormerken",
  "Parent": "Übergeordnete Schnittstelle",
  "No interface here can carry a VLAN: each is a port or a loopback.":
    "Keine Schnittstelle hier kann ein VLAN tragen: jede ist ein Port oder ein Loopback.",
  "A NIC, bond or bridge, also one staged and not applied yet.":
    "Eine Netzwerkkarte, ein Bond oder eine Bridge, auch eine vorgemerkte, noch nicht angewendete.",
  "VLAN id": "VLAN-ID",
  "1 to 4094.": "1 bis 4094.",
  "Name (optional)": "Name (optional)",
  "Stage bond": "Bond vormerken",
  "Bond name": "Name des Bonds",
  "active-backup needs nothing of the switch; 802.3ad (LACP) needs it configured.":
    "active-backup braucht nichts vom Switch; 802.3ad (LACP) braucht ihn entsprechend eingerichtet.",
  "Link check every (ms)": "Verbindung prüfen alle (ms)",
  "0 to 10000; 0 turns the check off.": "0 bis 10000; 0 schaltet die Prüfung ab.",
  "Members": "Mitglieder",
  "A bond needs two NICs that are no port of a bridge or bond: this host has fewer.":
    "Ein Bond braucht zwei Netzwerkkarten, die kein Port einer Bridge oder eines Bonds sind: dieser Host hat weniger.",
  "A member's addresses move to the bond; the members keep none.":
    "Die Adressen eines Mitglieds wandern zum Bond; die Mitglieder behalten keine.",
  // Their API's refusals.
  "A bond needs at least 2 members": "Ein Bond braucht mindestens 2 Mitglieder",
  "A bond takes at most {{max}} members": "Ein Bond nimmt höchstens {{max}} Mitglieder",
  "Each member may be named once": "Jedes Mitglied darf nur einmal genannt werden",
  "mode must be one of {{modes}}": "mode muss einer von {{modes}} sein",
  "miimon must be a whole number of milliseconds": "miimon muss eine ganze Zahl Millisekunden sein",
  "miimon must be 0 to {{max}} ms": "miimon muss 0 bis {{max}} ms sein",
  "id must be a VLAN id from 1 to 4094": "id muss eine VLAN-ID von 1 bis 4094 sein",
  "{{value}} is not an address with a prefix length, like 192.0.2.10/24 or 2001:db8::10/64":
    "{{value}} ist keine Adresse mit Präfixlänge wie 192.0.2.10/24 oder 2001:db8::10/64",
  "An address needs a prefix length above 0": "Eine Adresse braucht eine Präfixlänge über 0",
  "{{value}} is not an IP address": "{{value}} ist keine IP-Adresse",
  "method must be static, dhcp or none": "method muss static, dhcp oder none sein",
  "At most {{max}} addresses": "Höchstens {{max}} Adressen",
  "Addresses and a gateway are given only with method static":
    "Adressen und ein Gateway gibt es nur mit method static",
  "Give at least one address": "Mindestens eine Adresse angeben",
  "Each address may be given once": "Jede Adresse darf nur einmal angegeben werden",
  "The gateway needs an address of its family (IPv4 or IPv6)":
    "Das Gateway braucht eine Adresse seiner Familie (IPv4 oder IPv6)",
  "{{name}} is longer than the 15 characters an interface name may have: give the VLAN a name":
    "{{name}} ist länger als die 15 Zeichen, die ein Schnittstellenname haben darf: dem VLAN einen Namen geben",
  "The loopback's addresses are the kernel's own":
    "Die Adressen des Loopbacks verwaltet der Kernel",
  "{{name}} is not in {{file}}": "{{name}} steht nicht in {{file}}",
  "Only a bridge, bond or VLAN can be deleted here: {{name}} is none":
    "Hier lassen sich nur Bridges, Bonds und VLANs löschen: {{name}} ist nichts davon",
  "{{name}} is used by {{users}}: delete or change those first":
    "{{name}} wird von {{users}} verwendet: diese zuerst löschen oder ändern",
  "The staged file would be larger than {{max}} KiB":
    "Die vorgemerkte Datei wäre größer als {{max}} KiB",
  "{{name}} is already a port of {{master}}": "{{name}} ist bereits Port von {{master}}",
  "{{name}} is not a NIC: a bond is made of NICs":
    "{{name}} ist keine Netzwerkkarte: ein Bond besteht aus Netzwerkkarten",
  "{{name}} carries {{vlans}}: a bond's member carries no VLAN of its own":
    "{{name}} trägt {{vlans}}: ein Mitglied eines Bonds trägt kein eigenes VLAN",
  "{{names}} all have addresses: give them to one of them (or none) first":
    "{{names}} haben alle Adressen: sie zuerst nur einer (oder keiner) davon geben",
  "{{name}} cannot carry a VLAN: only a NIC, bond or bridge can":
    "{{name}} kann kein VLAN tragen: das können nur Netzwerkkarten, Bonds und Bridges",
  "VLAN {{id}} is already on {{parent}}: {{name}}":
    "VLAN {{id}} liegt bereits auf {{parent}}: {{name}}",
  "{{name}} has addresses: a port has none. Set its addresses to none first (and give them to {{to}} if the host should keep them there)":
    "{{name}} hat Adressen: ein Port hat keine. Zuerst seine Adressen auf keine setzen (und sie {{to}} geben, wenn der Host sie dort behalten soll)",
  "{{name}} cannot be a bridge's port: only a NIC, bond or VLAN can":
    "{{name}} kann kein Port einer Bridge sein: das können nur Netzwerkkarten, Bonds und VLANs",
  "{{file}} defines no bridge named {{name}}": "{{file}} definiert keine Bridge namens {{name}}",
  "{{file}} defines no bond named {{name}}": "{{file}} definiert keinen Bond namens {{name}}",
  "A bridge takes at most {{max}} ports here": "Eine Bridge nimmt hier höchstens {{max}} Ports",
  "Each port may be named once": "Jeder Port darf nur einmal genannt werden",
  "Staged": "Vorgemerkt",
  "Ports": "Ports",
  "Stage change": "Änderung vormerken",
  "Edit the ports of {{name}}": "Ports von {{name}} bearbeiten",
  "Edit the members and mode of {{name}}": "Mitglieder und Modus von {{name}} bearbeiten",
  "With no port the bridge is a switch of its own: VMs on it reach each other and the host only.":
    "Ohne Port ist die Bridge ein eigener Switch: VMs darauf erreichen nur einander und den Host.",
  "A NIC joining the bond must have no addresses of its own.":
    "Eine Netzwerkkarte, die dem Bond beitritt, darf keine eigenen Adressen haben.",
};

export default words;
