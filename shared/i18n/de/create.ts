// German for the keys of the create area (see ../README.md for how to write them).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "Virtual machines": "Virtuelle Maschinen",
  "New": "Neu",
  "New virtual machine": "Neue virtuelle Maschine",
  "The create wizard needs JavaScript.": "Der Erstellungsassistent benötigt JavaScript.",
  "Templates": "Vorlagen",
  "Saved VM configurations: start the create wizard from one, with everything but the name filled in.":
    "Gespeicherte VM-Konfigurationen: Der Erstellungsassistent startet mit einer davon, alles außer dem Namen ist dann ausgefüllt.",
  "Your role ({{role}}) may not create VMs: ask an admin.":
    "Ihre Rolle ({{role}}) darf keine VMs erstellen: Bitte wenden Sie sich an einen Administrator.",
  "Back": "Zurück",
  "Next": "Weiter",
  "Enter a name to continue.": "Zum Fortfahren einen Namen eingeben.",
  "Fix the problems above to continue.": "Zum Fortfahren die Probleme oben beheben.",
  "Name": "Name",
  "OS": "Betriebssystem",
  "vCPUs": "vCPUs",
  "Memory": "Arbeitsspeicher",
  "Disk": "Datenträger",
  "imported": "importiert",
  "Network": "Netzwerk",
  "none_network": "keins",
  "Create VM from {{name}}": "VM aus {{name}} erstellen",
  "Create VM": "VM erstellen",
  "Edit": "Bearbeiten",
  "Delete": "Löschen",
  "New template": "Neue Vorlage",
  "Template from a VM": "Vorlage aus einer VM",
  "{{count}} templates_one": "{{count}} Vorlage",
  "{{count}} templates_other": "{{count}} Vorlagen",
  "No templates yet.": "Noch keine Vorlagen.",
  "Delete template": "Vorlage löschen",
  "Delete the template {{name}}? VMs created from it are not affected.":
    "Die Vorlage {{name}} löschen? Daraus erstellte VMs bleiben unverändert.",
  "Loading…": "Wird geladen…",
  "No VMs": "Keine VMs",
  "Template from an existing VM": "Vorlage aus einer vorhandenen VM",
  "Create template": "Vorlage erstellen",
  "Copies the VM's CPUs, memory, disk size and format, OS, firmware and network — not its disk contents.":
    "Übernimmt CPUs, Arbeitsspeicher, Größe und Format des Datenträgers, Betriebssystem, Firmware und Netzwerk der VM – nicht den Inhalt des Datenträgers.",
  "VM": "VM",
  "Template name": "Vorlagenname",
  "Description": "Beschreibung",
  "Edit template": "Vorlage bearbeiten",
  "Edit {{name}}": "{{name}} bearbeiten",
  "Save changes": "Änderungen speichern",
  "1 to {{max}}.": "1 bis {{max}}.",
  "E.g. 2 GiB or 512 MiB; a bare number is MiB.":
    "Z. B. 2 GiB oder 512 MiB; eine Zahl ohne Einheit gilt als MiB.",
  "Disk size": "Datenträgergröße",
  "E.g. 20 GiB; a bare number is GiB.": "Z. B. 20 GiB; eine Zahl ohne Einheit gilt als GiB.",
  "OS type": "Betriebssystemtyp",
  "No network": "Kein Netzwerk",
  "Disk format": "Datenträgerformat",
  "Firmware": "Firmware",
  "TPM 2.0 (emulated)": "TPM 2.0 (emuliert)",
  "Show the boot menu": "Boot-Menü anzeigen",
  "Advanced": "Erweitert",
  "Direct kernel boot": "Direkter Kernel-Start",
  "Kernel path": "Kernel-Pfad",
  "Kernel and initrd must be volumes of a storage pool.":
    "Kernel und Initrd müssen Volumes eines Speicherpools sein.",
  "Initrd path (optional)": "Initrd-Pfad (optional)",
  "Kernel command line (optional)": "Kernel-Befehlszeile (optional)",
  "Virtualization": "Virtualisierung",
  "KVM is not available on this host: VMs run in software emulation.":
    "KVM ist auf diesem Host nicht verfügbar: VMs laufen in Software-Emulation.",
  "Default (KVM when available)": "Standard (KVM, wenn verfügbar)",
  "KVM (hardware)": "KVM (Hardware)",
  "QEMU (software emulation, slow)": "QEMU (Software-Emulation, langsam)",
  "Cloud-init needs a real libvirt host; the demo driver cannot write the seed.":
    "Cloud-init braucht einen echten libvirt-Host; der Demo-Treiber kann das Seed nicht schreiben.",
  "Configure the guest with a cloud-init seed (for cloud images)":
    "Gast mit einem Cloud-init-Seed einrichten (für Cloud-Images)",
  "A small NoCloud ISO is written to the storage pool and attached as a CD-ROM.":
    "Ein kleines NoCloud-ISO wird in den Speicherpool geschrieben und als CD-ROM eingebunden.",
  "Host name": "Hostname",
  "User (gets sudo)": "Benutzer (erhält sudo)",
  "Password hash": "Passwort-Hash",
  "SSH public keys": "Öffentliche SSH-Schlüssel",
  "One key per line.": "Ein Schlüssel pro Zeile.",
  "Raw user-data (optional)": "Eigene user-data (optional)",
  "Used as is instead of the settings above; starts with #cloud-config or #!.":
    "Wird unverändert statt der Einstellungen oben verwendet; beginnt mit #cloud-config oder #!.",
  "Creation progress": "Fortschritt der Erstellung",
  "Template “{{name}}” saved.": "Vorlage „{{name}}“ gespeichert.",
  "{{reached}} of {{total}}": "{{reached}} von {{total}}",
  "(failed)": "(fehlgeschlagen)",
  "(done)": "(erledigt)",
  "(running)": "(läuft)",
  "Sending the request…": "Anfrage wird gesendet…",
  "Created {{name}}, with warnings:": "{{name}} erstellt, mit Warnungen:",
  "Created {{name}}; opening it…": "{{name}} erstellt; wird geöffnet…",
  "Open {{name}}": "{{name}} öffnen",
  "Clear_choice": "Auswahl aufheben",
  "OS variant": "Betriebssystemvariante",
  "Search, e.g. {{examples}}": "Suchen, z. B. {{examples}}",
  "Did you mean:": "Meinten Sie:",
  "No network is active: start one on the Networks page, or the VM gets none.":
    "Kein Netzwerk ist aktiv: eines auf der Seite Netzwerke starten, sonst bekommt die VM keines.",
  "Matching OS variants": "Passende Betriebssystemvarianten",
  "{{shown}} of {{total}} matches shown — keep typing to narrow them.":
    "{{shown}} von {{total}} Treffern angezeigt – weitertippen, um sie einzugrenzen.",
  "{{count}} matches_one": "{{count}} Treffer",
  "{{count}} matches_other": "{{count}} Treffer",
  "{{name}} (end of life)": "{{name}} (Support beendet)",
  "Include end-of-life versions": "Versionen ohne Support einbeziehen",
  "No resource recommendations for this OS.":
    "Keine Ressourcenempfehlungen für dieses Betriebssystem.",
  "No variant chosen: generic defaults are used.":
    "Keine Variante gewählt: Es gelten allgemeine Standardwerte.",
  "Basics": "Grundlagen",
  "Start from template": "Aus Vorlage beginnen",
  "No templates yet — {{link}} or save this VM as one on the last step.":
    "Noch keine Vorlagen – {{link}} oder diese VM im letzten Schritt als Vorlage speichern.",
  "create one": "eine erstellen",
  "Fills in the other steps; you can still change everything.":
    "Füllt die anderen Schritte aus; alles bleibt änderbar.",
  "No template": "Keine Vorlage",
  "Letters, digits, - and _; up to 64 characters, not starting with a digit.":
    "Buchstaben, Ziffern, - und _; bis zu 64 Zeichen, nicht mit einer Ziffer beginnend.",
  "Description (optional)": "Beschreibung (optional)",
  "Wizard steps": "Schritte des Assistenten",
  "One virtio network interface on this libvirt network.":
    "Eine virtio-Netzwerkkarte in diesem libvirt-Netzwerk.",
  "{{name}} (not found)": "{{name}} (nicht gefunden)",
  "{{name}} (inactive)": "{{name}} (inaktiv)",
  "Other": "Andere",
  "OS & media": "Betriebssystem & Medien",
  "Install media": "Installationsmedium",
  "None (PXE or set up later)": "Keines (PXE oder später einrichten)",
  "ISO image": "ISO-Abbild",
  "Import an existing disk image": "Vorhandenes Datenträger-Abbild importieren",
  "No ISO images in the active storage pools.": "Keine ISO-Abbilder in den aktiven Speicherpools.",
  "Choose an ISO…": "ISO auswählen…",
  "Disk image path": "Pfad des Datenträger-Abbilds",
  "A volume of a storage pool; it becomes the VM's disk as is, so its size is kept.":
    "Ein Volume eines Speicherpools; es wird unverändert zum Datenträger der VM, seine Größe bleibt erhalten.",
  "Resources": "Ressourcen",
  "The host has {{cpus}}.": "Der Host hat {{cpus}}.",
  "E.g. 2 GiB or 512 MiB; a bare number is MiB. At most {{max}} (90% of the host's {{host}}).":
    "Z. B. 2 GiB oder 512 MiB; eine Zahl ohne Einheit gilt als MiB. Höchstens {{max}} (90 % der {{host}} des Hosts).",
  "The imported image stays where it is; no storage pool is used.":
    "Das importierte Abbild bleibt, wo es ist; kein Speicherpool wird verwendet.",
  "Storage pool": "Speicherpool",
  "{{free}} free of {{size}} — holds the cloud-init seed only":
    "{{free}} von {{size}} frei – enthält nur das Cloud-init-Seed",
  "{{free}} free of {{size}}": "{{free}} von {{size}} frei",
  "{{name}} ({{free}} free)": "{{name}} ({{free}} frei)",
  "The imported image keeps its own size; the format below must be the image's.":
    "Das importierte Abbild behält seine Größe; das Format unten muss das des Abbilds sein.",
  "E.g. 20 GiB or 1 TiB; a bare number is GiB.":
    "Z. B. 20 GiB oder 1 TiB; eine Zahl ohne Einheit gilt als GiB.",
  "Image format": "Abbildformat",
  "Format": "Format",
  "qcow2 is thin and supports snapshots; raw is fastest.":
    "qcow2 belegt Platz erst bei Bedarf und unterstützt Snapshots; raw ist am schnellsten.",
  "Bus": "Bus",
  "virtio is fastest; Windows needs its drivers, sata works everywhere.":
    "virtio ist am schnellsten; Windows braucht dafür Treiber, sata funktioniert überall.",
  "Review": "Prüfen",
  "Host check": "Prüfung durch den Host",
  "Checking with the host…": "Wird beim Host geprüft…",
  "Could not check: {{reason}}": "Prüfung nicht möglich: {{reason}}",
  "The host accepts this configuration.": "Der Host akzeptiert diese Konfiguration.",
  "Change in {{step}}": "In „{{step}}“ ändern",
  "After creation": "Nach dem Erstellen",
  "Start after creation": "Nach dem Erstellen starten",
  "Autostart (start with the host)": "Autostart (mit dem Host starten)",
  "Save as template…": "Als Vorlage speichern…",
  "Empty: the VM's name. The template keeps everything but the name.":
    "Leer: der Name der VM. Die Vorlage übernimmt alles außer dem Namen.",
  "Fix the problems above to create the VM.": "Zum Erstellen der VM die Probleme oben beheben.",
  "ISO {{image}}": "ISO {{image}}",
  "(none chosen)": "(keines gewählt)",
  "Imported disk {{path}}": "Importierter Datenträger {{path}}",
  "None": "Keine",
  "{{size}} {{format}} on {{pool}} ({{bus}})": "{{size}} {{format}} auf {{pool}} ({{bus}})",
  "Not used": "Nicht verwendet",
  "Raw user-data": "Eigene user-data",
  "host {{name}}": "Host {{name}}",
  "user {{name}}": "Benutzer {{name}}",
  "Default seed": "Standard-Seed",
  "Summary": "Übersicht",
  "kernel {{path}}": "Kernel {{path}}",
  "virtualization {{type}}": "Virtualisierung {{type}}",
  "Boot menu": "Boot-Menü",
  "{{count}} CPUs_one": "{{count}} CPU",
  "{{count}} CPUs_other": "{{count}} CPUs",
  "{{size}} memory": "{{size}} Arbeitsspeicher",
  "{{size}} disk": "{{size}} Datenträger",
  "Recommended: {{list}}": "Empfohlen: {{list}}",
  "1-{{max}} characters, not starting with '-' or '.', without '/', '<', '>', invisible or control characters, nor a space at either end":
    "1-{{max}} Zeichen, nicht mit '-' oder '.' beginnend, ohne '/', '<', '>', unsichtbare Zeichen und Steuerzeichen, ohne Leerzeichen am Anfang oder Ende",
  "Invalid template name: use {{rule}}": "Ungültiger Vorlagenname: erlaubt sind {{rule}}",
  "Invalid host name: use {{rule}}": "Ungültiger Hostname: erlaubt sind {{rule}}",
  "Invalid pool name: use {{rule}}": "Ungültiger Poolname: erlaubt sind {{rule}}",
  "Invalid network name: use {{rule}}": "Ungültiger Netzwerkname: erlaubt sind {{rule}}",
  "Invalid {{kind}} name: use {{rule}}": "Ungültiger Name ({{kind}}): erlaubt sind {{rule}}",
  "1-{{max}} letters, digits, '.', '_' or '-', starting with a letter or digit":
    "1-{{max}} Buchstaben, Ziffern, '.', '_' oder '-', beginnend mit einem Buchstaben oder einer Ziffer",
  "Generic Linux": "Generisches Linux",
  "Generic Windows": "Generisches Windows",
  "Generic OS": "Generisches Betriebssystem",
  "Other OS": "Anderes Betriebssystem",
  "Invalid VM name: must be 1-64 characters, alphanumeric with dash/underscore only":
    "Ungültiger VM-Name: 1-64 Zeichen, nur Buchstaben, Ziffern, Bindestrich und Unterstrich",
  "Description must be text of at most 4096 characters":
    "Die Beschreibung muss ein Text mit höchstens 4096 Zeichen sein",
  "Description must not contain control characters":
    "Die Beschreibung darf keine Steuerzeichen enthalten",
  "Invalid VM name: cannot start with a number":
    "Ungültiger VM-Name: darf nicht mit einer Ziffer beginnen",
  "Invalid VM name: cannot start with '-'": "Ungültiger VM-Name: darf nicht mit '-' beginnen",
  "Invalid CPU count: {{value}} (must be 1-{{max}})":
    "Ungültige CPU-Anzahl: {{value}} (erlaubt: 1-{{max}})",
  "Invalid memory size: {{value}} MiB (minimum {{min}} MiB)":
    "Ungültige Arbeitsspeichergröße: {{value}} MiB (mindestens {{min}} MiB)",
  "Memory exceeds available host memory (requested: {{requested}}, available: {{available}})":
    "Arbeitsspeicher übersteigt den verfügbaren Arbeitsspeicher des Hosts (angefordert: {{requested}}, verfügbar: {{available}})",
  "Boot menu must be on or off (true or false)":
    "Das Boot-Menü muss an oder aus sein (true oder false)",
  "Secure Boot must be on or off (true or false)":
    "Secure Boot muss an oder aus sein (true oder false)",
  "TPM must be on or off (true or false)": "TPM muss an oder aus sein (true oder false)",
  "Autostart must be on or off (true or false)":
    "Autostart muss an oder aus sein (true oder false)",
  "Start after creation must be on or off (true or false)":
    "„Nach dem Erstellen starten“ muss an oder aus sein (true oder false)",
  "VM configuration must be a JSON object": "Die VM-Konfiguration muss ein JSON-Objekt sein",
  "VM name already exists: {{name}}": "VM-Name existiert bereits: {{name}}",
  "CPU count exceeds host capacity (requested: {{requested}}, available: {{available}})":
    "CPU-Anzahl übersteigt die Kapazität des Hosts (angefordert: {{requested}}, verfügbar: {{available}})",
  "Invalid OS type: {{value}} (must be linux, windows or other)":
    "Ungültiger Betriebssystemtyp: {{value}} (erlaubt: linux, windows oder other)",
  "Invalid OS variant: {{value}}": "Ungültige Betriebssystemvariante: {{value}}",
  "Invalid disk format: {{value}} (must be qcow2 or raw)":
    "Ungültiges Datenträgerformat: {{value}} (erlaubt: qcow2 oder raw)",
  "Invalid disk bus: {{value}} (must be virtio, scsi or sata)":
    "Ungültiger Datenträger-Bus: {{value}} (erlaubt: virtio, scsi oder sata)",
  "Storage pool not found: {{name}}": "Speicherpool nicht gefunden: {{name}}",
  "Storage pool is not active: {{name}}": "Speicherpool ist nicht aktiv: {{name}}",
  "Disk image not found: {{path}}": "Datenträger-Abbild nicht gefunden: {{path}}",
  "Invalid disk size: {{value}} GiB (minimum 1 GiB)":
    "Ungültige Datenträgergröße: {{value}} GiB (mindestens 1 GiB)",
  "Disk size exceeds storage pool capacity (requested: {{requested}}, available: {{available}}); allow over-commit to make a thin disk larger than the free space":
    "Datenträgergröße übersteigt die Kapazität des Speicherpools (angefordert: {{requested}}, verfügbar: {{available}}); Überbuchung erlauben, um einen dünnen Datenträger größer als den freien Platz anzulegen",
  "Over-committed: the disk may grow to {{requested}}, the pool has {{available}} free. When the pool fills, the VM is paused until space is freed.":
    "Überbucht: der Datenträger kann auf {{requested}} wachsen, der Pool hat {{available}} frei. Wird der Pool voll, wird die VM angehalten, bis Platz frei wird.",
  "Allow over-commit (a thin disk larger than the pool's free space)":
    "Überbuchung erlauben (ein dünner Datenträger größer als der freie Platz des Pools)",
  "The disk takes space as the guest writes. If the pool fills, the VM is paused with an I/O error until space is freed.":
    "Der Datenträger belegt Platz, während der Gast schreibt. Wird der Pool voll, wird die VM mit einem E/A-Fehler angehalten, bis Platz frei wird.",
  "ISO file not found: {{path}}": "ISO-Datei nicht gefunden: {{path}}",
  "{{path}} is a {{real}} image, not {{format}}: choose {{fit}}":
    "{{path}} ist ein {{real}}-Abbild, nicht {{format}}: {{fit}} wählen",
  "{{path}} is a {{real}} image: convert it to qcow2 or raw before importing it":
    "{{path}} ist ein {{real}}-Abbild: vor dem Import in qcow2 oder raw umwandeln",
  "{{path}} starts as a qcow2 image does: choose qcow2 if it is one; a raw disk whose guest wrote that header stays raw":
    "{{path}} beginnt wie ein qcow2-Abbild: qcow2 wählen, wenn es eines ist; eine raw-Platte, deren Gast diesen Kopf schrieb, bleibt raw",
  "Network not found: {{name}}": "Netzwerk nicht gefunden: {{name}}",
  "Invalid virtualization type: {{value}} (must be kvm or qemu)":
    "Ungültiger Virtualisierungstyp: {{value}} (erlaubt: kvm oder qemu)",
  "Cloud-init settings must be a JSON object":
    "Die Cloud-init-Einstellungen müssen ein JSON-Objekt sein",
  "UEFI firmware is not installed on the host (Debian package ovmf)":
    "UEFI-Firmware ist auf dem Host nicht installiert (Debian-Paket ovmf)",
  "Secure Boot needs UEFI firmware": "Secure Boot erfordert UEFI-Firmware",
  "Secure Boot firmware is not installed on the host (Debian package ovmf)":
    "Secure-Boot-Firmware ist auf dem Host nicht installiert (Debian-Paket ovmf)",
  "TPM emulation is not available on the host (Debian package swtpm)":
    "TPM-Emulation ist auf dem Host nicht verfügbar (Debian-Paket swtpm)",
  "Invalid firmware: {{value}} (must be bios or uefi)":
    "Ungültige Firmware: {{value}} (erlaubt: bios oder uefi)",
  "Direct kernel boot settings must be a JSON object":
    "Die Einstellungen für den direkten Kernel-Start müssen ein JSON-Objekt sein",
  "Kernel not found: {{path}}": "Kernel nicht gefunden: {{path}}",
  "Initrd not found: {{path}}": "Initrd nicht gefunden: {{path}}",
  "Kernel command line must be one line of at most 2048 characters":
    "Die Kernel-Befehlszeile muss eine Zeile mit höchstens 2048 Zeichen sein",
  // shared/cloud_init.ts: the cloud-init fields' checks (the wizard's and the API's).
  "Invalid hostname: {{hostname}}": "Ungültiger Hostname: {{hostname}}",
  "Invalid user name: {{user}} (lowercase letters, digits, - and _, up to 32 characters)":
    "Ungültiger Benutzername: {{user}} (Kleinbuchstaben, Ziffern, - und _, höchstens 32 Zeichen)",
  'Invalid password hash: give a crypt(3) hash such as the output of "mkpasswd -m sha-512", never a clear-text password':
    'Ungültiger Passwort-Hash: einen crypt(3)-Hash angeben, etwa die Ausgabe von "mkpasswd -m sha-512", nie ein Passwort im Klartext',
  "A password hash needs a user": "Ein Passwort-Hash braucht einen Benutzer",
  "SSH keys must be a list of public keys":
    "SSH-Schlüssel müssen eine Liste öffentlicher Schlüssel sein",
  "Invalid SSH public key #{{n}}: {{start}}…":
    "Ungültiger öffentlicher SSH-Schlüssel Nr. {{n}}: {{start}}…",
  "user-data must start with #cloud-config, #! or another cloud-init header":
    "user-data muss mit #cloud-config, #! oder einem anderen cloud-init-Kopf beginnen",
  "user-data must be at most 64 KiB": "user-data darf höchstens 64 KiB groß sein",
  "Give either raw user-data or user, password and SSH keys, not both":
    "Entweder eigene user-data oder Benutzer, Passwort und SSH-Schlüssel angeben, nicht beides",
  "A password is at most {{max}} bytes (a letter outside ASCII takes 2 to 4), without line breaks or control characters":
    "Ein Passwort hat höchstens {{max}} Bytes (ein Zeichen außerhalb von ASCII belegt 2 bis 4), ohne Zeilenumbrüche oder Steuerzeichen",
  "A password needs a user": "Ein Passwort braucht einen Benutzer",
  "Give a password or a password hash, not both":
    "Ein Passwort oder einen Passwort-Hash angeben, nicht beides",
  "Password (hashed on the server, never stored)":
    "Passwort (auf dem Server gehasht, nie gespeichert)",
  "Use a password hash instead": "Stattdessen einen Passwort-Hash verwenden",
  "anti-spoofing": "Anti-Spoofing",
  "Anti-spoofing: the VM cannot send from other MAC or IP addresses":
    "Anti-Spoofing: die VM kann nicht von fremden MAC- oder IP-Adressen senden",
  "The VM's own firewall with libvirt's clean-traffic, from its first start; rules are added on its Firewall tab. IPv6 does not pass it.":
    "Die eigene Firewall der VM mit libvirts clean-traffic, ab dem ersten Start; Regeln kommen im Reiter Firewall dazu. IPv6 kommt nicht hindurch.",
  "Anti-spoofing must be on or off (true or false)":
    "Anti-Spoofing muss an oder aus sein (true oder false)",
  "Anti-spoofing guards a network interface: choose a network":
    "Anti-Spoofing schützt eine Netzwerkschnittstelle: ein Netzwerk wählen",
  "Failed to set up anti-spoofing": "Anti-Spoofing konnte nicht eingerichtet werden",
  "shared clipboard": "gemeinsame Zwischenablage",
  "Display": "Anzeige",
  "Both open in the browser; SPICE also suits remote-viewer.":
    "Beide öffnen sich im Browser; SPICE eignet sich auch für remote-viewer.",
  "Share the clipboard with the guest": "Zwischenablage mit dem Gast teilen",
  "The guest needs spice-vdagent installed.": "Im Gast muss spice-vdagent installiert sein.",
  "Clipboard sharing must be on or off (true or false)":
    "Gemeinsame Zwischenablage muss an oder aus sein (true oder false)",
  "Invalid display: {{value}} (must be vnc or spice)":
    "Ungültige Anzeige: {{value}} (muss vnc oder spice sein)",
  "Hyper-V enlightenments: on — Windows runs faster with them":
    "Hyper-V-Erweiterungen (Enlightenments): an — Windows läuft damit schneller",
  "Hyper-V enlightenments: off — QEMU offers them only with KVM, and this VM runs in software emulation":
    "Hyper-V-Erweiterungen (Enlightenments): aus — QEMU bietet sie nur mit KVM, und diese VM läuft in Software-Emulation",
  "Clock in local time with Hyper-V's clock — as Windows keeps it":
    "Uhr in Ortszeit mit der Hyper-V-Uhr — so wie Windows sie führt",
  "TPM 2.0 and Secure Boot — {{os}} requires them":
    "TPM 2.0 und Secure Boot — {{os}} setzt sie voraus",
  "{{os}} requires TPM 2.0 and Secure Boot: its installer refuses a VM without them":
    "{{os}} setzt TPM 2.0 und Secure Boot voraus: Sein Installationsprogramm verweigert eine VM ohne sie",
  "{{os}} requires UEFI firmware": "{{os}} setzt UEFI-Firmware voraus",
  "Virtio driver CD attached as a second CD-ROM: {{volume}} — disk and network on virtio":
    "Virtio-Treiber-CD als zweites CD-ROM eingelegt: {{volume}} — Datenträger und Netzwerk über virtio",
  "Disk on virtio without the virtio driver CD: Windows Setup will not find the disk":
    "Datenträger über virtio ohne die Virtio-Treiber-CD: Das Windows-Setup findet den Datenträger nicht",
  "Disk on {{bus}}, network on e1000e — no virtio driver CD found in any pool; add virtio-win.iso to a pool to use faster virtio disks":
    "Datenträger über {{bus}}, Netzwerk über e1000e — in keinem Pool wurde eine Virtio-Treiber-CD gefunden; virtio-win.iso in einen Pool legen, um schnellere virtio-Datenträger zu nutzen",
  "Disk on {{bus}}, network on e1000e — no virtio driver CD chosen":
    "Datenträger über {{bus}}, Netzwerk über e1000e — keine Virtio-Treiber-CD gewählt",
  "Virtio driver CD": "Virtio-Treiber-CD",
  "Attached as a second CD-ROM: Windows Setup loads the virtio disk driver from it.":
    "Als zweites CD-ROM eingelegt: Das Windows-Setup lädt den virtio-Datenträgertreiber von dort.",
  "No virtio driver CD in any pool: add virtio-win.iso to a pool to use faster virtio disks.":
    "Keine Virtio-Treiber-CD in einem Pool: virtio-win.iso in einen Pool legen, um schnellere virtio-Datenträger zu nutzen.",
  "None (SATA disk, e1000e network)": "Keine (Datenträger über SATA, Netzwerk über e1000e)",
  "Windows": "Windows",
};

export default words;
