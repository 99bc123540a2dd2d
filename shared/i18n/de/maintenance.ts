// German: maintenance mode of hosts (islands/HostMaintenance.tsx, lib/maintenance/).

export default {
  "Maintenance": "Wartung",
  "Host for maintenance": "Host für die Wartung",
  "A host in maintenance takes no new VMs. Entering it live-migrates its running VMs to the other connected hosts, by free memory or as you choose; leaving it can bring them back.":
    "Ein Host in Wartung nimmt keine neuen VMs an. Beim Eintritt werden seine laufenden VMs live auf die anderen verbundenen Hosts migriert, nach freiem Speicher oder nach Ihrer Wahl; beim Verlassen können sie zurückkehren.",
  "Moving VMs away": "VMs werden verlagert",
  "Bringing VMs back": "VMs werden zurückgeholt",
  "{{done}} of {{total}} VMs moved": "{{done}} von {{total}} VMs verschoben",
  "now: {{names}}": "gerade: {{names}}",
  "cancelled": "abgebrochen",
  "In maintenance": "In Wartung",
  "since {{when}}, by {{who}}": "seit {{when}}, durch {{who}}",
  "{{count}} VMs moved away_one": "{{count}} VM verlagert",
  "{{count}} VMs moved away_other": "{{count}} VMs verlagert",
  "{{name}} is in service.": "{{name}} ist in Betrieb.",
  "Stopped VMs": "Gestoppte VMs",
  "Stay here": "Bleiben hier",
  "Move their definitions": "Ihre Definitionen verschieben",
  "Migrations at a time": "Migrationen gleichzeitig",
  "Plan moves": "Verschiebungen planen",
  "Enter maintenance": "Wartung beginnen",
  "Cancel moves": "Verschiebungen abbrechen",
  "Bring back the {{count}} VMs that left_one": "Die {{count}} verlagerte VM zurückholen",
  "Bring back the {{count}} VMs that left_other": "Die {{count}} verlagerten VMs zurückholen",
  "Leave maintenance": "Wartung beenden",
  "(maintenance)": "(Wartung)",
  "Stays on this host": "Bleibt auf diesem Host",
  "Destination of {{name}}": "Ziel von {{name}}",
  "By free memory": "Nach freiem Speicher",
  "Move": "Verschiebung",
  "Live migration": "Live-Migration",
  "Definition": "Definition",
  "Destination": "Ziel",
  "Maintenance plan": "Wartungsplan",
  "No VMs on this host.": "Keine VMs auf diesem Host.",
  "Cancel maintenance moves": "Wartungsverschiebungen abbrechen",
  "targets must map VM names or UUIDs to host ids, like {{example}}":
    "targets muss VM-Namen oder UUIDs auf Host-IDs abbilden, etwa {{example}}",
  "parallel must be 1 or 2 (migrations at a time)":
    "parallel muss 1 oder 2 sein (Migrationen gleichzeitig)",
  'stopped must be "stay" or "move"': 'stopped muss "stay" oder "move" sein',
  "Each target must be a host id of 1 to 100 characters":
    "Jedes Ziel muss eine Host-ID mit 1 bis 100 Zeichen sein",
  "At most 500 targets": "Höchstens 500 Ziele",
  "only must list VM names or UUIDs": "only muss VM-Namen oder UUIDs auflisten",
  "only must name at least one VM": "only muss mindestens eine VM nennen",
  "only names at most 500 VMs": "only nennt höchstens 500 VMs",
  "Unknown fields {{fields}}; maintenance takes targets, only, stopped and parallel_one":
    "Unbekanntes Feld {{fields}}; die Wartung nimmt targets, only, stopped und parallel",
  "Unknown fields {{fields}}; maintenance takes targets, only, stopped and parallel_other":
    "Unbekannte Felder {{fields}}; die Wartung nimmt targets, only, stopped und parallel",
  "bringBack must be true or false": "bringBack muss true oder false sein",
  "Unknown fields {{fields}}; leaving maintenance takes bringBack_one":
    "Unbekanntes Feld {{fields}}; das Beenden der Wartung nimmt bringBack",
  "Unknown fields {{fields}}; leaving maintenance takes bringBack_other":
    "Unbekannte Felder {{fields}}; das Beenden der Wartung nimmt bringBack",
  'Host "{{name}}" is in maintenance: it takes no new VMs until it leaves maintenance':
    'Host "{{name}}" ist in Wartung: Er nimmt keine neuen VMs an, bis die Wartung endet',
  'No VM "{{vm}}" on host "{{host}}"': 'Keine VM "{{vm}}" auf Host "{{host}}"',
  'The target of {{vm}}, "{{to}}", is no other host (GET /api/hosts)':
    'Das Ziel von {{vm}}, "{{to}}", ist kein anderer Host (GET /api/hosts)',
  'Host "{{name}}" is in maintenance already': 'Host "{{name}}" ist bereits in Wartung',
  "{{vm}} has nowhere to go: {{problem}}": "{{vm}} kann nirgendwohin: {{problem}}",
  'Host "{{name}}" is not in maintenance': 'Host "{{name}}" ist nicht in Wartung',
  "Left maintenance": "Wartung beendet",
  'No maintenance run of host "{{name}}" is going on':
    'Auf Host "{{name}}" laufen keine Wartungsverschiebungen',
  'VMs of host "{{name}}" are being moved: wait for it, or cancel it':
    'VMs von Host "{{name}}" werden gerade verschoben: warten Sie oder brechen Sie ab',
  '"{{host}}" is no other host': '"{{host}}" ist kein anderer Host',
  'Host "{{name}}" is in maintenance': 'Host "{{name}}" ist in Wartung',
  'Host "{{name}}" is not connected': 'Host "{{name}}" ist nicht verbunden',
  "No other connected host to move it to": "Kein anderer verbundener Host als Ziel",
  "No connected host has {{mb}} MiB of memory free":
    "Kein verbundener Host hat {{mb}} MiB Speicher frei",
  "This is the only host KVM Manager manages, so there is nowhere to move its VMs: entering maintenance here only stops new VMs from starting on it, and its running VMs stay. Add a second host (qemu+ssh://…) to move them away first.":
    "Dies ist der einzige Host, den KVM Manager verwaltet, es gibt also kein Ziel für seine VMs: die Wartung verhindert hier nur, dass neue VMs auf ihm starten; laufende VMs bleiben. Einen zweiten Host (qemu+ssh://…) hinzufügen, um sie vorher wegzubewegen.",
};
