// German for the dashboard's pools, busiest VMs and last failures (components/DashboardCards.tsx),
// and the neutral words for normal states: memory without guest statistics, no agent installed.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "Storage pools could not be read": "Die Speicherpools konnten nicht gelesen werden",
  "No storage pools yet.": "Noch keine Speicherpools.",
  "Add one": "Einen anlegen",
  "Busiest VMs": "Aktivste VMs",
  "No running VM has been sampled yet.": "Noch keine laufende VM gemessen.",
  "{{used}} of {{total}}": "{{used}} von {{total}}",
  "{{total}} assigned, no guest statistics": "{{total}} zugewiesen, keine Gaststatistik",
  "Last failures": "Letzte Fehler",
  "No VM in trouble, no failed tasks and no firing alerts.":
    "Keine VM in Schwierigkeiten, keine fehlgeschlagenen Aufgaben, keine aktiven Alarme.",
  "VMs in trouble": "VMs in Schwierigkeiten",
  "Firing alerts": "Aktive Alarme",
  "Failed tasks": "Fehlgeschlagene Aufgaben",
  "Memory assigned to {{name}}": "Zugewiesener Arbeitsspeicher von {{name}}",
  "no guest statistics": "keine Gaststatistik",
  "Memory assigned, not memory in use: the guest sends no balloon statistics (virtio-balloon driver)":
    "Zugewiesener, nicht genutzter Arbeitsspeicher: der Gast sendet keine Balloon-Statistik (virtio-balloon-Treiber)",
  "No agent installed": "Kein Agent installiert",
};

export default words;
