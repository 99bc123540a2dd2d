// German for a VM's firewall (libvirt network filters): the Firewall tab and the API's refusals.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "Accept": "Annehmen",
  "Drop": "Verwerfen",
  "Reject": "Abweisen",
  "Firewall": "Firewall",
  "Firewall saved; {{filtered}} of {{total}} network interfaces use it.":
    "Firewall gespeichert; {{filtered}} von {{total}} Netzwerkschnittstellen nutzen sie.",
  "Loading the firewall of {{name}}…": "Firewall von {{name}} wird geladen …",
  "Kept in libvirt as the network filter {{filter}} on the VM's network interfaces. Rules match IPv4 and IPv6 in order (in: to the VM, out: from it); the policy takes what no rule matches. Accepted connections' replies pass the other way; DHCP, DHCPv6 and IPv6 neighbour discovery always pass.":
    "In libvirt als Netzwerkfilter {{filter}} an den Netzwerkschnittstellen der VM gespeichert. Regeln prüfen IPv4 und IPv6 der Reihe nach (ein: zur VM, aus: von ihr); was keine Regel trifft, entscheidet die Richtlinie. Antworten angenommener Verbindungen passieren in Gegenrichtung; DHCP, DHCPv6 und IPv6-Nachbarerkennung passieren immer.",
  "Firewall on: every network interface uses it":
    "Firewall an: jede Netzwerkschnittstelle nutzt sie",
  "Anti-spoofing: the guest cannot send from other MAC or IP addresses":
    "Anti-Spoofing: der Gast kann nicht von fremden MAC- oder IP-Adressen senden",
  "Incoming traffic no rule matches": "Eingehender Verkehr, den keine Regel trifft",
  "Outgoing traffic no rule matches": "Ausgehender Verkehr, den keine Regel trifft",
  "This VM has no network interfaces: the firewall has nothing to filter.":
    "Diese VM hat keine Netzwerkschnittstellen: die Firewall hat nichts zu filtern.",
  "Network interfaces using it now: {{list}}":
    "Netzwerkschnittstellen, die sie jetzt nutzen: {{list}}",
  "Save firewall": "Firewall speichern",
  "In": "Ein",
  "Out": "Aus",
  "IPv4 and IPv6": "IPv4 und IPv6",
  "IPv4": "IPv4",
  "IPv6": "IPv6",
  "IP version": "IP-Version",
  "The address {{remote}} is {{implied}}; the rule cannot be {{family}} only":
    "Die Adresse {{remote}} ist {{implied}}; die Regel kann nicht nur {{family}} sein",
  "{{column}} of rule {{n}}": "{{column}} von Regel {{n}}",
  "Direction": "Richtung",
  "Other side": "Gegenseite",
  "any": "beliebig",
  "Comment": "Kommentar",
  "Order": "Reihenfolge",
  "Move rule {{n}} up": "Regel {{n}} nach oben",
  "Move rule {{n}} down": "Regel {{n}} nach unten",
  "Remove rule {{n}}": "Regel {{n}} entfernen",
  "Firewall rules": "Firewall-Regeln",
  "No rules: the policies decide.": "Keine Regeln: die Richtlinien entscheiden.",
  "Add rule": "Regel hinzufügen",
  "Set VM firewall": "VM-Firewall setzen",
  'Invalid {{what}} "{{value}}": must be one of {{values}}':
    "Ungültiger Wert für {{what}} „{{value}}“: erlaubt sind {{values}}",
  'Invalid port "{{port}}": a port from 1 to 65535, or a range such as 8000-8080':
    "Ungültiger Port „{{port}}“: ein Port von 1 bis 65535 oder ein Bereich wie 8000-8080",
  'Invalid address "{{value}}": an IPv4 or IPv6 address, or a CIDR such as 10.0.0.0/8 or 2001:db8::/32 (host bits zero)':
    "Ungültige Adresse „{{value}}“: eine IPv4- oder IPv6-Adresse oder ein CIDR wie 10.0.0.0/8 oder 2001:db8::/32 (Host-Bits null)",
  "A rule's comment is at most {{max}} characters, without control characters":
    "Der Kommentar einer Regel hat höchstens {{max}} Zeichen, ohne Steuerzeichen",
  'A rule looks like {"action": "accept", "direction": "in", "protocol": "tcp", "port": "22"}':
    'Eine Regel sieht so aus: {"action": "accept", "direction": "in", "protocol": "tcp", "port": "22"}',
  "Only TCP and UDP rules take a port": "Nur TCP- und UDP-Regeln nehmen einen Port",
  "rules lists at most {{max}} rules": "rules nennt höchstens {{max}} Regeln",
  'Body must be a JSON object like {"enabled": true, "antiSpoofing": true, "inboundPolicy": "drop", "outboundPolicy": "accept", "rules": []}':
    'Der Body muss ein JSON-Objekt sein wie {"enabled": true, "antiSpoofing": true, "inboundPolicy": "drop", "outboundPolicy": "accept", "rules": []}',
  "Rule {{n}}: {{problem}}": "Regel {{n}}: {{problem}}",
  "Failed to read the firewall of VM {{id}}": "Firewall der VM {{id}} konnte nicht gelesen werden",
  "Failed to set the firewall of VM {{id}}": "Firewall der VM {{id}} konnte nicht gesetzt werden",
  "Network interface {{mac}} uses the network filter {{filter}}, set elsewhere: remove it in the VM's XML first":
    "Netzwerkschnittstelle {{mac}} nutzt den anderswo gesetzten Netzwerkfilter {{filter}}: zuerst im XML der VM entfernen",
  "This host's libvirt driver has no network filters, so a VM firewall cannot be set here.":
    "Der libvirt-Treiber dieses Hosts hat keine Netzwerkfilter; eine VM-Firewall lässt sich hier nicht setzen.",
};

export default words;
