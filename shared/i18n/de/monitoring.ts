// German for the keys of the monitoring area (see ../README.md for how to write them).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // The dashboard (routes/pages/dashboard.tsx).
  "Show the running VMs": "Laufende VMs anzeigen",
  "Show the paused VMs": "Angehaltene VMs anzeigen",
  "Show the suspended VMs": "VMs im Ruhezustand anzeigen",
  "Show the stopped VMs": "Ausgeschaltete VMs anzeigen",
  "Show the crashed VMs": "Abgestürzte VMs anzeigen",
  "Dashboard": "Übersicht",
  "Connection": "Verbindung",
  "URI": "URI",
  "Connected": "Verbunden",
  "Disconnected": "Getrennt",
  "Host usage": "Host-Auslastung",
  "Host": "Host",
  "Hostname": "Hostname",
  "Hypervisor": "Hypervisor",
  "CPU": "CPU",
  "CPUs": "CPUs",
  "{{count}} cores_one": "{{count}} Kern",
  "{{count}} cores_other": "{{count}} Kerne",
  "{{count}} threads_one": "{{count}} Thread",
  "{{count}} threads_other": "{{count}} Threads",
  "Memory": "Arbeitsspeicher",
  "{{used}} used of {{total}} ({{free}} free)": "{{used}} von {{total}} belegt ({{free}} frei)",
  "{{used}} used of {{total}} ({{available}} available)":
    "{{used}} von {{total}} belegt ({{available}} verfügbar)",
  "Memory used": "Belegter Arbeitsspeicher",
  "VMs": "VMs",
  "{{active}} active of {{total}}": "{{active}} von {{total}} aktiv",
  "Virtual machines": "Virtuelle Maschinen",
  "total": "insgesamt",
  // The alerts, insights and settings pages (components/MonitoringPages.tsx).
  "Alerts": "Alarme",
  "Rules are checked at every collector reading; an alert fires after its consecutive readings above the threshold and resolves after as many below.":
    "Die Regeln werden bei jedem Messwert des Collectors geprüft; ein Alarm wird nach der eingestellten Zahl aufeinanderfolgender Messwerte über dem Schwellenwert ausgelöst und nach ebenso vielen darunter wieder behoben.",
  "Insights": "Einblicke",
  "Suggestions drawn from the host's and each VM's usage history.":
    "Vorschläge aus dem Auslastungsverlauf des Hosts und jeder VM.",
  "Settings": "Einstellungen",
  "Usage history is kept as raw samples, then as 1-minute and 1-hour averages and maxima.":
    "Der Auslastungsverlauf wird zuerst als Rohdaten gespeichert, danach als Mittel- und Höchstwerte je Minute und je Stunde.",
  // Alerts and their rules (islands/AlertsView.tsx, islands/alerts/).
  "Active alerts ({{number}})": "Aktive Alarme ({{number}})",
  "Active alerts": "Aktive Alarme",
  "No alert is firing.": "Derzeit ist kein Alarm ausgelöst.",
  "Rules": "Regeln",
  "New rule": "Neue Regel",
  "Recent history": "Verlauf",
  "No resolved alerts yet.": "Noch keine behobenen Alarme.",
  "Delete alert rule": "Alarmregel löschen",
  "Delete the rule {{name}}? Its firing alerts are resolved.":
    "Regel {{name}} löschen? Ihre ausgelösten Alarme gelten dann als behoben.",
  "below threshold": "unter dem Schwellenwert",
  "VM stopped": "VM ausgeschaltet",
  "policy changed": "Richtlinie geändert",
  "rule changed": "Regel geändert",
  "rule deleted": "Regel gelöscht",
  "Severity": "Schweregrad",
  "Rule": "Regel",
  "VM": "VM",
  "Reading": "Messwert",
  "(over {{threshold}})": "(über {{threshold}})",
  "Fired": "Ausgelöst",
  "Resolved": "Behoben",
  "Why": "Grund",
  "Webhook error": "Webhook-Fehler",
  "Resolved alerts": "Behobene Alarme",
  "Loading alerts…": "Alarme werden geladen…",
  "info": "Info",
  "warning": "Warnung",
  "critical": "Kritisch",
  "Edit alert rule": "Alarmregel bearbeiten",
  "New alert rule": "Neue Alarmregel",
  "Create rule": "Regel erstellen",
  "Metric": "Metrik",
  "Threshold ({{unit}})": "Schwellenwert ({{unit}})",
  "All VMs": "Alle VMs",
  "Consecutive checks": "Prüfungen in Folge",
  "Readings in a row above the threshold before it fires":
    "So viele Messwerte in Folge über dem Schwellenwert lösen den Alarm aus",
  "Webhook URL": "Webhook-URL",
  "Fired and resolved alerts are POSTed here as JSON":
    "Ausgelöste und behobene Alarme werden als JSON per POST an diese Adresse gesendet",
  "optional, https://…": "optional, https://…",
  "Enabled": "Aktiviert",
  "Scope": "Gilt für",
  "Threshold": "Schwelle",
  "Consecutive": "In Folge",
  "Webhook": "Webhook",
  "{{origin}}/… (full URL for admins)": "{{origin}}/… (vollständige URL für Administratoren)",
  "Alert rules": "Alarmregeln",
  "Loading alert rules…": "Alarmregeln werden geladen…",
  "No alert rules yet.": "Noch keine Alarmregeln.",
  // Usage graphs (islands/monitoring/MetricGraphs.tsx, graphs.ts, graph_data.ts).
  "Samples every {{step}} s, updated as they arrive":
    "Messwerte alle {{step}} s, laufend aktualisiert",
  "Samples every {{step}} s": "Messwerte alle {{step}} s",
  "1-minute averages, lighter lines the maxima": "Minutenmittel, hellere Linien die Höchstwerte",
  "1-hour averages, lighter lines the maxima": "Stundenmittel, hellere Linien die Höchstwerte",
  "Cannot read the usage history: {{error}}":
    "Der Auslastungsverlauf kann nicht gelesen werden: {{error}}",
  "No data for this range yet": "Noch keine Daten für diesen Zeitraum",
  "Live": "Live",
  "Range": "Zeitraum",
  "{{line}} max": "{{line}} (max.)",
  "Used": "Belegt",
  "Disk I/O": "Datenträger-I/O",
  "Read": "Lesen",
  "Write": "Schreiben",
  "Network": "Netzwerk",
  "Receive": "Empfangen",
  "Transmit": "Senden",
  // Monitoring figures in words (islands/monitoring/format.ts, forms.ts).
  "Hours": "Stunden",
  "Avg CPU percent": "CPU-Mittel (%)",
  "Max CPU percent": "CPU-Spitze (%)",
  "Avg I/O bytes per second": "I/O-Mittel (Bytes/s)",
  "vCPUs": "vCPUs",
  "Suggested vCPUs": "Empfohlene vCPUs",
  "Memory MB": "Arbeitsspeicher (MB)",
  "Max used MB": "Höchstens belegt (MB)",
  "Avg used percent": "Im Mittel belegt (%)",
  "Suggested MB": "Empfohlen (MB)",
  "Host threads": "Host-Threads",
  "Ratio": "Verhältnis",
  "{{raw}} raw, {{minute}} one-minute, {{hour}} one-hour":
    "{{raw}} roh, {{minute}} je Minute, {{hour}} je Stunde",
  "Deleted {{rows}} rows in {{ms}} ms. The database is now {{size}}.":
    "In {{ms}} ms gelöschte Zeilen: {{rows}}. Die Datenbank ist jetzt {{size}} groß.",
  // Insights (islands/monitoring/insights.ts, islands/Insights.tsx).
  "{{name}} looks idle": "{{name}} scheint ungenutzt",
  "Over {{hours}} CPU averaged {{avg}}% (peak {{peak}}%) with about {{io}} KiB/s of disk and network traffic. If nobody uses it, stopping it frees its CPU and memory for other VMs.":
    "In {{hours}} lag die CPU-Last im Mittel bei {{avg}} % (Spitze {{peak}} %), bei etwa {{io}} KiB/s Datenträger- und Netzwerkverkehr. Wird die VM nicht gebraucht, macht Herunterfahren ihre CPU und ihren Arbeitsspeicher für andere VMs frei.",
  "{{name}} has more vCPUs than it uses": "{{name}} hat mehr vCPUs, als sie nutzt",
  "CPU never went above {{peak}}% of its {{vcpus}} vCPUs in {{hours}} (average {{avg}}%). {{suggested}} would carry that peak.":
    "Die CPU-Last lag in {{hours}} nie über {{peak}} % ihrer {{vcpus}} vCPUs (Mittel {{avg}} %). Mit {{suggested}} wäre diese Spitze abgedeckt.",
  "{{name}} uses little of its memory": "{{name}} nutzt wenig von ihrem Arbeitsspeicher",
  "At most {{used}} MB of {{total}} MB was in use over {{hours}}. {{suggested}} MB would leave half again as much headroom.":
    "In {{hours}} waren höchstens {{used}} MB von {{total}} MB belegt. Mit {{suggested}} MB blieben 50 % Reserve über dieser Spitze.",
  "{{name}} is short of memory": "{{name}} hat zu wenig Arbeitsspeicher",
  "Memory in use averaged {{avg}}% of {{total}} MB over {{hours}}. Give it more memory before the guest starts swapping or killing processes.":
    "Der belegte Arbeitsspeicher lag in {{hours}} im Mittel bei {{avg}} % von {{total}} MB. Mehr Arbeitsspeicher zuweisen, bevor der Gast auslagert oder Prozesse beendet.",
  "{{name}} is CPU-bound": "{{name}} ist durch die CPU begrenzt",
  "CPU averaged {{avg}}% of its {{vcpus}} over {{hours}}. More vCPUs (if the host has them free) would help.":
    "Die CPU-Last lag in {{hours}} im Mittel bei {{avg}} % ihrer {{vcpus}}. Mehr vCPUs (sofern der Host welche frei hat) würden helfen.",
  "{{name}} has CPU spikes": "{{name}} hat CPU-Spitzen",
  "CPU averaged {{avg}}% but reached {{peak}}% over {{hours}}: short bursts (backups, cron jobs, builds). Spread them out if they slow the VM down.":
    "Die CPU-Last lag in {{hours}} im Mittel bei {{avg}} %, erreichte aber {{peak}} %: kurze Lastspitzen (Backups, Cronjobs, Builds). Diese zeitlich verteilen, falls sie die VM ausbremsen.",
  "The host's CPUs are busy": "Die CPUs des Hosts sind ausgelastet",
  "Host CPU averaged {{avg}}% over {{hours}}. VMs compete for CPU time; move or stop some, or shrink the busiest.":
    "Die CPU-Last des Hosts lag in {{hours}} im Mittel bei {{avg}} %. Die VMs konkurrieren um CPU-Zeit; einige migrieren oder herunterfahren oder die aktivsten verkleinern.",
  "The host is short of memory": "Der Host hat zu wenig Arbeitsspeicher",
  "Host memory in use averaged {{avg}}% of {{total}} MB over {{hours}}. New VMs may fail to start; shrink oversized VMs or stop idle ones.":
    "Der belegte Arbeitsspeicher des Hosts lag in {{hours}} im Mittel bei {{avg}} % von {{total}} MB. Neue VMs starten womöglich nicht; überdimensionierte VMs verkleinern oder ungenutzte herunterfahren.",
  "vCPUs are heavily overcommitted": "vCPUs sind stark überbucht",
  "The VMs that ran in this range have {{vcpus}} vCPUs on {{threads}} host threads ({{ratio}} per thread). Fine while they are mostly idle; busy VMs will slow each other down.":
    "Die VMs, die in diesem Zeitraum liefen, haben {{vcpus}} vCPUs auf {{threads}} Host-Threads ({{ratio}} pro Thread). Unproblematisch, solange sie meist untätig sind; ausgelastete VMs bremsen sich gegenseitig aus.",
  "{{count}} hours_one": "{{count}} Stunde",
  "{{count}} hours_other": "{{count}} Stunden",
  "{{count}} vCPUs_one": "{{count}} vCPU",
  "{{count}} vCPUs_other": "{{count}} vCPUs",
  "Cannot read insights: {{error}}": "Einblicke können nicht gelesen werden: {{error}}",
  "{{count}} VMs with enough history_one": "{{count}} VM mit ausreichend Verlauf",
  "{{count}} VMs with enough history_other": "{{count}} VMs mit ausreichend Verlauf",
  "Loading insights…": "Einblicke werden geladen…",
  "No suggestions: not enough history yet or nothing to report":
    "Keine Vorschläge: noch zu wenig Verlauf oder nichts zu melden",
  "cpu{{core}} at {{time}}: {{busy}}": "cpu{{core}} um {{time}}: {{busy}}",
  "Busy share of each guest CPU over time; latest: {{values}}":
    "Auslastung jeder Gast-CPU \u00fcber die Zeit; zuletzt: {{values}}",
  "Darker is busier; point at a cell for its figure":
    "Dunkler hei\u00dft st\u00e4rker ausgelastet; auf ein Feld zeigen f\u00fcr seinen Wert",
  "Buffers": "Puffer",
  "Cache": "Cache",
  "Swap used": "Swap belegt",
  "Per-core CPU and memory detail need the KVM Manager agent: only QEMU's guest agent answers, and it does not report them.":
    "CPU je Kern und Speicherdetails brauchen den KVM-Manager-Agenten: Nur der QEMU-Gast-Agent antwortet, und er meldet sie nicht.",
  "Per-core CPU and memory detail come from the KVM Manager agent while this page is open; no agent answers now.":
    "CPU je Kern und Speicherdetails kommen vom KVM-Manager-Agenten, solange diese Seite offen ist; gerade antwortet kein Agent.",
  "Cannot read the guest detail: {{error}}": "Die Gastdetails lassen sich nicht lesen: {{error}}",
  "Inside the guest": "Im Gast",
  "Sampling every {{step}} s while this page is open; the first figures come shortly.":
    "Abfrage alle {{step}} s, solange diese Seite offen ist; die ersten Werte kommen gleich.",
  "CPU per core": "CPU je Kern",
  "Guest memory": "Gastspeicher",
};

export default words;
