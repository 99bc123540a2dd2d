// German for image downloads (the pool's "Download from URL" card, the task's progress words)
// and their API's refusals.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // islands/storage/DownloadForm.tsx
  "Download from URL": "Von URL herunterladen",
  "Download a volume from a URL": "Ein Volume von einer URL herunterladen",
  "URL": "URL",
  "http:// or https://; a .gz, .xz or .zst file is unpacked on the way. The server fetches it: you may close this page.":
    "http:// oder https://; eine .gz-, .xz- oder .zst-Datei wird unterwegs entpackt. Der Server lädt sie: Sie können diese Seite schließen.",
  "Start the pool to download into it.": "Starten Sie den Pool, um in ihn herunterzuladen.",
  "Checksum (optional)": "Prüfsumme (optional)",
  "sha256:… or sha512:…, or the URL of a SHA256SUMS file that lists the file":
    "sha256:… oder sha512:…, oder die URL einer SHA256SUMS-Datei, die die Datei aufführt",
  // lib/images/settings.ts
  "Each allowed source is an IPv4 or IPv6 address or network, e.g. 192.168.1.20 or 10.0.0.0/8":
    "Jede erlaubte Quelle ist eine IPv4- oder IPv6-Adresse oder ein Netz, z. B. 192.168.1.20 oder 10.0.0.0/8",
  "maxDownloadBytes must be a whole number of bytes from 1 MiB to 64 TiB":
    "maxDownloadBytes muss eine ganze Zahl von Bytes zwischen 1 MiB und 64 TiB sein",
  "At most 100 allowed sources": "Höchstens 100 erlaubte Quellen",
  // lib/outbound/guarded_fetch.ts
  "Not a URL: {{url}}": "Keine URL: {{url}}",
  "Only http:// and https:// URLs can be downloaded, not {{scheme}}":
    "Nur http://- und https://-URLs können heruntergeladen werden, nicht {{scheme}}",
  "Put no user name or password in the URL: URLs are stored and shown as typed":
    "Keinen Benutzernamen und kein Passwort in die URL: URLs werden so gespeichert und angezeigt, wie sie eingegeben wurden",
  "Cannot resolve {{host}}: {{reason}}": "{{host}} kann nicht aufgelöst werden: {{reason}}",
  "{{host}} has no address": "{{host}} hat keine Adresse",
  "{{host}} is {{address}}, a {{reason}} address: KVM Manager reaches it only when an admin allows it under Images › Outbound connections":
    "{{host}} ist {{address}}, eine Adresse der Art „{{reason}}“: KVM Manager erreicht sie nur, wenn ein Admin sie unter Abbilder › Ausgehende Verbindungen erlaubt",
  "{{host}} sent no answer in {{seconds}} s": "{{host}} hat in {{seconds}} s nicht geantwortet",
  "{{host}} was not resolved to an address in {{seconds}} s":
    "{{host}} wurde nicht innerhalb von {{seconds}} s zu einer Adresse aufgelöst",
  "Cannot reach {{host}}: {{reason}}": "{{host}} ist nicht erreichbar: {{reason}}",
  "More than {{max}} redirects from {{url}}": "Mehr als {{max}} Weiterleitungen von {{url}}",
  "{{host}} redirected to an invalid URL": "{{host}} hat auf eine ungültige URL weitergeleitet",
  // lib/images/remote_file.ts
  "{{host}} answered {{status}} for {{path}}": "{{host}} antwortete {{status}} für {{path}}",
  "The file is larger than the {{max}} bytes a download may bring":
    "Die Datei ist größer als die {{max}} Bytes, die ein Download bringen darf",
  "{{host}} sent the file from its start again: it changed, or the server does not resume downloads":
    "{{host}} hat die Datei erneut von vorn gesendet: Sie hat sich geändert, oder der Server setzt Downloads nicht fort",
  "{{host}} did not send the rest of the file from byte {{from}}":
    "{{host}} hat den Rest der Datei ab Byte {{from}} nicht gesendet",
  "no data for {{seconds}} s": "{{seconds}} s lang keine Daten",
  "the connection closed early": "die Verbindung endete vorzeitig",
  "The download broke off at byte {{at}} and could not be resumed: {{reason}}":
    "Der Download brach bei Byte {{at}} ab und konnte nicht fortgesetzt werden: {{reason}}",
  // lib/images/downloads.ts
  "url must be an http:// or https:// URL of at most 2048 characters":
    "url muss eine http://- oder https://-URL mit höchstens 2048 Zeichen sein",
  "checksumUrl must be an http:// or https:// URL of at most 2048 characters":
    "checksumUrl muss eine http://- oder https://-URL mit höchstens 2048 Zeichen sein",
  'checksum must be "sha256:" or "sha512:" followed by the hex digest':
    "checksum muss „sha256:“ oder „sha512:“ gefolgt vom Hex-Digest sein",
  "name must be a volume name": "name muss ein Volume-Name sein",
  "Give checksum or checksumUrl, not both": "Geben Sie checksum oder checksumUrl an, nicht beides",
  "The URL names no usable volume name ({{file}}): give one. {{rule}}":
    "Die URL nennt keinen brauchbaren Volume-Namen ({{file}}): Geben Sie einen an. {{rule}}",
  "{{sums}} lists no checksum for {{file}}": "{{sums}} führt keine Prüfsumme für {{file}}",
  "{{name}}: the {{algorithm}} checksum is {{got}}, the published one {{want}}; the download was deleted":
    "{{name}}: Die {{algorithm}}-Prüfsumme ist {{got}}, die veröffentlichte {{want}}; der Download wurde gelöscht",
  "Downloaded {{name}} into {{pool}}: {{bytes}} bytes{{resumed}}":
    "{{name}} in {{pool}} heruntergeladen: {{bytes}} Bytes{{resumed}}",
  " (resumed {{times}} times)": " ({{times}}-mal fortgesetzt)",
  "Download of {{name}} was stopped ({{reason}}); nothing was kept":
    "Der Download von {{name}} wurde gestoppt ({{reason}}); nichts wurde behalten",
  "Failed to read volume {{name}}": "Volume {{name}} konnte nicht gelesen werden",
  "Download of {{name}} failed: {{reason}}; nothing was kept":
    "Der Download von {{name}} ist fehlgeschlagen: {{reason}}; nichts wurde behalten",
  "The image is larger than the {{max}} bytes a download may bring":
    "Das Abbild ist größer als die {{max}} Bytes, die ein Download bringen darf",
  // islands/Images.tsx, islands/images/*, routes/pages/images.tsx
  "Outbound connections: allowed networks and mirrors":
    "Ausgehende Verbindungen: erlaubte Netze und Spiegel",
  "Download settings": "Download-Einstellungen",
  "Allowed networks": "Erlaubte Netze",
  "Loopback, private and link-local addresses are refused to every outbound connection: image downloads, notification webhooks and mail servers, restic repositories. List here the addresses or networks they may reach all the same (your own mirror, mail server or NAS), one per line: 192.168.1.20, 10.0.0.0/8, fd00::/8.":
    "Loopback-, private und Link-Local-Adressen werden für jede ausgehende Verbindung abgelehnt: Abbild-Downloads, Benachrichtigungs-Webhooks und Mailserver, restic-Repositorys. Hier die Adressen oder Netze eintragen, die sie dennoch erreichen dürfen (eigener Spiegel, Mailserver oder NAS), eine pro Zeile: 192.168.1.20, 10.0.0.0/8, fd00::/8.",
  "Mirrors": "Spiegel",
  "One per line: a URL prefix, a space, the prefix to fetch from instead (e.g. https://cloud.debian.org/ http://mirror.lan/debian-cloud/). The library's images and their checksum files go through them.":
    "Einer pro Zeile: ein URL-Präfix, ein Leerzeichen, das Präfix, von dem stattdessen geladen wird (z. B. https://cloud.debian.org/ http://mirror.lan/debian-cloud/). Die Abbilder der Bibliothek und ihre Prüfsummendateien laufen darüber.",
  "Largest download (GiB)": "Größter Download (GiB)",
  "Saved.": "Gespeichert.",
  "Added {{name}}.": "{{name}} hinzugefügt.",
  "Add an image": "Ein Abbild hinzufügen",
  "Id": "Kennung",
  "e.g. fedora-42-cloud: lower-case letters, digits, '.', '_', '-'":
    "z. B. fedora-42-cloud: Kleinbuchstaben, Ziffern, '.', '_', '-'",
  "Cloud image": "Cloud-Abbild",
  "Install ISO": "Installations-ISO",
  "OS (osinfo id)": "Betriebssystem (osinfo-Kennung)",
  "e.g. fedora42, alpinelinux3.20": "z. B. fedora42, alpinelinux3.20",
  "Default user": "Standardbenutzer",
  "Smallest disk (GiB)": "Kleinste Festplatte (GiB)",
  "Add image": "Abbild hinzufügen",
  "Downloading {{name}} into {{pool}}: follow it below and in the task log.":
    "{{name}} wird nach {{pool}} heruntergeladen: Verfolgen Sie es unten und im Aufgabenprotokoll.",
  "Removed {{name}} from the library.": "{{name}} aus der Bibliothek entfernt.",
  "Image": "Abbild",
  "Smallest disk": "Kleinste Festplatte",
  "In pools": "In Pools",
  "Download into pool": "Herunterladen in Pool",
  "{{count}} images_one": "{{count}} Abbild",
  "{{count}} images_other": "{{count}} Abbilder",
  "Images": "Abbilder",
  "No images in the library.": "Keine Abbilder in der Bibliothek.",
  "Cloud images and install ISOs to start VMs from: downloaded by the server straight into a pool, checked against their published checksums.":
    "Cloud-Abbilder und Installations-ISOs als Grundlage für VMs: vom Server direkt in einen Pool geladen und gegen ihre veröffentlichten Prüfsummen geprüft.",
  // lib/images/settings.ts, downloads.ts, library.ts
  'Each mirror is {"from": URL, "to": URL}, both http:// or https:// and ending in "/"':
    'Jeder Spiegel ist {"from": URL, "to": URL}, beide http:// oder https:// und mit "/" am Ende',
  "At most 50 mirrors": "Höchstens 50 Spiegel",
  "image must be a library entry's id": "image muss die Kennung eines Bibliothekseintrags sein",
  "Give url or image (a library entry), one of them":
    "Geben Sie url oder image (einen Bibliothekseintrag) an, genau eines davon",
  "A library image brings its own checksum: give no checksum or checksumUrl":
    "Ein Abbild der Bibliothek bringt seine eigene Prüfsumme mit: Geben Sie kein checksum oder checksumUrl an",
  "{{field}}: {{rule}}": "{{field}}: {{rule}}",
  "an http:// or https:// URL": "eine http://- oder https://-URL",
  "at most 2048 characters": "höchstens 2048 Zeichen",
  "lower-case letters, digits, '.', '_' or '-'": "Kleinbuchstaben, Ziffern, '.', '_' oder '-'",
  "1-64 lower-case letters, digits, '.', '_' or '-'":
    "1–64 Kleinbuchstaben, Ziffern, '.', '_' oder '-'",
  '"cloud" or "iso"': '"cloud" oder "iso"',
  '"sha256:…" or "sha512:…"': '"sha256:…" oder "sha512:…"',
  "an osinfo id like debian13": "eine osinfo-Kennung wie debian13",
  "a user name": "ein Benutzername",
  "a whole number of bytes": "eine ganze Zahl von Bytes",
  "at most 64 TiB": "höchstens 64 TiB",
  "No image {{id}} in the library": "Kein Abbild {{id}} in der Bibliothek",
  "The library already has an image {{id}}": "Die Bibliothek hat bereits ein Abbild {{id}}",
  "At most 200 images of your own": "Höchstens 200 eigene Abbilder",
  "{{id}} is shipped with KVM Manager and cannot be removed; add an image of your own instead":
    "{{id}} wird mit KVM Manager ausgeliefert und kann nicht entfernt werden; fügen Sie stattdessen ein eigenes Abbild hinzu",
  // Linked clones (shared/vm_config.ts, lib/vms/create.ts, lib/storage/linked.ts, flatten.ts)
  "Base image not found: {{path}}": "Basisabbild nicht gefunden: {{path}}",
  "Give a base image or a disk to import, not both":
    "Geben Sie ein Basisabbild oder eine zu importierende Festplatte an, nicht beides",
  "A linked clone's disk is qcow2 (an overlay of its base image)":
    "Die Festplatte eines verknüpften Klons ist qcow2 (eine Überlagerung ihres Basisabbilds)",
  "the base of linked clones {{clones}}; left in place":
    "Basis der verknüpften Klone {{clones}}; an Ort und Stelle belassen",
  "Base image not found: {{path}} (it must be a volume of a storage pool)":
    "Basisabbild nicht gefunden: {{path}} (es muss ein Volume eines Speicherpools sein)",
  "Base image": "Basisabbild",
  "A base image has no backing file of its own: {{path}}":
    "Ein Basisabbild hat keine eigene Unterlagedatei: {{path}}",
  "A linked clone lives in its base image's pool: {{path}} is in {{base}}, the disk would go to {{pool}}":
    "Ein verknüpfter Klon liegt im Pool seines Basisabbilds: {{path}} liegt in {{base}}, die Festplatte käme nach {{pool}}",
  "Failed to create the linked clone": "Der verknüpfte Klon konnte nicht erstellt werden",
  "{{name}} has no base image: it is independent already":
    "{{name}} hat kein Basisabbild: Es ist bereits unabhängig",
  "Making a linked clone independent rewrites its file with qemu-img on this machine: not on a remote host":
    "Einen verknüpften Klon unabhängig zu machen schreibt seine Datei mit qemu-img auf dieser Maschine neu: nicht auf einem entfernten Host",
  "{{name}} is a disk of running VM {{vms}}: shut it down first":
    "{{name}} ist eine Festplatte der laufenden VM {{vms}}: Fahren Sie sie zuerst herunter",
  "Failed to make {{name}} independent: {{reason}}":
    "{{name}} konnte nicht unabhängig gemacht werden: {{reason}}",
  "Failed to list the linked clones of {{name}}":
    "Die verknüpften Klone von {{name}} konnten nicht aufgelistet werden",
  "{{path}} is the base of linked clones {{children}}: make them independent or delete them first":
    "{{path}} ist die Basis der verknüpften Klone {{children}}: Machen Sie sie zuerst unabhängig oder löschen Sie sie",
  "{{path}} is the base of linked clones {{clones}}: a VM writing to it would corrupt them; make them independent first, or use it read-only":
    "{{path}} ist die Basis der verknüpften Klone {{clones}}: Eine VM, die darauf schreibt, würde sie beschädigen; machen Sie sie zuerst unabhängig oder nutzen Sie es nur lesend",
  // Linked clones in the wizard, the templates table and the pool's volumes
  "Linked clone of a base image": "Verknüpfter Klon eines Basisabbilds",
  "Base image path": "Pfad des Basisabbilds",
  "A volume of the disk's storage pool (a cloud image, say): the disk is a qcow2 overlay of it, made at once whatever its size; the base is only read.":
    "Ein Volume im Speicherpool der Festplatte (etwa ein Cloud-Abbild): Die Festplatte ist eine qcow2-Überlagerung davon, sofort angelegt, gleich wie groß; die Basis wird nur gelesen.",
  "Linked clone of {{path}}": "Verknüpfter Klon von {{path}}",
  "{{size}} qcow2 overlay on {{pool}} ({{bus}})":
    "{{size}} qcow2-Überlagerung in {{pool}} ({{bus}})",
  "linked clone of {{base}}": "verknüpfter Klon von {{base}}",
  "Linked VMs: {{vms}}": "Verknüpfte VMs: {{vms}}",
  "No linked VMs yet": "Noch keine verknüpften VMs",
  "Make independent": "Unabhängig machen",
  "{{name}} is independent of its base image now.":
    "{{name}} ist jetzt unabhängig von seinem Basisabbild.",
  "{{name}} is in no storage pool of this host yet: download it on the Images page first":
    "{{name}} liegt noch in keinem Speicherpool dieses Hosts: Laden Sie es zuerst auf der Seite Abbilder herunter",
  // Foreign disks (lib/storage/convert.ts, islands/storage/VolumeRowForms.tsx)
  "Convert": "Umwandeln",
  "{{name}} converted into {{copy}} ({{format}}).":
    "{{name}} in {{copy}} ({{format}}) umgewandelt.",
  "Name of the converted copy of {{name}}": "Name der umgewandelten Kopie von {{name}}",
  "{{name}} is no disk image qemu-img can read: {{reason}}":
    "{{name}} ist kein Festplattenabbild, das qemu-img lesen kann: {{reason}}",
  "{{name}} is {{format}}: vmdk, vhdx, vhd, vdi, qcow2 and raw images are converted":
    "{{name}} ist {{format}}: Umgewandelt werden vmdk-, vhdx-, vhd-, vdi-, qcow2- und raw-Abbilder",
  "{{name}} has a backing file ({{backing}}): only whole images are converted":
    "{{name}} hat eine Unterlagedatei ({{backing}}): Nur vollständige Abbilder werden umgewandelt",
  "{{name}} is a vmdk descriptor whose data is in another file ({{file}}): upload a single-file vmdk (monolithicSparse or streamOptimized)":
    "{{name}} ist ein vmdk-Deskriptor, dessen Daten in einer anderen Datei liegen ({{file}}): Laden Sie ein vmdk aus einer Datei hoch (monolithicSparse oder streamOptimized)",
  "Converting a disk reads and writes its files with qemu-img on this machine: not on a remote host":
    "Eine Festplatte umzuwandeln liest und schreibt ihre Dateien mit qemu-img auf dieser Maschine: nicht auf einem entfernten Host",
  "Failed to convert {{name}}: {{reason}}": "{{name}} konnte nicht umgewandelt werden: {{reason}}",
  // lib/images/download_resume.ts, lib/images/downloads.ts
  "it is unpacked on the way, which cannot go on from the middle":
    "Sie wird unterwegs entpackt, was nicht mittendrin weitergehen kann",
  "the server named no ETag or Last-Modified to resume against":
    "Der Server nannte kein ETag oder Last-Modified, an dem sie fortgesetzt werden könnte",
  "it goes through libvirt's upload stream, which cannot go on from the middle":
    "Sie läuft über den Upload-Stream von libvirt, der nicht mittendrin weitergehen kann",
  "The download of {{name}} was cut by a server restart and cannot go on: {{reason}}; it was deleted":
    "Der Download von {{name}} wurde von einem Neustart des Servers unterbrochen und kann nicht weitergehen: {{reason}}; er wurde gelöscht",
  " (resumed after the server restarted)": " (nach dem Neustart des Servers fortgesetzt)",
  "The server stopped at byte {{at}} of {{name}}: the download goes on when it starts again":
    "Der Server hielt bei Byte {{at}} von {{name}} an: Der Download geht weiter, wenn er wieder startet",
  // lib/images/progress_note.ts
  "{{s}} s": "{{s}} s",
  "{{m}} min {{s}} s": "{{m}} min {{s}} s",
  "{{h}} h {{m}} min": "{{h}} h {{m}} min",
  "{{rate}}/s": "{{rate}}/s",
  "{{received}}, {{rate}}": "{{received}}, {{rate}}",
  "{{received}} of {{size}}, {{rate}}, {{left}} left":
    "{{received}} von {{size}}, {{rate}}, noch {{left}}",
  // lib/images/resolve.ts, lib/images/library.ts, islands/images/AddImageForm.tsx (patterns)
  "{{list}} lists no file named like {{pattern}}":
    "{{list}} führt keine Datei, die wie {{pattern}} heißt",
  "{{url}} is larger than {{max}} bytes: no sums file or index page":
    "{{url}} ist größer als {{max}} Bytes: keine Prüfsummendatei und kein Verzeichnisindex",
  "a file name with * or ?": "ein Dateiname mit * oder ?",
  '"sha256" or "sha512"': '"sha256" oder "sha512"',
  "with a pattern, the folder's URL, ending in /":
    "mit einem Muster die URL des Ordners, endend auf /",
  "not with a pattern: give checksumUrl": "nicht mit einem Muster: Geben Sie checksumUrl an",
  "{file} or a pattern, not both": "{file} oder ein Muster, nicht beides",
  "checksum or checksumUrl, not both": "checksum oder checksumUrl, nicht beides",
  "the file's, or with a pattern its folder's (ending in /)":
    "die der Datei, mit einem Muster die ihres Ordners (endend auf /)",
  "File name pattern (optional)": "Dateinamenmuster (optional)",
  "e.g. Fedora-Cloud-Base-Generic-44-*.x86_64.qcow2: the newest file so named is fetched":
    "z. B. Fedora-Cloud-Base-Generic-44-*.x86_64.qcow2: Die neueste so benannte Datei wird geholt",
  "sha256:… or sha512:…, or the URL of a sums file that lists the file ({file} for a file's own, e.g. …/{file}.sha256)":
    "sha256:… oder sha512:…, oder die URL einer Prüfsummendatei, die die Datei führt ({file} für die eigene der Datei, z. B. …/{file}.sha256)",
  "The newest file named like this is fetched": "Die neueste so benannte Datei wird geholt",
  "pool '{{pool}}' is no folder of this machine": "Pool '{{pool}}' ist kein Ordner dieser Maschine",
  // lib/outbound/guarded_fetch.ts: a host no URL can hold.
  "Not a host name or address: {{host}}": "Kein Hostname und keine Adresse: {{host}}",
};

export default words;
