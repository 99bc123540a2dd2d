// German for OVA import and export: lib/ova/, the export dialog, the volumes table's Import OVA
// and the wizard's review (components/OvaReview.tsx).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // islands/settings/ExportDialog.tsx, islands/vm/VmHardware.tsx
  "name must be a volume name ending in .ova": "name muss ein Volume-Name sein, der auf .ova endet",
  "Exported as {{name}} ({{size}}) in pool {{pool}}: {{link}}":
    "Exportiert als {{name}} ({{size}}) im Pool {{pool}}: {{link}}",
  "Export {{name}} as an OVA": "{{name}} als OVA exportieren",
  "Each disk becomes a stream-optimized vmdk beside an OVF 1.0 descriptor, in one .ova file in the pool of the VM's first disk. CD-ROMs are left out.":
    "Jede Festplatte wird ein stream-optimiertes vmdk neben einem OVF-1.0-Deskriptor, in einer .ova-Datei im Pool der ersten Festplatte der VM. CD-ROMs bleiben außen vor.",
  "Name of the OVA file": "Name der OVA-Datei",
  "Exporting… the task log shows how far.":
    "Export läuft … das Aufgabenprotokoll zeigt den Fortschritt.",
  "Shut down the VM to export it": "Fahren Sie die VM herunter, um sie zu exportieren",
  "Export OVA…": "Als OVA exportieren …",
  // islands/storage/VolumeTable.tsx, islands/VolumeList.tsx
  "Import OVA": "OVA importieren",
  "{{name}} imported: its disks are {{volumes}}.":
    "{{name}} importiert: Ihre Festplatten sind {{volumes}}.",
  "Review it and create the VM": "Prüfen und die VM erstellen",
  // components/OvaReview.tsx
  "From the OVA: {{name}}": "Aus der OVA: {{name}}",
  "What the OVA's descriptor says": "Was der Deskriptor der OVA angibt",
  "Operating system": "Betriebssystem",
  "{{size}} on {{bus}} as {{volume}}": "{{size}} an {{bus}} als {{volume}}",
  "Network cards": "Netzwerkkarten",
  "The wizard below starts from these values, the first disk as the VM's disk and the others attached after it: choose the network on this host, check the rest, then create.":
    "Der Assistent unten beginnt mit diesen Werten, die erste Festplatte als Festplatte der VM und die anderen danach angehängt: Wählen Sie das Netzwerk auf diesem Host, prüfen Sie den Rest und erstellen Sie dann.",
  // islands/wizard/StepOsMedia.tsx
  "Attached after it: {{paths}}": "Danach angehängt: {{paths}}",
  "extraDiskPaths must be at most 8 volume paths":
    "extraDiskPaths dürfen höchstens 8 Volume-Pfade sein",
  "Each disk may be attached once": "Jede Festplatte darf nur einmal angehängt werden",
  "The wizard makes one network card: add the other {{count}} on the VM's Network tab._one":
    "Der Assistent erstellt eine Netzwerkkarte: Fügen Sie die weitere im Reiter Netzwerk der VM hinzu.",
  "The wizard makes one network card: add the other {{count}} on the VM's Network tab._other":
    "Der Assistent erstellt eine Netzwerkkarte: Fügen Sie die weiteren {{count}} im Reiter Netzwerk der VM hinzu.",
  // lib/ova/
  "No OVA import {{id}} on this host": "Kein OVA-Import {{id}} auf diesem Host",
  "{{name}} holds {{count}} OVF descriptors: an OVA holds exactly one_one":
    "{{name}} enthält {{count}} OVF-Deskriptor: Eine OVA enthält genau einen",
  "{{name}} holds {{count}} OVF descriptors: an OVA holds exactly one_other":
    "{{name}} enthält {{count}} OVF-Deskriptoren: Eine OVA enthält genau einen",
  "The OVF descriptor of {{name}} is larger than 1 MiB":
    "Der OVF-Deskriptor von {{name}} ist größer als 1 MiB",
  "{{file}}, a disk the descriptor names, is not in {{name}}":
    "{{file}}, eine Festplatte, die der Deskriptor nennt, ist nicht in {{name}}",
  "{{file}} in {{name}} does not match its manifest ({{algorithm}}): the OVA is damaged":
    "{{file}} in {{name}} passt nicht zu seinem Manifest ({{algorithm}}): Die OVA ist beschädigt",
  "Importing an OVA reads it and writes its disks with qemu-img on this machine: not on a remote host":
    "Ein OVA-Import liest sie und schreibt ihre Festplatten mit qemu-img auf dieser Maschine: nicht auf einem entfernten Host",
  "The OVF descriptor cannot be read: {{reason}}":
    "Der OVF-Deskriptor kann nicht gelesen werden: {{reason}}",
  "it declares a DOCTYPE": "Er deklariert einen DOCTYPE",
  "it has no Envelope element": "Er hat kein Envelope-Element",
  "it describes no virtual machine": "Er beschreibt keine virtuelle Maschine",
  "it describes {{count}} virtual machines: import them one OVA at a time_one":
    "Er beschreibt {{count}} virtuelle Maschine: Importieren Sie je eine OVA",
  "it describes {{count}} virtual machines: import them one OVA at a time_other":
    "Er beschreibt {{count}} virtuelle Maschinen: Importieren Sie je eine OVA",
  "its memory size is missing or in an unknown unit":
    "Seine Speichergröße fehlt oder steht in einer unbekannten Einheit",
  "{{file}} is compressed ({{how}}): export the OVA without compression":
    "{{file}} ist komprimiert ({{how}}): Exportieren Sie die OVA ohne Komprimierung",
  "disk {{id}} is not in the disk section": "Festplatte {{id}} steht nicht im Festplattenabschnitt",
  "disk {{id}} has no size in a known unit":
    "Festplatte {{id}} hat keine Größe in einer bekannten Einheit",
  "disk {{id}} names a file not listed": "Festplatte {{id}} nennt eine nicht aufgeführte Datei",
  "{{name}} is no OVA (a tar archive): {{why}}": "{{name}} ist keine OVA (ein tar-Archiv): {{why}}",
  "a header at byte {{offset}} is damaged": "Ein Kopfblock bei Byte {{offset}} ist beschädigt",
  "it ends inside a file": "Es endet mitten in einer Datei",
  "a long-name header is too large": "Ein Kopfblock für lange Namen ist zu groß",
  "it holds too many files": "Es enthält zu viele Dateien",
  "it holds no files": "Es enthält keine Dateien",
  "Exporting reads the VM's disks with qemu-img on this machine: not on a remote host":
    "Ein Export liest die Festplatten der VM mit qemu-img auf dieser Maschine: nicht auf einem entfernten Host",
  "{{name}} is {{state}}: shut it down before exporting it":
    "{{name}} ist {{state}}: Fahren Sie die VM vor dem Export herunter",
  "{{pool}} is a {{type}} pool: an OVA is written into a folder pool (dir, fs or netfs)":
    "{{pool}} ist ein {{type}}-Pool: Eine OVA wird in einen Ordner-Pool geschrieben (dir, fs oder netfs)",
  "Disk {{target}} of {{name}} is not a file on this machine: it cannot be exported":
    "Festplatte {{target}} von {{name}} ist keine Datei auf dieser Maschine: Sie kann nicht exportiert werden",
  "Failed to export disk {{target}}: {{reason}}":
    "Festplatte {{target}} konnte nicht exportiert werden: {{reason}}",
  "{{pool}} is no folder pool of this machine: an OVA is read from a dir, fs or netfs pool":
    "{{pool}} ist kein Ordner-Pool dieser Maschine: Eine OVA wird aus einem dir-, fs- oder netfs-Pool gelesen",
  "{{path}} is no disk image qemu-img can read: {{reason}}":
    "{{path}} ist kein Festplattenabbild, das qemu-img lesen kann: {{reason}}",
  "{{path}} is in pool '{{pool}}', not a folder pool of this machine":
    "{{path}} liegt in Pool '{{pool}}', keinem Ordner-Pool dieser Maschine",
  "{{path}} is a vmdk descriptor whose data is in another file ({{file}})":
    "{{path}} ist ein vmdk-Deskriptor, dessen Daten in einer anderen Datei liegen ({{file}})",
  "{{path}} declares more than the 64 TiB a volume may have":
    "{{path}} gibt mehr als die 64 TiB an, die ein Volume haben darf",
  "{{path}} has a backing file that is no file ({{backing}})":
    "{{path}} hat eine Basisdatei, die keine Datei ist ({{backing}})",
};

export default words;
