// German for the keys of the kit area (see ../README.md for how to write them).

import type { Dictionary } from "../translator.ts";

const words: Dictionary = {
  // Common words: the kit's own, reused by every area.
  "Cancel": "Abbrechen",
  "Save": "Speichern",
  "Save changes": "Änderungen speichern",
  "Close": "Schließen",
  "Create": "Erstellen",
  "Add": "Hinzufügen",
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
  "Unknown": "Unbekannt",
  "Error": "Fehler",
  "Loading…": "Wird geladen…",
  "Actions": "Aktionen",
  "{{action}} {{name}}": "{{action}}: {{name}}",
  "Nothing to show.": "Nichts anzuzeigen.",
  "Columns": "Spalten",
  "Columns to show": "Angezeigte Spalten",
  // VM lifecycle actions (islands/client/actions.ts).
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
};

export default words;
