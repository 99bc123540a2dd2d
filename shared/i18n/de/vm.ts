// German for the keys of the vm area (see ../README.md for how to write them).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // The VM's pages: frame, tabs, console switch (components/vm/, components/*Page.tsx).
  "Virtual machines": "Virtuelle Maschinen",
  "{{name}} sections": "Bereiche von {{name}}",
  "Summary": "Übersicht",
  "Console": "Konsole",
  "Hardware": "Hardware",
  "Snapshots": "Snapshots",
  "Backups": "Backups",
  "Policy": "Richtlinie",
  "Advanced": "Erweitert",
  "Graphical console": "Grafische Konsole",
  "Serial console": "Serielle Konsole",
  "Console type": "Konsolentyp",
  "This VM has no VNC or SPICE display configured.":
    "Für diese VM ist keine VNC- oder SPICE-Anzeige konfiguriert.",
  "The VM is not running — start it to use the console.":
    "Die VM läuft nicht – zum Verwenden der Konsole die VM starten.",
  "Open the serial console": "Serielle Konsole öffnen",
  "The console needs JavaScript.": "Die Konsole benötigt JavaScript.",
  "The VM is not running — start it to use the serial console.":
    "Die VM läuft nicht – zum Verwenden der seriellen Konsole die VM starten.",
  "The serial console needs JavaScript.": "Die serielle Konsole benötigt JavaScript.",
  "You may not open this VM's console: an admin can give you the operator role and this VM on the Access page":
    "Sie dürfen die Konsole dieser VM nicht öffnen: ein Admin kann Ihnen auf der Seite Zugriff die Rolle Operator und diese VM geben",
  "Usage": "Auslastung",
  "Insights": "Einblicke",
  "Graphics": "Grafik",
  "No graphical display.": "Keine grafische Anzeige.",
  "Listen": "Listen-Adresse",
  "Port": "Port",
  "Autoport": "Autoport",
  "Import VM from XML": "VM aus XML importieren",

  // Header and power menu (islands/VmActions.tsx, islands/vm/power_menu.ts).
  "VM actions": "VM-Aktionen",
  "More": "Mehr",
  "More power actions": "Weitere Aktionen zum Ein- und Ausschalten",
  "Confirm": "Bestätigen",
  "Reset {{name}}": "{{name}} zurücksetzen",
  "Reset {{name}}?": "{{name}} zurücksetzen?",
  "The guest is restarted without shutting down; unsaved data is lost.":
    "Der Gast wird ohne Herunterfahren neu gestartet; nicht gespeicherte Daten gehen verloren.",
  "Force stop {{name}}": "Ausschalten von {{name}} erzwingen",
  "Force stop {{name}}?": "Ausschalten von {{name}} erzwingen?",
  "This is like pulling the power plug: the guest gets no chance to shut down and unsaved data is lost.":
    "Das ist wie das Ziehen des Netzsteckers: Der Gast kann nicht mehr herunterfahren, nicht gespeicherte Daten gehen verloren.",
  "Delete VM": "VM löschen",
  "Delete {{name}}? Its definition is removed from libvirt; this cannot be undone.":
    "{{name}} löschen? Die Definition wird aus libvirt entfernt; das kann nicht rückgängig gemacht werden.",

  // Consoles (islands/ConsoleStart.tsx, VncConsole.tsx, SerialConsole.tsx, serial/link.ts).
  "Start {{name}}": "{{name}} starten",
  "Starting…": "Wird gestartet…",
  "Connecting…": "Verbindung wird hergestellt…",
  "Connected": "Verbunden",
  "Disconnected": "Getrennt",
  "Connection lost": "Verbindung verloren",
  "VNC password for {{name}}": "VNC-Passwort für {{name}}",
  "Authentication failed: {{reason}}": "Authentifizierung fehlgeschlagen: {{reason}}",
  "unknown reason": "unbekannter Grund",
  "Could not load the VNC client: {{error}}":
    "Der VNC-Client konnte nicht geladen werden: {{error}}",
  "SPICE password for {{name}}": "SPICE-Passwort für {{name}}",
  "The SPICE password was refused": "Das SPICE-Passwort wurde abgelehnt",
  "Could not load the SPICE client: {{error}}":
    "Der SPICE-Client konnte nicht geladen werden: {{error}}",
  "Console controls": "Konsolensteuerung",
  "Send key": "Taste senden",
  "Sent {{keys}}": "{{keys}} gesendet",
  "Ctrl": "Strg",
  "Del": "Entf",
  "Backspace": "Rücktaste",
  "SysRq": "S-Abf",
  "PrintScreen": "Druck",
  "sync disks": "Platten synchronisieren",
  "remount read-only": "schreibgeschützt neu einhängen",
  "reboot at once": "sofort neu starten",
  "show help on the console": "Hilfe auf der Konsole zeigen",
  "{{keys}} ({{meaning}})": "{{keys}} ({{meaning}})",
  "Fullscreen": "Vollbild",
  "Scale to fit": "An Fenster anpassen",
  "Reconnect": "Neu verbinden",
  "Could not load the terminal: {{error}}": "Das Terminal konnte nicht geladen werden: {{error}}",
  "connected to {{name}}'s serial console: press Enter for a prompt":
    "mit der seriellen Konsole von {{name}} verbunden: Eingabetaste drücken für eine Eingabeaufforderung",
  "Take over": "Übernehmen",
  "Another client took over the console": "Ein anderer Client hat die Konsole übernommen",
  "Disconnected: {{reason}}": "Getrennt: {{reason}}",
  "Disconnected: console closed": "Getrennt: Konsole geschlossen",
  "Connection lost: {{reason}}": "Verbindung verloren: {{reason}}",
  "Cannot open the console: {{error}}": "Die Konsole kann nicht geöffnet werden: {{error}}",
  "Could not connect to the serial console": "Keine Verbindung zur seriellen Konsole möglich",

  // Import from XML (islands/ImportXml.tsx).
  "Imported {{vm}}.": "{{vm}} importiert.",
  "Defines a new VM from libvirt domain XML, e.g. one downloaded from another host. Its name and UUID must not exist yet; disks are used where the XML points.":
    "Definiert eine neue VM aus libvirt-Domain-XML, z. B. von einem anderen Host heruntergeladen. Name und UUID dürfen noch nicht vorhanden sein; Datenträger werden dort verwendet, wohin das XML zeigt.",
  "XML file": "XML-Datei",
  "Domain XML to import": "Zu importierendes Domain-XML",
  "Import VM": "VM importieren",

  // Summary: configuration and guest (islands/VmOverview.tsx, VmGuest.tsx, guest/).
  "Configuration": "Konfiguration",
  "{{memory}} (max {{max}})": "{{memory}} (max. {{max}})",
  "vCPUs": "vCPUs",
  "Memory": "Arbeitsspeicher",
  "OS": "Betriebssystem",
  "Machine": "Maschine",
  "Architecture": "Architektur",
  "Firmware": "Firmware",
  "Autostart": "Autostart",
  "Persistent": "Persistent",
  "UUID": "UUID",
  "Guest": "Gast",
  "Asking the guest agents…": "Gast-Agenten werden abgefragt…",
  "Agent": "Agent",
  "QEMU guest agent": "QEMU-Gast-Agent",
  "KVM Manager agent": "KVM-Manager-Agent",
  "No guest agent answers: {{reason}}": "Kein Gast-Agent antwortet: {{reason}}",
  "Installing the guest agents": "Gast-Agenten installieren",
  "QEMU guest agent (addresses, OS, filesystems, freeze): {{command}} in the guest (or the package of its distribution), then start it.":
    "QEMU-Gast-Agent (Adressen, Betriebssystem, Dateisysteme, Einfrieren): {{command}} im Gast ausführen (oder das Paket seiner Distribution installieren), dann den Dienst starten.",
  "KVM Manager agent (commands, files, clean shutdown; runs with Deno in the guest): {{script}}, its systemd unit {{unit}} and an example {{config}} for {{path}}.":
    "KVM-Manager-Agent (Befehle, Dateien, sauberes Herunterfahren; läuft mit Deno im Gast): {{script}}, seine systemd-Unit {{unit}} und eine Beispieldatei {{config}} für {{path}}.",
  "Each agent also needs its channel in the VM (VMs made by the wizard have both).":
    "Jeder Agent braucht außerdem seinen Kanal in der VM (mit dem Assistenten erstellte VMs haben beide).",
  "KVM Manager agent v{{version}}": "KVM-Manager-Agent v{{version}}",
  "Both": "Beide",
  "QEMU agent": "QEMU-Agent",
  "None_agent": "Keiner",
  "No channel": "Kein Kanal",
  "Not answering": "Antwortet nicht",
  "Connected, v{{version}}": "Verbunden, v{{version}}",
  "DHCP lease": "DHCP-Lease",
  "Killed by signal {{signal}}": "Durch Signal {{signal}} beendet",
  "Exit code unknown": "Exit-Code unbekannt",
  "Exit code {{code}}": "Exit-Code {{code}}",
  "Kernel": "Kernel",
  "Hostname": "Hostname",
  "Network": "Netzwerk",
  "No addresses known.": "Keine Adressen bekannt.",
  "Filesystems": "Dateisysteme",
  "The guest reported no filesystems.": "Der Gast hat keine Dateisysteme gemeldet.",
  "Addresses from: {{source}}": "Adressen von: {{source}}",
  "Guest network": "Netzwerk des Gasts",
  "Interface": "Schnittstelle",
  "MAC": "MAC",
  "Addresses": "Adressen",
  "Guest file systems": "Dateisysteme des Gasts",
  "Mount point": "Einhängepunkt",
  "Device": "Gerät",
  "Used": "Belegt",
  "Usage of {{mountPoint}}": "Auslastung von {{mountPoint}}",
  "Timeout must be a number of seconds above 0":
    "Das Zeitlimit muss eine Anzahl Sekunden größer als 0 sein",
  "Run command": "Befehl ausführen",
  "Command": "Befehl",
  "Allowed: {{commands}}": "Erlaubt: {{commands}}",
  "The agent's config allows no commands.": "Die Konfiguration des Agenten erlaubt keine Befehle.",
  "Arguments": "Argumente",
  "Split on spaces; no quoting and no shell, so an argument cannot contain a space.":
    "An Leerzeichen getrennt; ohne Anführungszeichen und ohne Shell, ein Argument kann also kein Leerzeichen enthalten.",
  "Timeout (seconds)": "Zeitlimit (Sekunden)",
  "Optional: {{seconds}} s if empty, at most {{max}} s.":
    "Optional; ohne Angabe {{seconds}} s, höchstens {{max}} s.",
  "Run": "Ausführen",
  "Running…": "Wird ausgeführt…",
  "Command result": "Befehlsergebnis",
  "{{command}}: {{exit}} after {{duration}}": "{{command}}: {{exit}} nach {{duration}}",
  "Standard output": "Standardausgabe",
  "Standard error": "Standardfehlerausgabe",
  "Standard output (partial)": "Standardausgabe (unvollständig)",
  "Standard error (partial)": "Standardfehlerausgabe (unvollständig)",
  "(empty)": "(leer)",
  "Allowed directories: {{dirs}}; at most {{size}} a file.":
    "Erlaubte Verzeichnisse: {{dirs}}; höchstens {{size}} pro Datei.",
  "The agent's config allows no directories; at most {{size}} a file.":
    "Die Konfiguration des Agenten erlaubt keine Verzeichnisse; höchstens {{size}} pro Datei.",
  "Files": "Dateien",
  "Downloaded {{path}} ({{size}}).": "{{path}} heruntergeladen ({{size}}).",
  "Download a file": "Datei herunterladen",
  "File to download": "Herunterzuladende Datei",
  "Download": "Herunterladen",
  "Wrote {{count}} bytes to {{path}}._one": "{{count}} Byte nach {{path}} geschrieben.",
  "Wrote {{count}} bytes to {{path}}._other": "{{count}} Bytes nach {{path}} geschrieben.",
  "Upload a file": "Datei hochladen",
  // The guest's activity and directories
  "Terminal": "Terminal",
  "this machine": "diese Maschine",
  "Since": "Seit",
  "PID": "PID",
  "CPU %": "CPU %",
  "Activity": "Aktivität",
  "Refresh activity": "Aktivität aktualisieren",
  "Busiest processes by": "Aktivste Prozesse nach",
  "By CPU": "Nach CPU",
  "By memory": "Nach Speicher",
  "Asking the guest…": "Frage den Gast…",
  "Logged in": "Angemeldet",
  "Logged-in users": "Angemeldete Benutzer",
  "No one is logged in.": "Niemand ist angemeldet.",
  "Not known.": "Nicht bekannt.",
  "Processes": "Prozesse",
  "Busiest processes ({{count}} in all)_one": "Aktivste Prozesse ({{count}} insgesamt)",
  "Busiest processes ({{count}} in all)_other": "Aktivste Prozesse ({{count}} insgesamt)",
  "Busiest processes": "Aktivste Prozesse",
  "The guest reported no processes.": "Der Gast hat keine Prozesse gemeldet.",
  "Made the directory {{path}}.": "Verzeichnis {{path}} angelegt.",
  "Removed the directory {{path}}.": "Verzeichnis {{path}} entfernt.",
  "Directories": "Verzeichnisse",
  "Directory": "Verzeichnis",
  "Make directory": "Verzeichnis anlegen",
  "Remove if empty": "Entfernen, wenn leer",
  "in step with the host": "gleichauf mit dem Host",
  "{{n}} s": "{{n}} s",
  "{{n}} min": "{{n}} min",
  "{{amount}} ahead of the host": "{{amount}} vor dem Host",
  "{{amount}} behind the host": "{{amount}} hinter dem Host",
  "The guest's clock is set to the host's.": "Die Uhr des Gasts ist auf die des Hosts gestellt.",
  "Clock": "Uhr",
  "Guest clock: {{time}}, {{offset}}": "Uhr des Gasts: {{time}}, {{offset}}",
  "Set to the host's time": "Auf die Zeit des Hosts stellen",
  "File to upload": "Hochzuladende Datei",
  "Destination in the guest": "Ziel im Gast",
  "Upload": "Hochladen",
  "Upload progress": "Upload-Fortschritt",
  "/absolute/path": "/absoluter/pfad",
  "Froze {{count}} filesystems._one": "{{count}} Dateisystem eingefroren.",
  "Froze {{count}} filesystems._other": "{{count}} Dateisysteme eingefroren.",
  "Thawed {{count}} filesystems._one": "{{count}} Dateisystem aufgetaut.",
  "Thawed {{count}} filesystems._other": "{{count}} Dateisysteme aufgetaut.",
  "Filesystem freeze": "Dateisysteme einfrieren",
  "A frozen guest cannot write to its disks: thaw it as soon as the copy is taken.":
    "Ein eingefrorener Gast kann nicht auf seine Datenträger schreiben: sofort nach der Kopie wieder auftauen.",
  "Freeze filesystems": "Einfrieren",
  "Thaw filesystems": "Auftauen",

  // Hardware tab (islands/vm/VmHardware.tsx).
  "Settings": "Einstellungen",
  "Shut down or pause the VM to clone it": "Zum Klonen die VM herunterfahren oder anhalten",
  "Clone…": "Klonen…",

  // Snapshots (islands/VmSnapshots.tsx, snapshots/).
  "New snapshot": "Neuer Snapshot",
  "Snapshot {{name}} taken.": "Snapshot {{name}} erstellt.",
  "Deleted {{names}}.": "Gelöscht: {{names}}.",
  "Revert to snapshot": "Zu Snapshot zurückkehren",
  "Revert": "Zurückkehren",
  "Revert {{vm}} to {{snapshot}}? Its disks and memory go back to that point and changes made since are lost.":
    "Zu {{snapshot}} zurückkehren? Datenträger und Arbeitsspeicher von {{vm}} gehen auf diesen Stand zurück; seither gemachte Änderungen gehen verloren.",
  "Revert {{vm}} to {{snapshot}}? Its disks go back to that point and changes made since are lost.":
    "Zu {{snapshot}} zurückkehren? Die Datenträger von {{vm}} gehen auf diesen Stand zurück; seither gemachte Änderungen gehen verloren.",
  "Delete snapshot": "Snapshot löschen",
  "Delete snapshot {{snapshot}} of {{vm}}? The VM itself is not changed.":
    "Snapshot {{snapshot}} von {{vm}} löschen? Die VM selbst wird nicht verändert.",
  "Also delete the snapshots taken after it ({{names}} and below)":
    "Auch die danach erstellten Snapshots löschen ({{names}} und darunter)",
  "Running": "Läuft",
  "The VM will be running.": "Die VM läuft danach.",
  "Paused": "Angehalten",
  "The VM will be paused.": "Die VM ist danach angehalten.",
  "Suspended": "Ruhezustand",
  "The VM will be suspended.": "Die VM ist danach im Ruhezustand.",
  "Crashed": "Abgestürzt",
  "The VM will be crashed.": "Die VM ist danach abgestürzt.",
  "Disks only": "Nur Datenträger",
  "The VM will be disks only.": "Die VM ist danach aus.",
  "Shut off": "Aus",
  "The VM will be shut off.": "Die VM ist danach aus.",
  "Reverted to {{name}}; the VM is running.": "Zu {{name}} zurückgekehrt; die VM läuft.",
  "Reverted to {{name}}; the VM is paused.": "Zu {{name}} zurückgekehrt; die VM ist angehalten.",
  "Reverted to {{name}}; the VM is suspended.":
    "Zu {{name}} zurückgekehrt; die VM ist im Ruhezustand.",
  "Reverted to {{name}}; the VM is crashed.": "Zu {{name}} zurückgekehrt; die VM ist abgestürzt.",
  "Reverted to {{name}}; the VM is stopped.": "Zu {{name}} zurückgekehrt; die VM ist aus.",
  "Loading snapshots…": "Snapshots werden geladen…",
  "No snapshots yet.": "Noch keine Snapshots.",
  "VM state": "VM-Status",
  "Taken": "Erstellt",
  "Revert to {{name}}": "Zu {{name}} zurückkehren",
  "The VM was last created from or reverted to this snapshot":
    "Die VM wurde zuletzt aus diesem Snapshot erstellt oder ist zuletzt zu ihm zurückgekehrt",
  "current": "aktuell",
  "Take snapshot": "Snapshot erstellen",
  "Letters, digits and . _ -; left empty: snap-date-time":
    "Buchstaben, Ziffern und . _ -; leer: snap-Datum-Uhrzeit",
  "Optional, up to {{max}} characters": "Optional, bis zu {{max}} Zeichen",
  "Include memory": "Arbeitsspeicher einschließen",
  "Always for a running or paused VM: reverting resumes it as it ran. A disk-only snapshot of a running VM would be external, which this libvirt version cannot revert.":
    "Immer bei einer laufenden oder angehaltenen VM: Nach dem Zurückkehren läuft sie weiter wie zuvor. Ein reiner Datenträger-Snapshot einer laufenden VM wäre extern, und zu einem solchen kann diese libvirt-Version nicht zurückkehren.",
  "The VM is off: the snapshot holds its disks only.":
    "Die VM ist aus: Der Snapshot enthält nur ihre Datenträger.",

  // Backups and policy tabs (islands/VmBackups.tsx, VmPolicy.tsx).
  "All backups": "Alle Backups",
  "No backups of {{name}} yet.": "Noch keine Backups von {{name}}.",
  "All profiles": "Alle Profile",
  "Loading the policy of {{name}}…": "Richtlinie von {{name}} wird geladen…",
  "Profile: {{profile}}": "Profil: {{profile}}",
  "(assigned {{time}})": "(zugewiesen {{time}})",
  "No profile assigned.": "Kein Profil zugewiesen.",
  "Unassign": "Zuweisung aufheben",
  "Assign a profile": "Profil zuweisen",
  "Profile": "Profil",
  "No profiles yet": "Noch keine Profile",
  "Assign": "Zuweisen",
  "Add local override": "Lokale Überschreibung hinzufügen",

  // Migration (islands/VmMigrate.tsx, migration/).
  "Migration": "Migration",
  "Migrate…": "Migrieren…",
  "Move {{name}} to another host, running or stopped.":
    "{{name}} auf einen anderen Host verschieben, laufend oder ausgeschaltet.",
  "Migrate {{name}}": "{{name}} migrieren",
  "Migrate": "Migrieren",
  "Destination host": "Zielhost",
  "Loading hosts…": "Hosts werden geladen…",
  "No other host": "Kein anderer Host",
  "Add the host to move the VM to under Hosts first.":
    "Den Zielhost zuerst unter „Hosts“ hinzufügen.",
  "How": "Modus",
  "Live: the VM keeps running while its memory is copied":
    "Live: Die VM läuft weiter, während ihr Arbeitsspeicher kopiert wird",
  "Paused: the VM is paused while its memory is copied (faster, with downtime)":
    "Angehalten: Die VM wird angehalten, während ihr Arbeitsspeicher kopiert wird (schneller, mit Ausfallzeit)",
  "Offline: only the definition moves (the VM is stopped)":
    "Offline: Nur die Definition wird verschoben (die VM ist aus)",
  "Copy the disks too, for hosts without shared storage (the destination needs a storage pool at the same path)":
    "Auch die Datenträger kopieren, für Hosts ohne gemeinsamen Speicher (das Ziel braucht einen Speicherpool unter demselben Pfad)",
  "{{name}} (not connected: {{error}})": "{{name}} (nicht verbunden: {{error}})",
  "{{name}} (not connected)": "{{name}} (nicht verbunden)",
  "Migrating": "Wird migriert",
  "Migrated": "Migriert",
  "Failed": "Fehlgeschlagen",
  "Cancelled": "Abgebrochen",
  "offline": "offline",
  "live": "live",
  "paused": "angehalten",
  "{{mode}}, with its disks": "{{mode}}, mit Datenträgern",
  "{{state}} to {{host}} ({{how}}), started {{time}}":
    "{{state}} nach {{host}} ({{how}}), gestartet {{time}}",
  "Migration of {{name}} to {{host}}": "Migration von {{name}} nach {{host}}",
  "Copying disks": "Datenträger werden kopiert",
  "Copying memory": "Arbeitsspeicher wird kopiert",
  "Switching over": "Umschalten",
  "Completed": "Abgeschlossen",
  "{{done}} of {{total}}": "{{done}} von {{total}}",
  "Cancel migration": "Migration abbrechen",
  "{{name}} is defined on {{host}} now: {{link}}.":
    "{{name}} ist jetzt auf {{host}} definiert: {{link}}.",
  "{{name}} is running on {{host}} now: {{link}}.": "{{name}} läuft jetzt auf {{host}}: {{link}}.",
  "open it there": "dort öffnen",
  "Screen": "Bildschirm",
  "Open console": "Konsole öffnen",
  "The screen of {{name}}": "Der Bildschirm von {{name}}",
  "Reading the screen…": "Bildschirm wird gelesen…",
  "The screen shows while the VM runs.": "Der Bildschirm erscheint, während die VM läuft.",
  "Clipboard": "Zwischenablage",
  "Send to guest": "An den Gast senden",
  "The guest's clipboard arrived": "Die Zwischenablage des Gasts ist angekommen",
  "Sent {{count}} characters to the guest's clipboard_one":
    "{{count}} Zeichen an die Zwischenablage des Gasts gesendet",
  "Sent {{count}} characters to the guest's clipboard_other":
    "{{count}} Zeichen an die Zwischenablage des Gasts gesendet",
  "Send makes this text the guest's clipboard; paste it there as usual. What the guest copies appears here when a clipboard agent runs in it.":
    "Senden legt diesen Text in die Zwischenablage des Gasts; dort wie gewohnt einfügen. Was der Gast kopiert, erscheint hier, wenn in ihm ein Zwischenablage-Agent läuft.",
  "Shared clipboard": "Gemeinsame Zwischenablage",
  "Save console settings": "Konsoleneinstellungen speichern",
  "Running now with {{display}} and a shared clipboard; the settings above apply at the next boot.":
    "Läuft jetzt mit {{display}} und gemeinsamer Zwischenablage; die Einstellungen oben gelten ab dem nächsten Start.",
  "Running now with {{display}} and no shared clipboard; the settings above apply at the next boot.":
    "Läuft jetzt mit {{display}} ohne gemeinsame Zwischenablage; die Einstellungen oben gelten ab dem nächsten Start.",
  // The Guest tab's services and pending updates
  "Package": "Paket",
  "Installed": "Installiert",
  "Pending updates ({{count}})_one": "Ausstehende Updates ({{count}})",
  "Pending updates ({{count}})_other": "Ausstehende Updates ({{count}})",
  "Pending updates": "Ausstehende Updates",
  "Refresh updates": "Updates neu lesen",
  "From {{manager}}, as of its last refresh of the package lists; nothing is installed from here.":
    "Von {{manager}}, Stand seiner letzten Aktualisierung der Paketlisten; von hier wird nichts installiert.",
  "The first {{shown}} are listed.": "Die ersten {{shown}} sind aufgeführt.",
  "No updates are pending.": "Keine Updates ausstehend.",
  "Restart": "Neu starten",
  "{{service}} started: {{state}}": "{{service}} gestartet: {{state}}",
  "{{service}} stopped: {{state}}": "{{service}} gestoppt: {{state}}",
  "{{service}} restarted: {{state}}": "{{service}} neu gestartet: {{state}}",
  "Service": "Dienst",
  "Services": "Dienste",
  "Refresh services": "Dienste neu lesen",
  "This VM's policy allows starting and stopping: {{patterns}}":
    "Die Richtlinie dieser VM erlaubt Starten und Stoppen von: {{patterns}}",
  "This VM's policy allows no services to be started or stopped: add them to Allowed services in its profile or a local override.":
    "Die Richtlinie dieser VM erlaubt kein Starten oder Stoppen von Diensten: Tragen Sie sie unter „Erlaubte Dienste“ in ihrem Profil oder einer lokalen Überschreibung ein.",
  "Name or description": "Name oder Beschreibung",
  "{{count}} services (the guest has more)_one": "{{count}} Dienst (der Gast hat mehr)",
  "{{count}} services (the guest has more)_other": "{{count}} Dienste (der Gast hat mehr)",
  "{{count}} services_one": "{{count}} Dienst",
  "{{count}} services_other": "{{count}} Dienste",
  "No service matches.": "Kein Dienst passt.",
  "The guest reported no services.": "Der Gast meldete keine Dienste.",
  "The agent is updated from {{from}} to {{to}}.":
    "Der Agent ist von {{from}} auf {{to}} aktualisiert.",
  "Agent update": "Agenten-Update",
  "This server has agent {{latest}}; the guest runs {{version}}.":
    "Dieser Server hat Agent {{latest}}; im Gast läuft {{version}}.",
  "The guest's agent config does not allow updates from the host (allow_self_update).":
    "Die Agenten-Konfiguration des Gasts erlaubt keine Updates vom Host (allow_self_update).",
  "Update the agent": "Agenten aktualisieren",
  "Agent not checked yet": "Agent noch nicht gepr\u00fcft",
  "No agent channel: the heartbeat has nothing to ask":
    "Kein Agent-Kanal: Der Heartbeat hat niemanden zu fragen",
  "{{agent}} last seen {{ago}}": "{{agent}} zuletzt gesehen {{ago}}",
  "{{agent}} not responding since {{time}} (last seen {{seen}})":
    "{{agent}} antwortet nicht seit {{time}} (zuletzt gesehen {{seen}})",
  "{{agent}} not responding since {{time}}": "{{agent}} antwortet nicht seit {{time}}",
  "Heartbeat": "Heartbeat",
  // islands/vm/PendingHeader.tsx, PendingHint.tsx, pending_words.ts, components/vm/PendingBadge.tsx:
  // changes waiting for a running VM's next boot
  "Changes pending": "Änderungen ausstehend",
  "Settings changed while the VM runs apply when it is next shut down and started":
    "Während die VM läuft geänderte Einstellungen gelten, sobald sie heruntergefahren und wieder gestartet wird",
  "Apply (shut down and start)…": "Anwenden (herunterfahren und starten)…",
  "Resume the VM first": "Zuerst die VM fortsetzen",
  "Apply pending changes": "Ausstehende Änderungen anwenden",
  "Shut down and start": "Herunterfahren und starten",
  "Shutting down {{name}}; it starts again with the new settings once it is off (see the task log).":
    "{{name}} wird heruntergefahren; sobald sie aus ist, startet sie mit den neuen Einstellungen (siehe Aufgabenprotokoll).",
  "{{name}} is asked to shut down (through its guest agent, else the ACPI power button); once it is off it is started again with these settings. A reboot would not apply them: the running QEMU keeps its settings.":
    "{{name}} wird zum Herunterfahren aufgefordert (über ihren Gast-Agenten, sonst den ACPI-Ausschalter); sobald sie aus ist, wird sie mit diesen Einstellungen wieder gestartet. Ein Neustart würde sie nicht anwenden: das laufende QEMU behält seine Einstellungen.",
  "If the guest does not shut down within 3 minutes it is left running.":
    "Fährt der Gast nicht innerhalb von 3 Minuten herunter, läuft er weiter.",
  "→ {{value}} at next boot": "→ {{value}} ab dem nächsten Start",
  "Next boot": "Nächster Start",
  "These settings changed while the VM runs. They apply when it is shut down and started again (Apply in the header does both); a reboot keeps what runs now.":
    "Diese Einstellungen wurden geändert, während die VM läuft. Sie gelten, wenn sie heruntergefahren und wieder gestartet wird („Anwenden“ oben tut beides); ein Neustart behält, was jetzt läuft.",
  "Runs with {{value}} now; this applies at the next boot.":
    "Läuft jetzt mit {{value}}; dies gilt ab dem nächsten Start.",
  "Maximum vCPUs": "Maximale vCPUs",
  "Current memory": "Aktueller Arbeitsspeicher",
  "Secure Boot": "Secure Boot",
  "Disk {{device}}": "Datenträger {{device}}",
  "Network interface {{device}}": "Netzwerkkarte {{device}}",
  "Host device {{device}}": "Host-Gerät {{device}}",
  "Floppy": "Diskette",
  "absent": "nicht vorhanden",
  "empty drive": "leeres Laufwerk",
  "{{what}}: {{change}}": "{{what}}: {{change}}",
  "Another action on the VM came first; its changes apply at its next start":
    "Eine andere Aktion an der VM kam zuerst; ihre Änderungen gelten ab ihrem nächsten Start",
  "This VM's changes are being applied already":
    "Die Änderungen dieser VM werden bereits angewendet",
  // lib/guest/bounds.ts: what a guest said beyond the bounds.
  "The guest reported {{count}} network interfaces; the first {{max}} are kept":
    "Der Gast meldete {{count}} Netzwerkschnittstellen; die ersten {{max}} werden behalten",
  "An interface of the guest reported {{count}} addresses; the first {{max}} are kept":
    "Eine Schnittstelle des Gasts meldete {{count}} Adressen; die ersten {{max}} werden behalten",
  "The guest reported {{count}} filesystems; the first {{max}} are kept":
    "Der Gast meldete {{count}} Dateisysteme; die ersten {{max}} werden behalten",
  "The guest reported {{count}} sessions; the first {{max}} are kept":
    "Der Gast meldete {{count}} Sitzungen; die ersten {{max}} werden behalten",
  "The guest reported {{count}} processes; the first {{max}} are kept":
    "Der Gast meldete {{count}} Prozesse; die ersten {{max}} werden behalten",
  "The guest reported {{count}} services; the first {{max}} are kept":
    "Der Gast meldete {{count}} Dienste; die ersten {{max}} werden behalten",
  "The guest reported {{count}} updates; the first {{max}} are kept":
    "Der Gast meldete {{count}} Aktualisierungen; die ersten {{max}} werden behalten",
  "The guest reported more than is kept: {{what}}":
    "Der Gast meldete mehr, als behalten wird: {{what}}",
};

export default words;
