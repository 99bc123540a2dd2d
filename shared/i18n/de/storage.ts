// German for the keys of the storage area (see ../README.md for how to write them).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // Page heads (routes/pages/networks.tsx, network.tsx, storage.tsx, pool.tsx)
  "Networks": "Netzwerke",
  "Virtual networks connect VMs to each other and to the host: NAT, routed, isolated, an existing host bridge (Linux or Open vSwitch), macvtap on a host interface, or an SR-IOV card's virtual functions.":
    "Virtuelle Netzwerke verbinden VMs untereinander und mit dem Host: NAT, geroutet, isoliert, über eine vorhandene Host-Bridge (Linux oder Open vSwitch), per Macvtap auf einer Host-Schnittstelle oder mit den virtuellen Funktionen einer SR-IOV-Karte.",
  "Storage": "Speicher",
  "Storage pools hold the VMs' disk images and ISOs: folders, file systems, NFS shares, LVM volume groups and iSCSI targets.":
    "Speicherpools enthalten die Datenträger-Images und ISOs der VMs: Ordner, Dateisysteme, NFS-Freigaben, LVM-Volumegruppen und iSCSI-Targets.",

  // A network's tabs (islands/NetworkDetails.tsx)
  "This network has no IPv4 subnet of its own (a host bridge, or libvirt manages addresses elsewhere): no DHCP, static hosts or leases here.":
    "Dieses Netzwerk hat kein eigenes IPv4-Subnetz (eine Host-Bridge, oder libvirt verwaltet die Adressen anderswo): hier gibt es weder DHCP noch statische Hosts oder Leases.",
  "{{name}} sections": "Bereiche von {{name}}",
  "Port forwards are for NAT networks; this one is not.":
    "Portweiterleitungen gibt es nur in NAT-Netzwerken; dieses ist keines.",
  "Delete network": "Netzwerk löschen",
  "Delete": "Löschen",
  "Delete the network {{name}}? It is stopped and removed with its port forwards; VMs attached to it lose that connection.":
    "Netzwerk {{name}} löschen? Es wird gestoppt und mit seinen Portweiterleitungen entfernt; daran angeschlossene VMs verlieren diese Verbindung.",

  // The networks table (islands/NetworkList.tsx)
  "Off": "Aus",
  "Network {{name}} deleted.": "Netzwerk {{name}} gelöscht.",
  "Name": "Name",
  "Mode": "Modus",
  "State": "Status",
  "Bridge": "Bridge",
  "Subnet": "Subnetz",
  "DHCP range": "DHCP-Bereich",
  "Port forwards": "Portweiterleitungen",
  "Stop": "Stoppen",
  "Start": "Starten",
  "New network": "Neues Netzwerk",
  "Loading…": "Wird geladen…",
  "{{count}} networks_one": "{{count}} Netzwerk",
  "{{count}} networks_other": "{{count}} Netzwerke",
  "Network {{name}} created.": "Netzwerk {{name}} erstellt.",
  "Could not read the networks.": "Die Netzwerke konnten nicht gelesen werden.",
  "Loading networks…": "Netzwerke werden geladen…",
  "No networks.": "Keine Netzwerke.",

  // The pools table (islands/PoolList.tsx)
  "Type": "Typ",
  "Capacity": "Kapazität",
  "Allocation": "Belegung",
  "Available": "Verfügbar",
  "Usage": "Auslastung",
  "Path": "Pfad",
  "Volumes": "Volumes",
  "Refresh": "Aktualisieren",
  "New pool": "Neuer Pool",
  "{{count}} pools_one": "{{count}} Pool",
  "{{count}} pools_other": "{{count}} Pools",
  "Pool {{name}} created.": "Pool {{name}} erstellt.",
  "Storage pools": "Speicherpools",
  "Could not read the pools.": "Die Pools konnten nicht gelesen werden.",
  "Loading pools…": "Pools werden geladen…",
  "No storage pools.": "Keine Speicherpools.",
  "Pool {{name}} deleted with {{count}} volumes._one":
    "Pool {{name}} mit {{count}} Volume gelöscht.",
  "Pool {{name}} deleted with {{count}} volumes._other":
    "Pool {{name}} mit {{count}} Volumes gelöscht.",
  "Pool {{name}} deleted.": "Pool {{name}} gelöscht.",

  // A pool's tabs (islands/VolumeList.tsx)
  "Volume {{name}} deleted.": "Volume {{name}} gelöscht.",
  "New volume": "Neues Volume",
  "Volume {{name}} created.": "Volume {{name}} erstellt.",
  "Loading volumes…": "Volumes werden geladen…",
  "The pool is inactive: start it to see its volumes.":
    "Der Pool ist inaktiv: Starten Sie ihn, um seine Volumes zu sehen.",
  "Delete volume": "Volume löschen",
  "Delete the volume {{name}}? Its data is lost; a VM using it will not start.":
    "Volume {{name}} löschen? Seine Daten gehen verloren; eine VM, die es verwendet, startet nicht mehr.",

  // DHCP range (islands/networks/DhcpPanel.tsx)
  "DHCP range saved: {{start}} – {{end}}.": "DHCP-Bereich gespeichert: {{start}} – {{end}}.",
  "DHCP turned off.": "DHCP ausgeschaltet.",
  "Guests get addresses from {{ranges}}.": "Gäste erhalten Adressen aus {{ranges}}.",
  "DHCP is off: guests need static addresses.": "DHCP ist aus: Gäste brauchen statische Adressen.",
  "Applies to the running network and its saved configuration; saving replaces all {{number}} ranges.":
    "Gilt für das laufende Netzwerk und seine gespeicherte Konfiguration; Speichern ersetzt alle {{number}} Bereiche.",
  "Applies to the running network and its saved configuration.":
    "Gilt für das laufende Netzwerk und seine gespeicherte Konfiguration.",
  "Start_range": "Von",
  "End_range": "Bis",
  "Save range": "Bereich speichern",
  "Turn on DHCP": "DHCP einschalten",
  "Turn off DHCP": "DHCP ausschalten",

  // Port forwards (islands/networks/ForwardsPanel.tsx)
  "Host port {{port}} forwards to {{guest}}.":
    "Host-Port {{port}} wird an {{guest}} weitergeleitet.",
  "Host port {{port}} forwards to {{guest}}, but carries nothing yet: {{reason}}.":
    "Host-Port {{port}} wird an {{guest}} weitergeleitet, trägt aber noch nichts: {{reason}}.",
  "Port forward {{port}} removed.": "Portweiterleitung {{port}} entfernt.",
  "Protocol": "Protokoll",
  "Host port": "Host-Port",
  "Guest": "Gast",
  "Description": "Beschreibung",
  "Applied": "Angewendet",
  "Not applied": "Nicht angewendet",
  "Remove": "Entfernen",
  "Remove port forward {{port}}": "Portweiterleitung {{port}} entfernen",
  "Loading port forwards…": "Portweiterleitungen werden geladen…",
  "No port forwards.": "Keine Portweiterleitungen.",
  "Add a port forward": "Portweiterleitung hinzufügen",
  "Guest IP": "Gast-IP",
  "Guest port": "Gast-Port",
  "optional": "optional",
  "Add forward": "Weiterleitung hinzufügen",

  // Static hosts (islands/networks/HostsPanel.tsx)
  "Host {{mac}} gets {{ip}}.": "Host {{mac}} erhält {{ip}}.",
  "Host {{mac}} removed.": "Host {{mac}} entfernt.",
  "MAC address": "MAC-Adresse",
  "IP address": "IP-Adresse",
  "Remove host {{mac}}": "Host {{mac}} entfernen",
  "Static hosts": "Statische Hosts",
  "No static hosts.": "Keine statischen Hosts.",
  "Add a static host": "Statischen Host hinzufügen",
  "Host name": "Hostname",
  "Add host": "Host hinzufügen",

  // Leases (islands/networks/LeasesPanel.tsx)
  "Client ID": "Client-ID",
  "Expires": "Läuft ab",
  "Never": "Nie",
  "Refresh leases": "Leases aktualisieren",
  "This host's libvirt driver cannot list DHCP leases.":
    "Der libvirt-Treiber dieses Hosts kann keine DHCP-Leases auflisten.",
  "DHCP leases": "DHCP-Leases",
  "The network is inactive: no leases.": "Das Netzwerk ist inaktiv: keine Leases.",
  "Loading leases…": "Leases werden geladen…",
  "No leases.": "Keine Leases.",

  // A network's facts and header (islands/networks/NetworkFacts.tsx, NetworkHeader.tsx)
  "Network": "Netzwerk",
  "Host address": "Host-Adresse",
  "Autostart": "Autostart",
  "Persistent": "Persistent",
  "Network actions": "Netzwerkaktionen",

  // New network (islands/networks/NewNetworkForm.tsx)
  "NAT — guests reach out through the host's address":
    "NAT – Gäste gehen über die Host-Adresse nach außen",
  "Routed — guests are reachable by their own addresses":
    "Geroutet – Gäste unter eigenen Adressen erreichbar",
  "Isolated — guests and the host only": "Isoliert – nur Gäste und der Host",
  "Bridge — guests join an existing host bridge": "Bridge – Gäste an einer vorhandenen Host-Bridge",
  "Create network": "Netzwerk erstellen",
  "Host bridge": "Host-Bridge",
  "IPv4 in CIDR form; the host takes the first address":
    "IPv4 in CIDR-Schreibweise; der Host erhält die erste Adresse",
  "Hand out addresses with DHCP": "Adressen per DHCP vergeben",
  "DHCP start": "DHCP-Start",
  "DHCP end": "DHCP-Ende",
  "Start the network now": "Netzwerk jetzt starten",
  "Start the network when the host boots (autostart)":
    "Netzwerk beim Hochfahren des Hosts starten (Autostart)",

  // A network's tabs (islands/networks/tabs.ts)
  "Overview": "Übersicht",
  "DHCP & hosts": "DHCP & Hosts",
  "Leases": "Leases",

  // State of a pool or network (islands/storage/ActiveBadge.tsx)
  "Active": "Aktiv",
  "Inactive": "Inaktiv",

  // New volume (islands/storage/CreateVolumeForm.tsx)
  "Create volume": "Volume erstellen",
  "Letters, digits and . _ + -, e.g. {{example}}":
    "Buchstaben, Ziffern und . _ + -, z. B. {{example}}",
  "Format": "Format",
  "Size (GiB)": "Größe (GiB)",

  // Delete a pool (islands/storage/DeletePoolDialog.tsx)
  "Delete pool": "Pool löschen",
  "Cancel": "Abbrechen",
  "Delete the pool {{name}}? Its definition is removed from libvirt; VMs whose disks are in it keep pointing at the files.":
    "Pool {{name}} löschen? Seine Definition wird aus libvirt entfernt; VMs mit Datenträgern darin verweisen weiterhin auf die Dateien.",
  "Also delete all volumes ({{number}}) — their data is lost":
    "Auch alle Volumes ({{number}}) löschen – ihre Daten gehen verloren",
  "Also delete all volumes — their data is lost":
    "Auch alle Volumes löschen – ihre Daten gehen verloren",
  "Type {{name}} to confirm": "Zur Bestätigung {{name}} eingeben",

  // Grow a volume or disk (islands/storage/GrowRow.tsx)
  "Grow": "Vergrößern",
  "New size of {{name}} (GiB, now {{size}})": "Neue Größe von {{name}} (GiB, derzeit {{size}})",

  // New pool (islands/storage/NewPoolForm.tsx)
  "Inside one of the server's allowed storage roots (--storage-root).":
    "Unterhalb eines der zugelassenen Speicherverzeichnisse des Servers (--storage-root).",
  "Directory (dir)": "Verzeichnis (dir)",
  "Folder": "Ordner",
  "Create the folder if it is missing": "Ordner anlegen, falls er fehlt",
  "Local file system (fs)": "Lokales Dateisystem (fs)",
  "Block device": "Blockgerät",
  "e.g. /dev/sdb1": "z. B. /dev/sdb1",
  "Mount point": "Einhängepunkt",
  "Format the device first (mkfs) — erases it": "Gerät zuerst formatieren (mkfs) – löscht es",
  "NFS share (netfs)": "NFS-Freigabe (netfs)",
  "NFS server": "NFS-Server",
  "Host name or address": "Hostname oder Adresse",
  "Export": "Export",
  "e.g. /export/vms": "z. B. /export/vms",
  "Create the mount point if it is missing": "Einhängepunkt anlegen, falls er fehlt",
  "LVM volume group (logical)": "LVM-Volumegruppe (logical)",
  "Volume group": "Volumegruppe",
  "e.g. vg_vms": "z. B. vg_vms",
  "Physical volumes": "Physische Volumes",
  "Only to create the group: devices separated by spaces, e.g. /dev/sdb /dev/sdc":
    "Nur zum Anlegen der Gruppe: Geräte durch Leerzeichen getrennt, z. B. /dev/sdb /dev/sdc",
  "Create the volume group (vgcreate) — erases the devices":
    "Volumegruppe anlegen (vgcreate) – löscht die Geräte",
  "iSCSI target (iscsi)": "iSCSI-Target (iscsi)",
  "iSCSI server": "iSCSI-Server",
  "Target IQN": "Target-IQN",
  "e.g. iqn.2024-01.com.example:storage": "z. B. iqn.2024-01.com.example:storage",
  "New storage pool": "Neuer Speicherpool",
  "Create pool": "Pool erstellen",
  "Start the pool now": "Pool jetzt starten",
  "Start the pool when the host boots (autostart)":
    "Pool beim Hochfahren des Hosts starten (Autostart)",

  // A pool's facts and header (islands/storage/PoolFacts.tsx, PoolHeader.tsx)
  "Pool": "Pool",
  "Source": "Quelle",
  "Pool actions": "Pool-Aktionen",

  // Upload (islands/storage/UploadForm.tsx)
  "Uploaded {{name}} ({{size}}).": "{{name}} hochgeladen ({{size}}).",
  "Upload cancelled.": "Hochladen abgebrochen.",
  "Upload": "Hochladen",
  "Upload a volume": "Volume hochladen",
  "File": "Datei",
  "A disk image or ISO; it becomes a new volume of the file's size.":
    "Ein Datenträger-Image oder ISO; daraus wird ein neues Volume in der Größe der Datei.",
  "Start the pool to upload into it.": "Zum Hochladen muss der Pool laufen.",
  "Volume name": "Volume-Name",
  "Cancel upload": "Hochladen abbrechen",
  "Upload progress": "Upload-Fortschritt",
  "{{percent}}% — {{loaded}} of {{total}}": "{{percent}}% – {{loaded}} von {{total}}",
  "Usage of {{name}}": "Auslastung von {{name}}",

  // Volume rows (islands/storage/VolumeRowForms.tsx, VolumeTable.tsx)
  "Volume {{name}} resized to {{size}}.": "Volume {{name}} auf {{size}} vergrößert.",
  "Volume {{name}} cloned as {{copy}}.": "Volume {{name}} als {{copy}} geklont.",
  "Clone": "Klonen",
  "Name of the copy of {{name}}": "Name der Kopie von {{name}}",
  "Backing": "Basis-Image",
  "Actions": "Aktionen",
  "No volumes in this pool.": "Keine Volumes in diesem Pool.",
  "Download {{name}}": "{{name}} herunterladen",
  "Download": "Herunterladen",
  "Resize": "Größe ändern",

  // A pool's tabs (islands/storage/tabs.ts)
  "Details": "Details",
  // islands/networks/mode_names.ts: forward modes in lists and facts.
  "NAT": "NAT",
  "Routed": "Geroutet",
  "Isolated": "Isoliert",
  "Open": "Offen",
  // islands/storage/VanishedNotice.tsx: files removed behind libvirt's back.
  "Removed outside KVM Manager: {{names}}. libvirt lists them until the pool is refreshed; they are left out of the volumes below.":
    "Außerhalb von KVM Manager entfernt: {{names}}. libvirt führt sie, bis der Pool aktualisiert wird; unten sind sie nicht aufgeführt.",
  "Refresh the pool": "Pool aktualisieren",
};

export default words;
