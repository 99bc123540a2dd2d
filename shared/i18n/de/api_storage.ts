// German for the server's own words, area api_storage (the API's messages: see ../README.md).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // lib/storage/lookups.ts, pools.ts
  "Failed to list storage pools": "Die Speicherpools konnten nicht aufgelistet werden",

  // lib/storage/pool_input.ts: a new pool's checks
  "Pool path {{path}} is outside the allowed storage roots: allowed roots are {{roots}} (--storage-root)":
    "Der Poolpfad {{path}} liegt außerhalb der zugelassenen Speicherverzeichnisse: zugelassen sind {{roots}} (--storage-root)",
  "Pool path {{path}} leads to {{real}} through a symbolic link, outside the allowed storage roots: allowed roots are {{roots}} (--storage-root)":
    "Der Poolpfad {{path}} führt über einen symbolischen Link nach {{real}}, außerhalb der zugelassenen Speicherverzeichnisse: zugelassen sind {{roots}} (--storage-root)",
  "{{key}} must be true or false": "{{key}} muss true oder false sein",
  'Invalid pool type "{{type}}": must be one of {{types}}':
    "Ungültiger Pooltyp „{{type}}“: erlaubt sind {{types}}",
  'Invalid pool path "{{path}}": must be an absolute path without "." or ".."':
    "Ungültiger Poolpfad „{{path}}“: muss ein absoluter Pfad ohne „.“ oder „..“ sein",
  'Invalid source host "{{host}}": give a host name or IP address':
    "Ungültiger Quell-Host „{{host}}“: einen Hostnamen oder eine IP-Adresse angeben",
  'Invalid NFS export "{{path}}": must be an absolute path like /export/vms':
    "Ungültiger NFS-Export „{{path}}“: muss ein absoluter Pfad wie /export/vms sein",
  'Invalid volume group name "{{vg}}"': "Ungültiger Name der Volumegruppe „{{vg}}“",
  "sourceDevices must be a list of at most 64 device paths or iSCSI targets":
    "sourceDevices muss eine Liste von höchstens 64 Gerätepfaden oder iSCSI-Targets sein",
  "An iSCSI pool needs the target's IQN in sourceDevices":
    "Ein iSCSI-Pool braucht die IQN des Targets in sourceDevices",
  "Give at least one device paths in sourceDevices":
    "Mindestens einen Gerätepfad in sourceDevices angeben",
  "Give zero or more device paths in sourceDevices":
    "Null oder mehr Gerätepfade in sourceDevices angeben",
  'Invalid iSCSI target "{{target}}": expected an IQN like iqn.2024-01.com.example:disk1':
    "Ungültiges iSCSI-Target „{{target}}“: erwartet wird eine IQN wie iqn.2024-01.com.example:disk1",
  'Invalid device "{{device}}": expected a path under /dev':
    "Ungültiges Gerät „{{device}}“: erwartet wird ein Pfad unter /dev",
  'Body must be a JSON object like {"autostart": true}':
    'Der Anfrageinhalt muss ein JSON-Objekt wie {"autostart": true} sein',
  'Body must be a JSON object like {"deleteContents": true, "confirm": "NAME"}':
    'Der Anfrageinhalt muss ein JSON-Objekt wie {"deleteContents": true, "confirm": "NAME"} sein',

  // lib/storage/pools.ts: the pool service
  "Failed to start storage pool {{name}}": "Speicherpool {{name}} konnte nicht gestartet werden",
  "Failed to stop storage pool {{name}}": "Speicherpool {{name}} konnte nicht gestoppt werden",
  "Failed to build storage pool {{name}}": "Speicherpool {{name}} konnte nicht angelegt werden",
  "Failed to refresh storage pool {{name}}":
    "Speicherpool {{name}} konnte nicht aktualisiert werden",
  'Invalid pool name "{{name}}"': "Ungültiger Poolname „{{name}}“",
  'Invalid volume name "{{name}}"': "Ungültiger Volume-Name „{{name}}“",
  'Invalid network name "{{name}}"': "Ungültiger Netzwerkname „{{name}}“",
  "Storage pool not found": "Speicherpool nicht gefunden",
  "Storage pool already exists: {{name}}": "Speicherpool existiert bereits: {{name}}",
  "Storage pool {{name}} already uses {{path}}": "Speicherpool {{name}} verwendet bereits {{path}}",
  "Failed to create storage pool {{name}}": "Speicherpool {{name}} konnte nicht erstellt werden",
  'Unknown pool action "{{action}}"': "Unbekannte Pool-Aktion „{{action}}“",
  "Failed to set autostart of storage pool {{name}}":
    "Autostart von Speicherpool {{name}} konnte nicht gesetzt werden",
  'Deleting every volume of {{name}} needs confirmation: repeat the pool\'s name in "confirm"':
    "Alle Volumes von {{name}} zu löschen muss bestätigt werden: den Namen des Pools in „confirm“ wiederholen",
  "Failed to delete storage pool {{name}}": "Speicherpool {{name}} konnte nicht gelöscht werden",

  // lib/storage/volumes.ts: the volume service
  "Invalid volume name: use 1-255 letters, digits, '.', '_', '+' or '-', not starting with '-' or '.', without '/' or '..'":
    "Ungültiger Volume-Name: erlaubt sind 1-255 Buchstaben, Ziffern, '.', '_', '+' oder '-', nicht am Anfang '-' oder '.', ohne '/' oder '..'",
  "Invalid size: {{size}} (must be more than 0 and at most {{max}} GB)":
    "Ungültige Größe: {{size}} (muss größer als 0 und höchstens {{max}} GB sein)",
  'Invalid format "{{format}}": must be qcow2 or raw':
    "Ungültiges Format „{{format}}“: muss qcow2 oder raw sein",
  "Failed to list the volumes of {{pool}}":
    "Die Volumes von {{pool}} konnten nicht aufgelistet werden",
  "Volume {{name}} not found in {{pool}}": "Volume {{name}} nicht gefunden in {{pool}}",
  "Volume already exists in {{pool}}: {{name}}": "Volume existiert bereits in {{pool}}: {{name}}",
  "Failed to create volume {{name}}": "Volume {{name}} konnte nicht erstellt werden",
  "Failed to delete volume {{name}}": "Volume {{name}} konnte nicht gelöscht werden",
  "Volumes can only grow: {{name}} is already {{size}} GB":
    "Volumes können nur wachsen: {{name}} hat bereits {{size}} GB",
  "Failed to resize volume {{name}}": "Größe von Volume {{name}} konnte nicht geändert werden",
  "Failed to clone volume {{name}}": "Volume {{name}} konnte nicht geklont werden",
  "Upload needs a Content-Length header with the file's size (more than 0 bytes)":
    "Hochladen braucht einen Content-Length-Header mit der Größe der Datei (mehr als 0 Bytes)",
  "Upload has no body": "Die Upload-Anfrage hat keinen Inhalt",
  "Not enough space in {{pool}}: the file needs {{length}} bytes, {{available}} are available":
    "Nicht genug Platz in {{pool}}: die Datei braucht {{length}} Bytes, verfügbar sind {{available}}",
  "Upload of {{name}} was cancelled; nothing was kept":
    "Hochladen von {{name}} wurde abgebrochen; nichts wurde behalten",
  "Failed to upload {{name}}": "{{name}} konnte nicht hochgeladen werden",
  "Upload of {{name}} was interrupted ({{reason}}); nothing was kept":
    "Hochladen von {{name}} wurde unterbrochen ({{reason}}); nichts wurde behalten",
  "Storage pool {{pool}} is not active": "Speicherpool {{pool}} ist nicht aktiv",
  "Failed to download {{name}}": "{{name}} konnte nicht heruntergeladen werden",
  "Failed to check which VMs use the volume":
    "Es konnte nicht geprüft werden, welche VMs das Volume verwenden",
  "{{path}} is used by VM {{vms}}: remove the disk from the VM first":
    "{{path}} wird von VM {{vms}} verwendet: zuerst den Datenträger aus der VM entfernen",
  "Upload is longer than its Content-Length of {{length}} bytes":
    "Der Upload ist länger als seine Content-Length von {{length}} Bytes",
  "Upload ended after {{total}} of {{length}} bytes":
    "Der Upload endete nach {{total}} von {{length}} Bytes",

  // lib/networks/list.ts, service.ts
  "Failed to list networks": "Die Netzwerke konnten nicht aufgelistet werden",
  // lib/host_devices/service.ts
  "Failed to list host devices": "Die Geräte des Hosts konnten nicht aufgelistet werden",
  "Which devices this host needs itself is not checked: it is reached over TLS or TCP, and only this machine and hosts reached over ssh are read.":
    "Welche Geräte dieser Host selbst braucht, wird nicht geprüft: Er wird über TLS oder TCP erreicht, gelesen werden nur diese Maschine und über ssh erreichte Hosts.",
  "Which devices this host needs itself could not be read over ssh: {{reason}}":
    "Welche Geräte dieser Host selbst braucht, konnte nicht über ssh gelesen werden: {{reason}}",

  // lib/networks/input.ts: a new network's, its DHCP ranges' and static hosts' checks
  "Invalid DHCP range: start and end must be IPv4 addresses":
    "Ungültiger DHCP-Bereich: Anfang und Ende müssen IPv4-Adressen sein",
  "Invalid DHCP range {{start}} - {{end}}: start and end must be IPv4 addresses":
    "Ungültiger DHCP-Bereich {{start}} - {{end}}: Anfang und Ende müssen IPv4-Adressen sein",
  "DHCP ranges must be a list of {start, end} (at most 16)":
    "DHCP-Bereiche müssen eine Liste von {start, end} sein (höchstens 16)",
  "DHCP range {{start}} - {{end}} is outside the network's subnet {{cidr}}":
    "DHCP-Bereich {{start}} - {{end}} liegt außerhalb des Subnetzes {{cidr}} des Netzwerks",
  "Invalid DHCP range {{start}} - {{end}}: start is after end":
    "Ungültiger DHCP-Bereich {{start}} - {{end}}: der Anfang liegt nach dem Ende",
  "DHCP range {{start}} - {{end}} includes the host's own address {{address}}":
    "DHCP-Bereich {{start}} - {{end}} enthält die eigene Adresse {{address}} des Hosts",
  "DHCP ranges {{start}} - {{end}} and {{otherStart}} - {{otherEnd}} overlap":
    "DHCP-Bereiche {{start}} - {{end}} und {{otherStart}} - {{otherEnd}} überschneiden sich",
  'Use {"dhcp": null} to turn DHCP off': 'Mit {"dhcp": null} wird DHCP ausgeschaltet',
  'Invalid subnet "{{subnet}}": expected CIDR like 192.168.100.0/24':
    "Ungültiges Subnetz „{{subnet}}“: erwartet wird CIDR wie 192.168.100.0/24",
  'Invalid network mode "{{mode}}": must be one of {{modes}}':
    "Ungültiger Netzwerkmodus „{{mode}}“: erlaubt sind {{modes}}",
  'Invalid bridge name "{{bridge}}": give an existing host bridge such as br0':
    "Ungültiger Bridge-Name „{{bridge}}“: eine vorhandene Host-Bridge wie br0 angeben",
  "Invalid subnet {{subnet}}: the prefix must be between /8 and /30":
    "Ungültiges Subnetz {{subnet}}: das Präfix muss zwischen /8 und /30 liegen",
  "Network already exists: {{name}}": "Netzwerk existiert bereits: {{name}}",
  "Host bridge {{bridge}} does not exist (create it in the host's network settings first)":
    "Host-Bridge {{bridge}} existiert nicht (zuerst in den Netzwerkeinstellungen des Hosts anlegen)",
  "Subnet {{subnet}} overlaps network {{name}} ({{theirs}})":
    "Subnetz {{subnet}} überschneidet sich mit Netzwerk {{name}} ({{theirs}})",
  'Invalid MAC address "{{mac}}": expected six hex pairs like 52:54:00:12:34:56':
    "Ungültige MAC-Adresse „{{mac}}“: erwartet werden sechs Hex-Paare wie 52:54:00:12:34:56",
  "Invalid host name \"{{name}}\": letters, digits and '-', up to 63":
    "Ungültiger Hostname „{{name}}“: Buchstaben, Ziffern und '-', höchstens 63",
  'Invalid address "{{ip}}": must be an IPv4 address':
    "Ungültige Adresse „{{ip}}“: muss eine IPv4-Adresse sein",
  'Invalid address "{{ip}}": must be inside the network\'s subnet {{subnet}}':
    "Ungültige Adresse „{{ip}}“: muss im Subnetz {{subnet}} des Netzwerks liegen",
  "{{ip}} is the host's own address on this network":
    "{{ip}} ist die eigene Adresse des Hosts in diesem Netzwerk",
  "A static host already uses MAC {{mac}}": "Ein statischer Host verwendet bereits MAC {{mac}}",
  "A static host already uses address {{ip}}":
    "Ein statischer Host verwendet bereits die Adresse {{ip}}",
  "A static host already uses name {{name}}":
    "Ein statischer Host verwendet bereits den Namen {{name}}",

  // lib/networks/service.ts: the network service
  "Network not found": "Netzwerk nicht gefunden",
  "Failed to create network {{name}}": "Netzwerk {{name}} konnte nicht erstellt werden",
  'Unknown network action "{{action}}"': "Unbekannte Netzwerkaktion „{{action}}“",
  "Failed to start network {{name}}": "Netzwerk {{name}} konnte nicht gestartet werden",
  "Failed to stop network {{name}}": "Netzwerk {{name}} konnte nicht gestoppt werden",
  "Failed to set autostart of network {{name}}":
    "Autostart von Netzwerk {{name}} konnte nicht gesetzt werden",
  "Failed to delete network {{name}}": "Netzwerk {{name}} konnte nicht gelöscht werden",
  "Port forwarding is not set up in this server":
    "Portweiterleitung ist auf diesem Server nicht eingerichtet",
  "Port forward {{id}} not found on network {{network}}":
    "Portweiterleitung {{id}} in Netzwerk {{network}} nicht gefunden",
  "Network {{name}} has no IPv4 subnet of its own":
    "Netzwerk {{name}} hat kein eigenes IPv4-Subnetz",
  "Failed to change the DHCP range of network {{name}}":
    "Der DHCP-Bereich von Netzwerk {{name}} konnte nicht geändert werden",
  "Failed to add a static host of network {{name}}":
    "Statischer Host konnte Netzwerk {{name}} nicht hinzugefügt werden",
  "No static host with MAC {{mac}} on {{name}}": "Kein statischer Host mit MAC {{mac}} in {{name}}",
  "Failed to remove a static host of network {{name}}":
    "Statischer Host konnte nicht aus Netzwerk {{name}} entfernt werden",
  "Failed to read the DHCP leases of {{name}}":
    "Die DHCP-Leases von {{name}} konnten nicht gelesen werden",

  // lib/firewall/port_forwards.ts: port forwards' checks
  "Host port {{protocol}} {{port}} is already forwarded (network {{network}})":
    "Host-Port {{protocol}} {{port}} wird bereits weitergeleitet (Netzwerk {{network}})",
  "{{key}} must be a whole number from 1 to 65535":
    "{{key}} muss eine ganze Zahl von 1 bis 65535 sein",
  "guestIp must be an IPv4 address such as 192.168.122.10":
    "guestIp muss eine IPv4-Adresse wie 192.168.122.10 sein",
  "description must be at most {{max}} characters":
    "description darf höchstens {{max}} Zeichen lang sein",
  'protocol must be "tcp" or "udp"': "protocol muss „tcp“ oder „udp“ sein",
  "description must be text": "description muss Text sein",
  "description must not contain control characters":
    "description darf keine Steuerzeichen enthalten",
  "Unknown fields: {{fields}} (a port forward has {{known}})_one":
    "Unbekanntes Feld: {{fields}} (eine Portweiterleitung hat {{known}})",
  "Unknown fields: {{fields}} (a port forward has {{known}})_other":
    "Unbekannte Felder: {{fields}} (eine Portweiterleitung hat {{known}})",
  "A port forward must be a JSON object": "Eine Portweiterleitung muss ein JSON-Objekt sein",
  "Port forwarding works only on NAT networks; {{name}} is {{mode}}":
    "Portweiterleitung funktioniert nur in NAT-Netzwerken; {{name}} ist {{mode}}",
  "Network {{name}} has no bridge to forward to":
    "Netzwerk {{name}} hat keine Bridge, an die weitergeleitet werden kann",
  "Network {{name}} has no IPv4 subnet to forward to":
    "Netzwerk {{name}} hat kein IPv4-Subnetz, in das weitergeleitet werden kann",
  "guestIp {{guestIp}} is the subnet address of network {{network}} ({{subnet}}), not a guest":
    "guestIp {{guestIp}} ist die Subnetzadresse von Netzwerk {{network}} ({{subnet}}), kein Gast",
  "guestIp {{guestIp}} is the broadcast address of network {{network}} ({{subnet}})":
    "guestIp {{guestIp}} ist die Broadcast-Adresse von Netzwerk {{network}} ({{subnet}})",
  "guestIp {{guestIp}} is outside network {{network}} ({{subnet}})":
    "guestIp {{guestIp}} liegt außerhalb von Netzwerk {{network}} ({{subnet}})",
  "guestIp {{guestIp}} is the host's own address on network {{network}} ({{subnet}})":
    "guestIp {{guestIp}} ist die eigene Adresse des Hosts in Netzwerk {{network}} ({{subnet}})",

  // lib/firewall/iptables.ts, iptables_rules.ts: the firewall's refusals
  "Could not run iptables: {{reason}}": "iptables konnte nicht ausgeführt werden: {{reason}}",
  "Port forwarding needs iptables, which is not installed on this host":
    "Portweiterleitung braucht iptables, das auf diesem Host nicht installiert ist",
  "iptables {{args}} failed (exit status {{code}}): {{stderr}}":
    "iptables {{args}} fehlgeschlagen (Exit-Status {{code}}): {{stderr}}",
  "no message": "keine Meldung",
  "Port forwarding needs permission to change the firewall: run KVM Manager as root (or give it CAP_NET_ADMIN)":
    "Portweiterleitung braucht das Recht, die Firewall zu ändern: KVM Manager als root ausführen (oder ihm CAP_NET_ADMIN geben)",
  // lib/firewall/nftables.ts: under libvirt's nftables backend
  "Could not run nft: {{reason}}": "nft konnte nicht ausgeführt werden: {{reason}}",
  "Port forwarding on networks under libvirt's nftables backend needs nft (Debian's nftables package), which is not installed on this host":
    "Portweiterleitung in Netzwerken unter libvirts nftables-Backend braucht nft (Debians Paket nftables), das auf diesem Host nicht installiert ist",
  "nft {{args}} failed (exit status {{code}}): {{stderr}}":
    "nft {{args}} fehlgeschlagen (Exit-Status {{code}}): {{stderr}}",
  "libvirt's nftables table has no rules for bridge {{bridge}}: its network is not running":
    "libvirts nftables-Tabelle hat keine Regeln für die Bridge {{bridge}}: ihr Netzwerk läuft nicht",
  "libvirt's nftables rules for bridge {{bridge}} reject it ahead of ours":
    "libvirts nftables-Regeln für die Bridge {{bridge}} weisen sie vor unseren ab",
  // lib/firewall/port_forwards.ts: why a forward carries nothing
  "Network {{network}} is no longer a NAT network with a bridge":
    "Netzwerk {{network}} ist kein NAT-Netzwerk mit Bridge mehr",
  "Network {{network}} is not running": "Netzwerk {{network}} läuft nicht",
  "Not in the host's firewall: not applied since KVM Manager started, or the last change of the firewall failed":
    "Nicht in der Firewall des Hosts: seit dem Start von KVM Manager nicht angewendet, oder die letzte Änderung der Firewall ist fehlgeschlagen",
  "bad id {{id}}": "ungültige ID {{id}}",
  "bad protocol {{protocol}}": "ungültiges Protokoll {{protocol}}",
  "bad host port {{port}}": "ungültiger Host-Port {{port}}",
  "bad guest port {{port}}": "ungültiger Gast-Port {{port}}",
  "bad guest address {{address}}": "ungültige Gastadresse {{address}}",
  "bad bridge name {{bridge}}": "ungültiger Bridge-Name {{bridge}}",
  "id {{id}} given twice": "ID {{id}} doppelt angegeben",
  "host port {{port}} given twice": "Host-Port {{port}} doppelt angegeben",
  "Invalid port forward rule: {{problem}}": "Ungültige Portweiterleitungsregel: {{problem}}",
  "{{path}} is a link: only a pool's own files are used":
    "{{path}} ist ein Verweis: nur die eigenen Dateien eines Pools werden verwendet",
  "{{path}} cannot be opened": "{{path}} kann nicht geöffnet werden",
  "{{path}} does not exist": "{{path}} existiert nicht",
  "{{path}} leads to {{real}}, outside the pool's folder {{root}}":
    "{{path}} führt zu {{real}}, außerhalb des Pool-Ordners {{root}}",
  "{{path}} has other hard links, which may be files outside the pool":
    "{{path}} hat weitere harte Verweise, die Dateien außerhalb des Pools sein können",
  // Volume files opened once and checked (issue 43: resize, convert, flatten, upload, restore).
  "Failed to restore disk {{target}}: {{reason}}":
    "Wiederherstellen von Datenträger {{target}} fehlgeschlagen: {{reason}}",
  "Not enough space in {{pool}}: {{name}} may grow to {{size}}, {{free}} are free":
    "Nicht genug Platz in {{pool}}: {{name}} kann auf {{size}} wachsen, {{free}} sind frei",
  "{{name}} is {{format}}: only raw and qcow2 volumes can be resized":
    "{{name}} ist {{format}}: nur raw- und qcow2-Volumes können vergrößert werden",
  "Failed to resize volume {{name}}: {{reason}}":
    "Vergrößern von Volume {{name}} fehlgeschlagen: {{reason}}",
  "{{path}} is not a file of a local folder pool":
    "{{path}} ist keine Datei eines lokalen Ordner-Pools",
  "{{path}} is {{format}}: a backing chain holds only qcow2 and raw images":
    "{{path}} ist {{format}}: eine Kette von Basisdateien enthält nur qcow2- und raw-Abbilder",
  "Failed to create volume {{name}}: {{reason}}":
    "Erstellen von Volume {{name}} fehlgeschlagen: {{reason}}",
  "Cancelled: qemu-img was stopped and what it had made is removed":
    "Abgebrochen: qemu-img wurde angehalten und was es angelegt hatte, ist entfernt",
  "{{name}} is a qcow2 image with an external data file: only whole images are converted":
    "{{name}} ist ein qcow2-Abbild mit externer Datendatei: nur vollständige Abbilder werden umgewandelt",
  "{{name}} declares {{size}}, more than the {{max}} an image may have here":
    "{{name}} gibt {{size}} an, mehr als die {{max}}, die ein Abbild hier haben darf",
  "{{name}} declares {{size}}, more than pool {{pool}} has free ({{free}})":
    "{{name}} gibt {{size}} an, mehr als Pool {{pool}} frei hat ({{free}})",
  "Failed to copy {{name}}: {{reason}}": "Kopieren von {{name}} fehlgeschlagen: {{reason}}",
  "{{name}}: the private copy {{path}} was replaced while it was made":
    "{{name}}: die private Kopie {{path}} wurde beim Anlegen ersetzt",
  "{{path}} became shorter while it was read": "{{path}} wurde beim Lesen kürzer",
  "Failed to convert {{name}}": "{{name}} konnte nicht umgewandelt werden",
  // A new volume's file checked to be the one libvirt just made (backups, upload, OVA export).
  "{{path}} holds {{size}} bytes, not the {{expected}} of the new volume":
    "{{path}} enthält {{size}} Bytes, nicht die {{expected}} des neuen Volumes",
  "{{path}} belongs to {{owner}}, not to the owner libvirt gives new volumes":
    "{{path}} gehört {{owner}}, nicht dem Eigentümer, den libvirt neuen Volumes gibt",
  "{{path}} is older than the new volume": "{{path}} ist älter als das neue Volume",
  "{{reason}}: it was replaced after it was made": "{{reason}}: sie wurde nach dem Anlegen ersetzt",
  "Backup volume {{volume}}": "Sicherungs-Volume {{volume}}",
};

export default words;
