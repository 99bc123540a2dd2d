// German for the keys of the kit area (see ../README.md for how to write them).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // Common words: the kit's own, reused by every area.
  "Cancel": "Abbrechen",
  "Save": "Speichern",
  "Save changes": "Änderungen speichern",
  "Close": "Schließen",
  "Edit": "Bearbeiten",
  "Delete": "Löschen",
  "Remove": "Entfernen",
  "Refresh": "Aktualisieren",
  "Name": "Name",
  "Description": "Beschreibung",
  "State": "Status",
  "Status": "Status",
  "Type": "Typ",
  "Size": "Größe",
  "Yes": "Ja",
  "No": "Nein",
  "None": "Keine",
  "Never": "Nie",
  "Error": "Fehler",
  "Loading…": "Wird geladen…",
  "Actions": "Aktionen",
  "{{action}} {{name}}": "{{action}}: {{name}}",
  "Nothing to show.": "Nichts anzuzeigen.",
  "Columns": "Spalten",
  "Columns to show": "Angezeigte Spalten",
  // VM lifecycle actions (components/client/actions.ts).
  "Start": "Starten",
  "Shut down": "Herunterfahren",
  "Force stop": "Ausschalten erzwingen",
  "Pause": "Anhalten",
  "Resume": "Fortsetzen",
  "Reboot": "Neu starten",
  "Reset": "Zurücksetzen",
  "Shutdown requested through the KVM Manager agent":
    "Herunterfahren über den KVM-Manager-Agenten angefordert",
  "Shutdown requested through the QEMU guest agent":
    "Herunterfahren über den QEMU-Gast-Agenten angefordert",
  "Shutdown requested through the ACPI power button":
    "Herunterfahren über den ACPI-Netzschalter angefordert",
  "Reboot requested through the KVM Manager agent":
    "Neustart über den KVM-Manager-Agenten angefordert",
  "Reboot requested through the QEMU guest agent":
    "Neustart über den QEMU-Gast-Agenten angefordert",
  "Reboot requested through the ACPI power button":
    "Neustart über den ACPI-Netzschalter angefordert",
  // Badges (components/kit/Badge.tsx).
  "Running": "Läuft",
  "Paused": "Angehalten",
  "Suspended": "Ruhezustand",
  "Stopped": "Aus",
  "Crashed": "Abgestürzt",
  "Info": "Info",
  "Warning": "Warnung",
  "Critical": "Kritisch",
  // Kit components.
  "Autostart": "Autostart",
  "Autostart {{name}}": "Autostart für {{name}}",
  "A transient pool cannot autostart": "Ein transienter Pool kann nicht automatisch starten",
  "A transient network cannot autostart": "Ein transientes Netzwerk kann nicht automatisch starten",
  "Edit {{name}}": "{{name}} bearbeiten",
  "{{names}} and {{last}}": "{{names}} und {{last}}",
  "{{names}} and {{count}} more_one": "{{names}} und {{count}} weitere",
  "{{names}} and {{count}} more_other": "{{names}} und {{count}} weitere",
  // The page around every page (routes/layout/Layout.tsx, islands/ConnectionBanner.tsx).
  "Skip to content": "Zum Inhalt springen",
  "Demo mode": "Demo-Modus",
  "Demo mode: connected to libvirt's test driver{{uri}} — no real VMs are touched":
    "Demo-Modus: Testtreiber von libvirt{{uri}} – echte VMs bleiben unberührt",
  "Store unavailable: {{reason}}": "Datenspeicher nicht verfügbar: {{reason}}",
  "libvirt answers again: reload the page to see it renewed (not done for you while you work on it).":
    "libvirt antwortet wieder: die Seite neu laden, um sie erneuert zu sehen (das geschieht nicht von selbst, solange Sie auf ihr arbeiten).",
  "{{why}}; nothing is known from it yet. This page renews itself once libvirt answers.":
    "{{why}}; von dort ist noch nichts bekannt. Diese Seite aktualisiert sich, sobald libvirt antwortet.",
  "{{why}}; showing what was known at {{time}}. This page renews itself once libvirt answers.":
    "{{why}}; angezeigt wird der Stand von {{time}}. Diese Seite aktualisiert sich, sobald libvirt antwortet.",
  "Not connected to libvirt ({{uri}}): {{error}}. Reconnecting…":
    "Keine Verbindung zu libvirt ({{uri}}): {{error}}. Verbindung wird wiederhergestellt…",
  "Not connected to libvirt ({{uri}}). Reconnecting…":
    "Keine Verbindung zu libvirt ({{uri}}). Verbindung wird wiederhergestellt…",
  "The graphs need JavaScript.": "Die Diagramme benötigen JavaScript.",
  "Time": "Zeit",
  // The browser's own words about a request (components/client/api.ts, toasts.tsx).
  "Request failed: {{status}} {{statusText}}": "Anfrage fehlgeschlagen: {{status}} {{statusText}}",
  "Cannot reach KVM Manager: {{reason}}": "KVM Manager ist nicht erreichbar: {{reason}}",
  "Upload cancelled": "Hochladen abgebrochen",
  "Cannot reach KVM Manager: the upload failed":
    "KVM Manager ist nicht erreichbar: Das Hochladen ist fehlgeschlagen",
  "Notifications": "Benachrichtigungen",
  "View task": "Aufgabe anzeigen",
  "{{count}} more_one": "{{count}} weitere",
  "{{count}} more_other": "{{count}} weitere",
  "Show only the newest": "Nur die neueste zeigen",
  "Dismiss all": "Alle ausblenden",
  // The guides served at /help (components/HelpPage.tsx).
  "Help": "Hilfe",
  "Guides": "Anleitungen",
  "The guides shipped with this version of KVM Manager, in English: the same words as its repository, read here without a network.":
    "Die Anleitungen dieser Version von KVM Manager, auf Englisch: dieselben Worte wie in ihrem Repository, hier ohne Netz zu lesen.",
  "Dismiss": "Ausblenden",
  // Page titles and error pages (routes/pages.tsx, components/ErrorPage.tsx).
  "libvirt is not connected": "libvirt ist nicht verbunden",
  "libvirtd is not answering": "libvirtd antwortet nicht",
  "Not found": "Nicht gefunden",
  "Audit log": "Prüfprotokoll",
  "Access": "Zugriff",
  "Dashboard": "Übersicht",
  "Virtual machines": "Virtuelle Maschinen",
  "Template not found: {{id}}": "Vorlage nicht gefunden: {{id}}",
  "New virtual machine": "Neue virtuelle Maschine",
  "Templates": "Vorlagen",
  "Profiles": "Profile",
  "Storage": "Speicher",
  "{{name}} · Storage": "{{name}} · Speicher",
  "Networks": "Netzwerke",
  "{{name}} · Networks": "{{name}} · Netzwerke",
  "{{name}} console": "Konsole von {{name}}",
  "{{name}} serial console": "Serielle Konsole von {{name}}",
  "Alerts": "Alarme",
  "Insights": "Einblicke",
  "Settings": "Einstellungen",
  "Schedules": "Zeitpläne",
  "Backups": "Backups",
  "Tasks": "Aufgaben",
  "Permission denied": "Zugriff verweigert",
  "Conflict": "Konflikt",
  "libvirt unavailable": "libvirt nicht verfügbar",
  "Something went wrong": "Etwas ist schiefgelaufen",
  "Go to the dashboard": "Zur Übersicht",
  "Back to virtual machines": "Zurück zu den virtuellen Maschinen",
  // The API reference page (components/ApiReferencePage.tsx).
  "anyone": "alle",
  "any signed-in user": "alle angemeldeten Benutzer",
  "viewers and up": "Betrachter und höher",
  "operators of this VM, admins": "Operatoren dieser VM, Administratoren",
  "admins": "Administratoren",
  "Who": "Wer",
  "Protocol": "Protokoll",
  "WebSocket upgrade": "WebSocket-Upgrade",
  "Parameters": "Parameter",
  ", required": ", erforderlich",
  "Body": "Anfrageinhalt",
  "Answers": "Antworten",
  "Shapes": "Formen",
  "{{answers}}; a refusal is {{shape}}": "{{answers}}; eine Ablehnung ist {{shape}}",
  "Store": "Datenspeicher",
  "kept in the app store: refused while the store is read-only":
    "im Datenspeicher der Anwendung abgelegt: abgelehnt, solange dieser schreibgeschützt ist",
  "API reference": "API-Referenz",
  "{{count}} routes of {{title}} {{version}}. The same description as a machine-readable OpenAPI 3.1 document: {{link}}._one":
    "{{count}} Route von {{title}} {{version}}. Dieselbe Beschreibung als maschinenlesbares OpenAPI-3.1-Dokument: {{link}}.",
  "{{count}} routes of {{title}} {{version}}. The same description as a machine-readable OpenAPI 3.1 document: {{link}}._other":
    "{{count}} Routen von {{title}} {{version}}. Dieselbe Beschreibung als maschinenlesbares OpenAPI-3.1-Dokument: {{link}}.",
  "Resources": "Ressourcen",
  // Sizes as typed (shared/units.ts).
  "{{label}} must be a size such as {{example}}":
    "{{label}} muss eine Größe sein, z. B. {{example}}",
  'Unknown unit "{{typed}}": use KiB, MiB, GiB or TiB (a bare number is {{unit}})':
    "Unbekannte Einheit „{{typed}}“: KiB, MiB, GiB oder TiB verwenden (eine Zahl allein gilt als {{unit}})",
  "{{label}} is too large: {{typed}}": "{{label}} ist zu groß: {{typed}}",
  "{{label}} must be a whole number of {{unit}}: {{typed}} is {{size}}":
    "{{label}} muss eine ganze Zahl in {{unit}} sein: {{typed}} sind {{size}}",
  "{{label}} must be at least {{size}}": "{{label}} muss mindestens {{size}} betragen",
  "{{label}} must be at most {{size}}": "{{label}} darf höchstens {{size}} betragen",
  "Memory": "Arbeitsspeicher",
  "Enter the memory, e.g. {{example}}": "Arbeitsspeicher angeben, z. B. {{example}}",
  "2 GiB, 512 MiB or 2048": "2 GiB, 512 MiB oder 2048",
  "Disk size": "Datenträgergröße",
  "Enter the disk size, e.g. {{example}}": "Datenträgergröße angeben, z. B. {{example}}",
  "20 GiB, 1 TiB or 20": "20 GiB, 1 TiB oder 20",
  // routes/app.ts: the page for an unknown path.
  "Page not found": "Seite nicht gefunden",
  "There is no page at {{path}}.": "Unter {{path}} gibt es keine Seite.",
};

export default words;
