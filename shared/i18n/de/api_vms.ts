// German for the server's own words, area api_vms (the API's messages: see ../README.md).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // lib/consoles/serial.ts, vnc.ts: the consoles
  "Another client holds this VM's serial console; open it with force to take it over":
    "Ein anderer Client nutzt die serielle Konsole dieser VM; mit „force“ öffnen, um sie zu übernehmen",
  "VM is not running": "Die VM läuft nicht",
  "Failed to read VM": "VM konnte nicht gelesen werden",
  "This VM has no serial console": "Diese VM hat keine serielle Konsole",
  "This VM's {{element}} is a {{type}} device: only a pty console can be opened":
    "Das Gerät {{element}} dieser VM ist vom Typ {{type}}: nur eine pty-Konsole kann geöffnet werden",
  "console closed": "Konsole geschlossen",
  "Access to this console was withdrawn": "Der Zugriff auf diese Konsole wurde entzogen",
  "Serial console failed: {{error}}": "Die serielle Konsole ist fehlgeschlagen: {{error}}",
  "Serial consoles are not available on this connection: {{error}}":
    "Serielle Konsolen sind über diese Verbindung nicht verfügbar: {{error}}",
  "Failed to open the serial console": "Die serielle Konsole konnte nicht geöffnet werden",
  "This VM's VNC listens on a UNIX socket of its host ({{path}}), which this server cannot reach: make it listen on an address of that host, or use the serial console":
    "Der VNC-Server dieser VM lauscht auf einem UNIX-Socket seines Hosts ({{path}}), den dieser Server nicht erreicht: ihn auf einer Adresse dieses Hosts lauschen lassen oder die serielle Konsole verwenden",
  "This VM's VNC listens only on its host's loopback ({{listen}}), which this server cannot reach: make it listen on an address of that host, or use the serial console":
    "Der VNC-Server dieser VM lauscht nur auf dem Loopback seines Hosts ({{listen}}), den dieser Server nicht erreicht: ihn auf einer Adresse dieses Hosts lauschen lassen oder die serielle Konsole verwenden",
  "VNC not configured for this VM": "VNC ist für diese VM nicht eingerichtet",
  "ssh did not reach it within {{seconds}} s":
    "ssh hat sie nicht innerhalb von {{seconds}} s erreicht",
  "ssh ended without a word": "ssh endete ohne Meldung",
  "VNC has no port yet for this VM": "VNC hat für diese VM noch keinen Port",
  // lib/consoles/spice.ts, routes/api/spice.ts: the SPICE console
  "This VM's SPICE listens only on its host's loopback ({{listen}}), which this server cannot reach: make it listen on an address of that host, or use the serial console":
    "Der SPICE-Server dieser VM lauscht nur auf dem Loopback seines Hosts ({{listen}}), den dieser Server nicht erreicht: ihn auf einer Adresse dieses Hosts lauschen lassen oder die serielle Konsole verwenden",
  "This VM's SPICE listens on a UNIX socket of its host ({{path}}), which this server cannot reach: make it listen on an address of that host, or use the serial console":
    "Der SPICE-Server dieser VM lauscht auf einem UNIX-Socket seines Hosts ({{path}}), den dieser Server nicht erreicht: ihn auf einer Adresse dieses Hosts lauschen lassen oder die serielle Konsole verwenden",
  "This VM's SPICE takes TLS only, which the browser console does not speak: let its main, display, inputs and cursor channels use the plain port":
    "Der SPICE-Server dieser VM nimmt nur TLS an, das die Browser-Konsole nicht spricht: seine Kanäle main, display, inputs und cursor den unverschlüsselten Port nutzen lassen",
  "SPICE not configured for this VM": "SPICE ist für diese VM nicht eingerichtet",
  "SPICE has no port yet for this VM": "SPICE hat für diese VM noch keinen Port",
  "no SPICE answer within {{seconds}} s": "keine SPICE-Antwort innerhalb von {{seconds}} s",
  "what answers there does not speak SPICE": "was dort antwortet, spricht kein SPICE",
  "the SPICE server refused the link (error {{error}})":
    "der SPICE-Server hat die Verbindung abgelehnt (Fehler {{error}})",
  "the display closed the connection": "die Anzeige hat die Verbindung geschlossen",
  "The first channel of a SPICE console must be its main channel":
    "Der erste Kanal einer SPICE-Konsole muss ihr Hauptkanal sein",
  "This SPICE channel does not join the console's session":
    "Dieser SPICE-Kanal gehört nicht zur Sitzung der Konsole",

  // lib/guest/: the guest agents
  "the guest agent did not answer {{method}} within {{seconds}} s":
    "der Gast-Agent hat auf {{method}} nicht innerhalb von {{seconds}} s geantwortet",
  "cannot write to the guest agent channel: {{error}}":
    "in den Kanal des Gast-Agenten kann nicht geschrieben werden: {{error}}",
  "connection closed": "Verbindung geschlossen",
  "the guest agent connection closed": "die Verbindung zum Gast-Agenten wurde geschlossen",
  "cannot open the guest agent channel: {{error}}":
    "der Kanal des Gast-Agenten kann nicht geöffnet werden: {{error}}",
  "the guest agent channel closed (the VM stopped or restarted)":
    "der Kanal des Gast-Agenten wurde geschlossen (die VM wurde beendet oder neu gestartet)",
  "the guest agent channel failed: {{error}}":
    "der Kanal des Gast-Agenten ist fehlgeschlagen: {{error}}",
  "Guest agent not available: {{reason}}": "Gast-Agent nicht verfügbar: {{reason}}",
  "The guest's KVM Manager agent is older than this server and cannot apply the VM's policy: update it from {{path}}":
    "Der KVM-Manager-Agent im Gast ist älter als dieser Server und kann die Richtlinie der VM nicht anwenden: ihn von {{path}} aktualisieren",
  "command is required": "command ist erforderlich",
  "args must be a list of strings": "args muss eine Liste von Zeichenketten sein",
  "timeoutMs must be a whole number from 1 to {{max}}":
    "timeoutMs muss eine ganze Zahl von 1 bis {{max}} sein",
  "command is longer than 256 characters": "command ist länger als 256 Zeichen",
  "At most {{max}} arguments": "Höchstens {{max}} Argumente",
  "An argument is longer than {{max}} bytes": "Ein Argument ist länger als {{max}} Bytes",
  "Unknown field: {{field}}": "Unbekanntes Feld: {{field}}",
  "Body must be a JSON object like {{example}}":
    "Der Anfragetext muss ein JSON-Objekt wie {{example}} sein",
  "path is required": "path ist erforderlich",
  'sort must be "cpu" or "memory"': 'sort muss "cpu" oder "memory" sein',
  "limit must be a whole number from 1 to 100": "limit muss eine ganze Zahl von 1 bis 100 sein",
  "Processes need the KVM Manager agent running in the guest":
    "Prozesse brauchen den im Gast laufenden KVM-Manager-Agenten",
  "No guest agent told who is logged in": "Kein Gastagent hat gemeldet, wer angemeldet ist",
  "Failed to read the guest's clock": "Die Uhr des Gasts konnte nicht gelesen werden",
  "Failed to set the guest's clock": "Die Uhr des Gasts konnte nicht gestellt werden",
  "path is longer than 4096 characters": "path ist länger als 4096 Zeichen",
  "path must be absolute (start with /)": "path muss absolut sein (mit / beginnen)",
  "path must not contain NUL": "path darf kein NUL enthalten",
  'path must not contain ".."': 'path darf kein ".." enthalten',
  "This VM has no guest agent channel (VMs made by the wizard have both)":
    "Diese VM hat keinen Kanal für einen Gast-Agenten (VMs aus dem Assistenten haben beide)",
  "not running in the guest": "läuft nicht im Gast",
  "KVM Manager agent: {{reason}}": "KVM-Manager-Agent: {{reason}}",
  "KVM Manager agent: no channel in this VM": "KVM-Manager-Agent: kein Kanal in dieser VM",
  "QEMU guest agent: {{reason}}": "QEMU-Gast-Agent: {{reason}}",
  "QEMU guest agent: no channel in this VM": "QEMU-Gast-Agent: kein Kanal in dieser VM",
  "The agent sent a file that is not base64":
    "Der Agent hat eine Datei gesendet, die kein Base64 ist",
  "Failed to freeze the guest's filesystems":
    "Die Dateisysteme des Gasts konnten nicht eingefroren werden",
  "Failed to thaw the guest's filesystems":
    "Die Dateisysteme des Gasts konnten nicht wieder freigegeben werden",
  "this VM has no QEMU guest agent channel": "diese VM hat keinen Kanal für den QEMU-Gast-Agenten",
  "the QEMU guest agent is not running in the guest": "der QEMU-Gast-Agent läuft nicht im Gast",
  "this VM has no {{channel}} channel (VMs made by the wizard have one)":
    "diese VM hat keinen Kanal {{channel}} (VMs aus dem Assistenten haben einen)",
  "the KVM Manager agent is not running in the guest": "der KVM-Manager-Agent läuft nicht im Gast",

  // lib/migration/: moving a VM to another host
  '"to" must name the destination host (its id from GET /api/hosts)':
    '"to" muss den Ziel-Host nennen (seine ID aus GET /api/hosts)',
  "bandwidthMiBs must be a whole number of MiB/s from 1 to 1000000":
    "bandwidthMiBs muss eine ganze Zahl MiB/s von 1 bis 1000000 sein",
  "{{field}} must be true or false": "{{field}} muss true oder false sein",
  "Unknown fields {{fields}}; a migration takes to, live, copyStorage, offline and bandwidthMiBs_one":
    "Unbekanntes Feld {{fields}}; eine Migration nimmt to, live, copyStorage, offline und bandwidthMiBs",
  "Unknown fields {{fields}}; a migration takes to, live, copyStorage, offline and bandwidthMiBs_other":
    "Unbekannte Felder {{fields}}; eine Migration nimmt to, live, copyStorage, offline und bandwidthMiBs",
  "live and offline exclude each other: a live migration keeps the VM running":
    "live und offline schließen einander aus: bei einer Live-Migration läuft die VM weiter",
  "A stopped VM can only be migrated offline":
    "Eine ausgeschaltete VM kann nur offline migriert werden",
  "A stopped VM's disks cannot be copied: offline migration moves only its definition":
    "Die Datenträger einer ausgeschalteten VM können nicht kopiert werden: eine Offline-Migration verschiebt nur ihre Definition",
  "A running VM cannot be migrated offline: migrate it live, or stop it first":
    "Eine laufende VM kann nicht offline migriert werden: live migrieren oder zuerst ausschalten",
  "A paused VM cannot be migrated offline: migrate it live, or stop it first":
    "Eine angehaltene VM kann nicht offline migriert werden: live migrieren oder zuerst ausschalten",
  "A suspended VM cannot be migrated offline: migrate it live, or stop it first":
    "Eine in den Ruhezustand versetzte VM kann nicht offline migriert werden: live migrieren oder zuerst ausschalten",
  "A crashed VM cannot be migrated offline: migrate it live, or stop it first":
    "Eine abgestürzte VM kann nicht offline migriert werden: live migrieren oder zuerst ausschalten",
  "A {{state}} VM cannot be migrated offline: migrate it live, or stop it first":
    "Eine VM im Zustand {{state}} kann nicht offline migriert werden: live migrieren oder zuerst ausschalten",
  "No migration of {{name}} is running: the last one is running":
    "Keine Migration von {{name}} läuft: die letzte läuft noch",
  "No migration of {{name}} is running: the last one completed":
    "Keine Migration von {{name}} läuft: die letzte ist abgeschlossen",
  "No migration of {{name}} is running: the last one failed":
    "Keine Migration von {{name}} läuft: die letzte ist fehlgeschlagen",
  "No migration of {{name}} is running: the last one was cancelled":
    "Keine Migration von {{name}} läuft: die letzte wurde abgebrochen",
  "No migration of VM {{id}} since KVM Manager started":
    "Keine Migration der VM {{id}} seit dem Start von KVM Manager",
  'The VM is on host "{{host}}" already; choose another host to migrate it to':
    'Die VM ist bereits auf Host "{{host}}"; einen anderen Host als Ziel der Migration wählen',
  'Host "{{name}}" is this host ({{uri}}) under another name':
    'Host "{{name}}" ist dieser Host ({{uri}}) unter anderem Namen',
  'Host "{{name}}" is not connected: {{reason}}': 'Host "{{name}}" ist nicht verbunden: {{reason}}',
  "not connected yet": "noch nicht verbunden",
  "Failed to read the VM": "Die VM konnte nicht gelesen werden",
  "KVM Manager is shutting down": "KVM Manager wird beendet",
  "{{name}} is being migrated to {{host}} already": "{{name}} wird bereits nach {{host}} migriert",

  // lib/snapshots/: snapshots
  "Invalid snapshot name: {{name}} (1-64 letters, digits, '.', '_' or '-', starting with a letter or digit)":
    "Ungültiger Snapshot-Name: {{name}} (1-64 Buchstaben, Ziffern, '.', '_' oder '-', beginnend mit einem Buchstaben oder einer Ziffer)",
  "Description must be text": "Die Beschreibung muss Text sein",
  "Description is too long: {{length}} characters (at most {{max}})":
    "Die Beschreibung ist zu lang: {{length}} Zeichen (höchstens {{max}})",
  "UEFI firmware keeps its variables in a separate pflash NVRAM file, which this libvirt version cannot put in an internal snapshot of a running VM: shut the VM down to snapshot its disks, or back it up instead.":
    "UEFI-Firmware hält ihre Variablen in einer eigenen pflash-NVRAM-Datei, die diese libvirt-Version nicht in einen internen Snapshot einer laufenden VM aufnehmen kann: die VM herunterfahren, um einen Snapshot ihrer Datenträger zu erstellen, oder stattdessen ein Backup anlegen.",
  "Snapshot not found: {{name}}": "Snapshot nicht gefunden: {{name}}",
  "Cannot include memory: VM {{name}} is not running":
    "Arbeitsspeicher kann nicht einbezogen werden: VM {{name}} läuft nicht",
  "Cannot quiesce: no guest agent answers in VM {{name}} (it needs qemu-guest-agent running and an org.qemu.guest_agent.0 channel)":
    "Dateisysteme können nicht eingefroren werden: in VM {{name}} antwortet kein Gast-Agent (nötig sind ein laufender qemu-guest-agent und ein Kanal org.qemu.guest_agent.0)",
  "Cannot quiesce a snapshot with memory: libvirt freezes guest filesystems only for disk-only snapshots. A snapshot with memory needs no freeze: reverting resumes the guest exactly as it ran.":
    "Für einen Snapshot mit Arbeitsspeicher können die Dateisysteme nicht eingefroren werden: libvirt friert die Dateisysteme des Gasts nur für reine Datenträger-Snapshots ein. Ein Snapshot mit Arbeitsspeicher braucht das nicht: das Zurückkehren setzt den Gast genau so fort, wie er lief.",
  "Cannot create snapshot {{name}}": "Snapshot {{name}} kann nicht erstellt werden",
  "Snapshot {{name}} vanished after create":
    "Snapshot {{name}} ist nach dem Erstellen verschwunden",
  "Cannot revert to snapshot {{name}}": "Zu Snapshot {{name}} kann nicht zurückgekehrt werden",
  "Cannot delete snapshot {{name}}": "Snapshot {{name}} kann nicht gelöscht werden",
  "Failed to list snapshots": "Die Snapshots konnten nicht aufgelistet werden",
  "Snapshot already exists: {{name}}": "Snapshot existiert bereits: {{name}}",
  "Cannot snapshot {{name}} without its memory while it is paused: libvirt keeps the disks of a running VM apart only in external snapshots, which this libvirt version cannot revert. Include the memory, or shut the VM down first.":
    "Ein Snapshot von {{name}} ohne Arbeitsspeicher ist nicht möglich, solange die VM angehalten ist: libvirt hält die Datenträger einer laufenden VM nur in externen Snapshots getrennt, die diese libvirt-Version nicht wiederherstellen kann. Den Arbeitsspeicher einbeziehen oder die VM zuerst herunterfahren.",
  "Cannot snapshot {{name}} without its memory while it is suspended: libvirt keeps the disks of a running VM apart only in external snapshots, which this libvirt version cannot revert. Include the memory, or shut the VM down first.":
    "Ein Snapshot von {{name}} ohne Arbeitsspeicher ist nicht möglich, solange die VM im Ruhezustand ist: libvirt hält die Datenträger einer laufenden VM nur in externen Snapshots getrennt, die diese libvirt-Version nicht wiederherstellen kann. Den Arbeitsspeicher einbeziehen oder die VM zuerst herunterfahren.",
  "Cannot snapshot {{name}} without its memory while it is running: libvirt keeps the disks of a running VM apart only in external snapshots, which this libvirt version cannot revert. Include the memory, or shut the VM down first.":
    "Ein Snapshot von {{name}} ohne Arbeitsspeicher ist nicht möglich, solange die VM läuft: libvirt hält die Datenträger einer laufenden VM nur in externen Snapshots getrennt, die diese libvirt-Version nicht wiederherstellen kann. Den Arbeitsspeicher einbeziehen oder die VM zuerst herunterfahren.",

  // lib/vms/batch.ts, clone.ts
  "Internal error: {{error}}": "Interner Fehler: {{error}}",
  "Failed to clone VM": "Die VM konnte nicht geklont werden",
  "Cannot clone a running VM. Stop or pause it first.":
    "Eine laufende VM kann nicht geklont werden. Sie zuerst ausschalten oder anhalten.",
  "Copying disk {{target}}": "Datenträger {{target}} wird kopiert",
  "Disk {{target}} is not a storage volume and cannot be copied: {{path}}":
    "Datenträger {{target}} ist kein Speicher-Volume und kann nicht kopiert werden: {{path}}",
  "Disk {{target}}": "Datenträger {{target}}",
  "Failed to copy disk {{target}}": "Datenträger {{target}} konnte nicht kopiert werden",
  "Defining the clone": "Klon wird definiert",

  // lib/vms/create.ts: creating a VM, its progress steps and warnings
  "Failed to read host facts": "Die Angaben des Hosts konnten nicht gelesen werden",
  "ISO file not found: {{path}} (it must be a volume of a storage pool)":
    "ISO-Datei nicht gefunden: {{path}} (sie muss ein Volume eines Speicherpools sein)",
  "Disk image not found: {{path}} (it must be a volume of a storage pool)":
    "Datenträger-Abbild nicht gefunden: {{path}} (es muss ein Volume eines Speicherpools sein)",
  "Imported disk": "Importierter Datenträger",
  "Kernel not found: {{path}} (it must be a volume of a storage pool)":
    "Kernel nicht gefunden: {{path}} (er muss ein Volume eines Speicherpools sein)",
  "Initrd not found: {{path}} (it must be a volume of a storage pool)":
    "Initrd nicht gefunden: {{path}} (sie muss ein Volume eines Speicherpools sein)",
  "Initrd": "Initrd",
  "Disk image already exists: {{path}}": "Datenträger-Abbild existiert bereits: {{path}}",
  "Disk image has a backing file and cannot be imported: {{path}}":
    "Datenträger-Abbild hat eine Basisdatei und kann nicht importiert werden: {{path}}",
  "KVM is not available on this host": "KVM ist auf diesem Host nicht verfügbar",
  "Unknown OS variant: {{value}}": "Unbekannte Betriebssystem-Variante: {{value}}",
  "Checking the configuration": "Konfiguration wird geprüft",
  "Creating the disk": "Datenträger wird erstellt",
  "Failed to create disk image": "Das Datenträger-Abbild konnte nicht erstellt werden",
  "Writing the cloud-init seed": "Cloud-init-Daten werden geschrieben",
  "Failed to create cloud-init seed": "Die Cloud-init-Daten konnten nicht erstellt werden",
  "Failed to write cloud-init seed": "Die Cloud-init-Daten konnten nicht geschrieben werden",
  "Defining the VM": "VM wird definiert",
  "Autostart not set: {{error}}": "Autostart nicht gesetzt: {{error}}",
  "VM created but failed to start: {{error}}":
    "VM erstellt, aber Starten fehlgeschlagen: {{error}}",
  "Failed to create VM": "Die VM konnte nicht erstellt werden",

  // lib/vms/devices.ts: disks, CD-ROMs and network interfaces
  "Failed to attach disk": "Der Datenträger konnte nicht hinzugefügt werden",
  "Disk image has a backing file and cannot be attached: {{path}}":
    "Datenträger-Abbild hat eine Basisdatei und kann nicht hinzugefügt werden: {{path}}",
  "{{path}} is a {{real}} image, not {{format}}; attach it as {{fit}}":
    "{{path}} ist ein {{real}}-Abbild, nicht {{format}}; fügen Sie es als {{fit}} hinzu",
  "Disk not found: {{target}}": "Datenträger nicht gefunden: {{target}}",
  "Failed to detach disk": "Der Datenträger konnte nicht entfernt werden",
  "Failed to resize disk": "Die Größe des Datenträgers konnte nicht geändert werden",
  "Only file-backed disks can be resized: {{target}}":
    "Nur dateibasierte Datenträger können vergrößert werden: {{target}}",
  "Disks can only grow (current size: {{size}} GiB)":
    "Datenträger können nur wachsen (aktuelle Größe: {{size}} GiB)",
  "Failed to change CD-ROM media": "Das CD-ROM-Medium konnte nicht gewechselt werden",
  "Not a CD-ROM: {{target}}": "Kein CD-ROM: {{target}}",
  "CD-ROM {{target}}": "CD-ROM {{target}}",
  "Failed to attach network interface": "Die Netzwerkkarte konnte nicht hinzugefügt werden",
  "No free slot for hot-plug: shut the VM down to add it":
    "Kein freier Steckplatz zum Hinzufügen im laufenden Betrieb: VM herunterfahren, dann hinzufügen",
  "Failed to detach network interface": "Die Netzwerkkarte konnte nicht entfernt werden",
  "Network interface not found: {{mac}}": "Netzwerkkarte nicht gefunden: {{mac}}",

  // lib/storage/disk_sources.ts: why a disk source is refused
  "{{path}} is not a volume of a storage pool": "{{path}} ist kein Volume eines Speicherpools",
  "{{path}} cannot be read: {{error}}": "{{path}} kann nicht gelesen werden: {{error}}",
  "{{path}} is outside pool '{{pool}}' ({{root}})":
    "{{path}} liegt außerhalb des Pools '{{pool}}' ({{root}})",
  "{{path}} is a link to {{real}}, outside pool '{{pool}}'":
    "{{path}} ist ein Link auf {{real}}, außerhalb des Pools '{{pool}}'",
  "{{path}} is a qcow2 image with an external data file":
    "{{path}} ist ein qcow2-Abbild mit einer externen Datendatei",
  "{{path}} is not a regular file": "{{path}} ist keine reguläre Datei",
  "{{path}} has a backing file ({{backing}})": "{{path}} hat eine Basisdatei ({{backing}})",
  "{{path}} has a backing chain deeper than {{max}}":
    "{{path}} hat eine Kette von Basisdateien, die tiefer als {{max}} ist",
  "backing file of {{path}}: {{reason}}": "Basisdatei von {{path}}: {{reason}}",
  "{{path}} declares {{size}}, more than the {{max}} a volume may have":
    "{{path}} gibt {{size}} an, mehr als die {{max}}, die ein Volume haben darf",
  "{{path}} may grow by {{size}}, more than pool '{{pool}}' has free ({{free}})":
    "{{path}} kann um {{size}} wachsen, mehr als Pool '{{pool}}' frei hat ({{free}})",
  "network disks ({{detail}}) are not allowed; use a volume of a storage pool":
    "Netzwerk-Datenträger ({{detail}}) sind nicht erlaubt; ein Volume eines Speicherpools verwenden",
  "{{detail}} is not allowed; use a volume of a storage pool":
    "{{detail}} ist nicht erlaubt; ein Volume eines Speicherpools verwenden",
  "a volume source needs pool and volume": "eine Volume-Quelle braucht Pool und Volume",
  "volume {{volume}} not found in pool '{{pool}}'":
    "Volume {{volume}} nicht gefunden in Pool '{{pool}}'",
  "Invalid domain XML: {{error}}": "Ungültiges Domain-XML: {{error}}",

  // lib/vms/domains.ts: list, lifecycle actions and delete
  "Failed to list VMs": "Die VMs konnten nicht aufgelistet werden",
  "Failed to start VM": "Die VM konnte nicht gestartet werden",
  "Failed to stop VM": "Die VM konnte nicht heruntergefahren werden",
  "Failed to force stop VM": "Das Ausschalten der VM konnte nicht erzwungen werden",
  "Failed to pause VM": "Die VM konnte nicht angehalten werden",
  "Failed to resume VM": "Die VM konnte nicht fortgesetzt werden",
  "Failed to reboot VM": "Die VM konnte nicht neu gestartet werden",
  "Failed to reset VM": "Die VM konnte nicht zurückgesetzt werden",
  "VM is already running": "Die VM läuft bereits",
  "VM is already paused": "Die VM ist bereits angehalten",
  "VM is not paused": "Die VM ist nicht angehalten",
  "Cannot delete running VM. Stop it first.":
    "Eine laufende VM kann nicht gelöscht werden. Sie zuerst ausschalten.",
  "Failed to delete VM": "Die VM konnte nicht gelöscht werden",
  "VM is running; disk left in place": "Die VM läuft; Datenträger bleibt erhalten",
  "not a storage volume; left in place": "kein Speicher-Volume; bleibt erhalten",
  "Failed to delete disk: {{path}} - {{error}}":
    "Datenträger konnte nicht gelöscht werden: {{path}} - {{error}}",

  // lib/vms/edit.ts, input.ts: changes and request bodies
  "Failed to update VM": "Die VM konnte nicht geändert werden",
  "Cannot rename a running VM. Stop it first.":
    "Eine laufende VM kann nicht umbenannt werden. Sie zuerst ausschalten.",
  "Every id must be a VM's UUID or name": "Jede ID muss die UUID oder der Name einer VM sein",
  "ids must be a non-empty list of VM ids": "ids muss eine nicht leere Liste von VM-IDs sein",
  'Invalid action "{{action}}": must be one of {{actions}}':
    'Ungültige Aktion "{{action}}": erlaubt sind {{actions}}',
  "Too many VMs: {{n}}; at most {{max}} per batch":
    "Zu viele VMs: {{n}}; höchstens {{max}} pro Sammelaktion",
  "ids must not repeat a VM": "ids darf keine VM wiederholen",
  "snapshot must be an object like {{example}}": "snapshot muss ein Objekt wie {{example}} sein",
  "snapshot options apply only to the snapshot action":
    "snapshot-Optionen gelten nur für die Aktion snapshot",
  "bootOrder must list distinct devices among hd, cdrom and network":
    "bootOrder muss verschiedene Geräte aus hd, cdrom und network auflisten",
  "Invalid disk size: {{value}} GiB (more than 0, at most {{max}} GiB)":
    "Ungültige Datenträgergröße: {{value}} GiB (mehr als 0, höchstens {{max}} GiB)",
  "newVolume must be an object like {{example}}": "newVolume muss ein Objekt wie {{example}} sein",
  "Give either volumePath or newVolume": "Entweder volumePath oder newVolume angeben",
  "Invalid NIC model: {{value}} (virtio, e1000e, e1000 or rtl8139)":
    "Ungültiges Netzwerkkarten-Modell: {{value}} (virtio, e1000e, e1000 oder rtl8139)",
  "xml must be a domain XML document": "xml muss ein Domain-XML-Dokument sein",
  "Domain XML is larger than 1 MiB": "Das Domain-XML ist größer als 1 MiB",

  // lib/vms/lock.ts, stats.ts, xml.ts
  "VM has {{n}} operations running or waiting; try again when they are done":
    "Die VM hat {{n}} laufende oder wartende Vorgänge; es erneut versuchen, wenn sie fertig sind",
  "Failed to read VM statistics": "Die Statistik der VM konnte nicht gelesen werden",
  "Failed to read VM XML": "Das XML der VM konnte nicht gelesen werden",
  'The XML names VM "{{name}}" but this is "{{current}}"; use rename to change the name':
    'Das XML nennt die VM "{{name}}", dies ist aber "{{current}}"; zum Ändern des Namens Umbenennen verwenden',
  "The XML's UUID {{uuid}} is not this VM's ({{current}})":
    "Die UUID {{uuid}} im XML ist nicht die dieser VM ({{current}})",
  "VM UUID already exists: {{uuid}}": "VM-UUID existiert bereits: {{uuid}}",
  "Failed to import VM": "Die VM konnte nicht importiert werden",

  // lib/xml/: what a domain XML names, and why parts of it are refused
  "Device tree": "Gerätebaum",
  "Serial {{port}}": "Seriell {{port}}",
  "Console {{port}}": "Konsole {{port}}",
  "Parallel {{port}}": "Parallel {{port}}",
  "Channel {{port}}": "Kanal {{port}}",
  "<{{tag}}> is given more than once": "<{{tag}}> ist mehr als einmal angegeben",
  "not a libvirt {{tag}} XML document": "kein libvirt-{{tag}}-XML-Dokument",
  "Floppy {{target}}": "Diskette {{target}}",
  'image format "{{format}}" is not supported (use qcow2 or raw)':
    'Abbildformat "{{format}}" wird nicht unterstützt (qcow2 oder raw verwenden)',
  "{{label}} (mirror)": "{{label}} (Spiegel)",
  "Emulator": "Emulator",
  "Shared folder {{dir}}": "Freigegebener Ordner {{dir}}",
  "host folders are not shared with guests; use a disk volume of a storage pool":
    "Host-Ordner werden nicht für Gäste freigegeben; ein Datenträger-Volume eines Speicherpools verwenden",
  "type '{{type}}' opens a host path; use pty or unix":
    "Typ '{{type}}' öffnet einen Pfad auf dem Host; pty oder unix verwenden",
  "a log file is a host path": "eine Protokolldatei ist ein Pfad auf dem Host",
  "Host device ({{type}})": "Host-Gerät ({{type}})",
  "host disks are not passed to guests; use a volume of a storage pool":
    "Host-Datenträger werden nicht an Gäste durchgereicht; ein Volume eines Speicherpools verwenden",
  "Random number generator": "Zufallszahlengenerator",
  "{{path}} is not one of {{devices}}": "{{path}} ist keines von {{devices}}",
  "passthrough of the host's TPM is not allowed; use the emulator":
    "Das Durchreichen des TPM des Hosts ist nicht erlaubt; den Emulator verwenden",
  "{{path}} is not a QEMU system emulator of the host":
    "{{path}} ist kein QEMU-Systememulator des Hosts",
  "Security label": "Sicherheitslabel",
  "type '{{type}}' is not accepted; libvirt's dynamic labels confine QEMU":
    "Typ '{{type}}' wird nicht akzeptiert; die dynamischen Labels von libvirt schränken QEMU ein",
  "ACPI table": "ACPI-Tabelle",
  "a table file is a host path the guest reads":
    "eine Tabellendatei ist ein Pfad des Hosts, den der Gast liest",
  "an entry's file is a host path the guest reads; give its value inline":
    "die Datei eines Eintrags ist ein Pfad des Hosts, den der Gast liest; geben Sie seinen Wert direkt an",
  "raw QEMU arguments bypass every check; they are not accepted":
    "rohe QEMU-Argumente umgehen jede Prüfung; sie werden nicht akzeptiert",
  "a backing chain deeper than 16 images": "eine Kette von Basisdateien tiefer als 16 Abbilder",
  "<{{tag}}> given more than once": "<{{tag}}> mehr als einmal angegeben",
  "disk type '{{type}}'": "Datenträgertyp '{{type}}'",
  "{{label}} (data store)": "{{label}} (Datenspeicher)",
  "{{label}} (backing store)": "{{label}} (Basisdatei)",
  "{{path}} is outside {{dirs}}": "{{path}} liegt außerhalb von {{dirs}}",
  "NVRAM template": "NVRAM-Vorlage",
  "only a file NVRAM is accepted": "nur ein NVRAM als Datei wird akzeptiert",
  "Memory device ({{model}})": "Speichergerät ({{model}})",
  "Interface {{name}}": "Netzwerkkarte {{name}}",
  "<{{tag}}> runs a host program as root; it is not accepted":
    "<{{tag}}> führt ein Programm des Hosts als root aus; das wird nicht akzeptiert",
  "Smartcard": "Smartcard",
  "a certificate database is a host path": "eine Zertifikatsdatenbank ist ein Pfad auf dem Host",
  "Shared memory": "Gemeinsamer Speicher",
  "a shared-memory server is a host socket path":
    "ein Server für gemeinsamen Speicher ist ein Socket-Pfad auf dem Host",
  "Input (evdev)": "Eingabe (evdev)",
  "an evdev input reads a host device": "eine evdev-Eingabe liest ein Gerät des Hosts",
  "no free {{prefix}}* device name": "kein freier Gerätename {{prefix}}*",

  // routes/api/guest.ts, vnc.ts, serial.ts, snapshots.ts, socket_limit.ts, vms.ts
  "File is larger than {{size}} MiB, the most one upload can carry":
    "Die Datei ist größer als {{size}} MiB, das Höchste, was ein Upload tragen kann",
  "This endpoint speaks WebSocket only": "Dieser Endpunkt spricht nur WebSocket",
  "The console ticket is missing, expired, used or not for this VM: reopen the console":
    "Das Konsolen-Ticket fehlt, ist abgelaufen, wurde schon benutzt oder gilt nicht für diese VM: die Konsole erneut öffnen",
  "Invalid WebSocket request: {{error}}": "Ungültige WebSocket-Anfrage: {{error}}",
  "children must be true or false, not {{value}}":
    "children muss true oder false sein, nicht {{value}}",
  "A message may carry at most {{size}}": "Eine Nachricht darf höchstens {{size}} enthalten",
  'Invalid deleteDisks "{{value}}": must be true or false':
    'Ungültiges deleteDisks "{{value}}": muss true oder false sein',
  "Your role ({{role}}) may not {{action}} VMs":
    "Ihre Rolle ({{role}}) darf die Aktion {{action}} nicht auf VMs anwenden",
  "You may not control VM {{id}}": "Sie dürfen VM {{id}} nicht steuern",
  "Unknown action: {{action}}": "Unbekannte Aktion: {{action}}",
  "Cannot reach the VM's display: {{error}}": "Die Anzeige der VM ist nicht erreichbar: {{error}}",
  // lib/host_devices/passthrough.ts
  "device must name a host device, e.g. pci_0000_41_00_0":
    "device muss ein Host-Gerät nennen, z. B. pci_0000_41_00_0",
  "usbBy must be id or address": "usbBy muss id oder address sein",
  "rom must be true or false": "rom muss true oder false sein",
  "the NIC of the host's default route ({{via}})":
    "die Netzwerkkarte der Standardroute des Hosts ({{via}})",
  "the controller of the host's root disk ({{via}})":
    "der Controller der Systemfestplatte des Hosts ({{via}})",
  "the host's console GPU": "die Konsolen-GPU des Hosts",
  "Failed to read the VM's host devices": "Die Host-Geräte der VM konnten nicht gelesen werden",
  "Failed to attach host device {{device}}":
    "Das Host-Gerät {{device}} konnte nicht angeschlossen werden",
  "Host device not found: {{device}}": "Host-Gerät nicht gefunden: {{device}}",
  "{{address}} is {{use}}: passing it through would cut the host off from it":
    "{{address}} ist {{use}}: es durchzureichen würde es dem Host wegnehmen",
  "{{address}} shares IOMMU group {{group}} with {{peer}}, {{use}}: a group passes through whole, so it cannot be given to a VM":
    "{{address}} teilt die IOMMU-Gruppe {{group}} mit {{peer}}, {{use}}: eine Gruppe wird nur ganz durchgereicht, daher kann es keiner VM gegeben werden",
  "{{address}} is already given to this VM": "{{address}} ist dieser VM schon gegeben",
  "{{address}} is given to the running VM {{name}}":
    "{{address}} ist der laufenden VM {{name}} gegeben",
  "Failed to detach host device {{device}}":
    "Das Host-Gerät {{device}} konnte nicht getrennt werden",
  "The VM has no host device {{device}}": "Die VM hat kein Host-Gerät {{device}}",
  // lib/vms/input.ts: a NIC's bandwidth and MTU
  "bandwidth.inbound and bandwidth.outbound take averageKBps, peakKBps and burstKiB: whole numbers from 1 to 4294967295":
    "bandwidth.inbound und bandwidth.outbound nehmen averageKBps, peakKBps und burstKiB: ganze Zahlen von 1 bis 4294967295",
  'keys must be a list of 1 to {{max}} key names, such as ["ctrl", "alt", "delete"]':
    'keys muss eine Liste von 1 bis {{max}} Tastennamen sein, etwa ["ctrl", "alt", "delete"]',
  'Unknown key "{{key}}"': 'Unbekannte Taste "{{key}}"',
  "A key is named twice": "Eine Taste ist doppelt genannt",
  "Failed to send keys": "Tasten konnten nicht gesendet werden",
  "Failed to take a screenshot": "Bildschirmfoto fehlgeschlagen",
  "Too many screenshots at once: try again in {{seconds}} s":
    "Zu viele Bildschirmfotos auf einmal: in {{seconds}} s noch einmal versuchen",
  "width must be a whole number of pixels from 32 to {{max}}":
    "width muss eine ganze Zahl von Pixeln von 32 bis {{max}} sein",
  "{{failed}}: {{error}}": "{{failed}}: {{error}}",
  "mtu must be a whole number of bytes from 68 to 65535":
    "mtu muss eine ganze Zahl von Bytes von 68 bis 65535 sein",
  "service name is required": "Dienstname ist erforderlich",
  "{{name}} is not a service name: letters, digits and : _ . @ \\ - (starting with a letter or digit), ending .service or without a suffix, at most 255 characters":
    "{{name}} ist kein Dienstname: Buchstaben, Ziffern und : _ . @ \\ - (beginnend mit Buchstabe oder Ziffer), endend auf .service oder ohne Endung, höchstens 255 Zeichen",
  "{{service}} is not among the allowed services of this VM's policy ({{patterns}})":
    "{{service}} gehört nicht zu den erlaubten Diensten der Richtlinie dieser VM ({{patterns}})",
  "This VM's policy allows no services to be started or stopped; add {{service}} to its allowed services":
    "Die Richtlinie dieser VM erlaubt kein Starten oder Stoppen von Diensten; tragen Sie {{service}} bei ihren erlaubten Diensten ein",
  "The guest's KVM Manager agent is older than {{version}} and cannot do this: update it from {{path}}":
    "Der KVM-Manager-Agent des Gasts ist älter als {{version}} und kann das nicht: aktualisieren Sie ihn von {{path}}",
  "Update the guest's agent": "Agenten des Gasts aktualisieren",
  "This VM's policy does not allow updating its agent from the host: allow it in the VM's profile or overrides":
    "Die Richtlinie dieser VM erlaubt kein Aktualisieren ihres Agenten vom Host aus: im Profil oder in den Überschreibungen der VM erlauben",
  "The agent is already at version {{version}}, as new as this server's ({{latest}})":
    "Der Agent hat bereits Version {{version}}, so neu wie die dieses Servers ({{latest}})",
  "The guest's agent config does not allow updates from the host: set {{key}} to true in {{file}}":
    "Die Agenten-Konfiguration des Gasts erlaubt keine Updates vom Host: {{key}} in {{file}} auf true setzen",
  "The agent bundle is not built: run `deno task build`":
    "Das Agenten-Bundle ist nicht gebaut: `deno task build` ausführen",
  "The agent took the update but did not answer as version {{version}} within {{seconds}} s: see its log in the guest (journalctl -u kvmm-agent)":
    "Der Agent hat das Update angenommen, aber nicht innerhalb von {{seconds}} s als Version {{version}} geantwortet: siehe sein Protokoll im Gast (journalctl -u kvmm-agent)",
  // lib/vms/apply_pending.ts, lib/tasks/titles.ts: applying a running VM's pending changes
  "Apply pending changes": "Ausstehende Änderungen anwenden",
  "Nothing waits for the next boot of this VM": "Für den nächsten Start dieser VM steht nichts aus",
  "Waiting for the guest to shut down": "Warten, bis der Gast heruntergefahren ist",
  "Stopped waiting; the VM was left as it is": "Warten beendet; die VM blieb, wie sie ist",
  "The guest did not shut down within {{seconds}} s and still runs the old settings: shut it down from inside, or force stop and start it":
    "Der Gast ist nicht innerhalb von {{seconds}} s heruntergefahren und läuft weiter mit den alten Einstellungen: ihn von innen herunterfahren, oder das Ausschalten erzwingen und ihn starten",
  "Starting": "Wird gestartet",
  "Driver CD not found: {{path}} (it must be a volume of a storage pool)":
    "Treiber-CD nicht gefunden: {{path}} (sie muss ein Volume eines Speicherpools sein)",
  "Driver CD": "Treiber-CD",
  "Windows settings must be a JSON object like {{example}}":
    "Windows-Einstellungen müssen ein JSON-Objekt wie {{example}} sein",
  "Windows settings apply to Windows guests only":
    "Windows-Einstellungen gelten nur für Windows-Gäste",
  "Driver CD not found: {{path}}": "Treiber-CD nicht gefunden: {{path}}",
  // lib/guest/agent_client.ts: a guest agent that lies or does not read.
  "the guest agent does not read its channel": "der Gast-Agent liest seinen Kanal nicht",
  "the guest agent's answer is longer than {{kib}} KiB: the channel was closed":
    "die Antwort des Gast-Agenten ist länger als {{kib}} KiB: der Kanal wurde geschlossen",
  "the guest agent sent a malformed answer": "der Gast-Agent schickte eine fehlerhafte Antwort",
};

export default words;
