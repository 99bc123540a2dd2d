// German for the server's own words, area api_ops (the API's messages: see ../README.md).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // lib/backups/: starting, following, deleting and restoring backups; the backup settings.
  "Not backed up: {{skipped}}": "Nicht gesichert: {{skipped}}",
  "Not quiesced: {{error}}": "Nicht stillgelegt: {{error}}",
  "Quiesced: {{count}} guest filesystem(s) frozen at the start_one":
    "Stillgelegt: {{count}} Dateisystem des Gastes zu Beginn eingefroren",
  "Quiesced: {{count}} guest filesystem(s) frozen at the start_other":
    "Stillgelegt: {{count}} Dateisysteme des Gastes zu Beginn eingefroren",
  "No checkpoint: libvirt refused it ({{error}}); the next backup is full":
    "Kein Checkpoint: libvirt hat ihn abgelehnt ({{error}}); das nächste Backup ist vollständig",
  "Failed to delete backup volume {{volume}}":
    "Backup-Volume {{volume}} konnte nicht gelöscht werden",
  "Failed to consolidate backup {{id}}": "Backup {{id}} konnte nicht zusammengeführt werden",
  "Consolidated into a full backup when the backup it built on went":
    "Zu einem vollständigen Backup zusammengeführt, als das Backup, auf dem es aufbaute, entfernt wurde",
  "Backup not found: {{id}}": "Backup nicht gefunden: {{id}}",
  "mode must be auto, full or incremental": "mode muss auto, full oder incremental sein",
  'Unknown option "{{key}}": expected mode, keep':
    'Unbekannte Option "{{key}}": erwartet werden mode, keep',
  'Options must be a JSON object like {"mode": "auto"}':
    'Die Optionen müssen ein JSON-Objekt wie {"mode": "auto"} sein',
  "libvirt refused to back up {{name}}: {{error}}":
    "libvirt hat das Backup von {{name}} abgelehnt: {{error}}",
  "Failed to back up {{name}}": "{{name}} konnte nicht gesichert werden",
  "Backup of {{name}} was cancelled": "Das Backup von {{name}} wurde abgebrochen",
  "Backup of {{name}} failed: {{error}}": "Das Backup von {{name}} ist fehlgeschlagen: {{error}}",
  "Disk {{target}} of {{name}}": "Datenträger {{target}} von {{name}}",
  "Failed to read disk {{target}}": "Datenträger {{target}} konnte nicht gelesen werden",
  "Disk {{target}} of the stopped VM {{name}} is not a storage volume and cannot be copied: {{path}}. Start the VM to back it up with libvirt's backup API.":
    "Datenträger {{target}} der gestoppten VM {{name}} ist kein Volume eines Speicherpools und kann nicht kopiert werden: {{path}}. Die VM starten, um sie über die Backup-API von libvirt zu sichern.",
  "Disk {{target}} is {{format}}: only qcow2 disks keep the dirty bitmaps incremental backups count changes with":
    "Datenträger {{target}} ist {{format}}: Nur qcow2-Datenträger führen die Dirty-Bitmaps, mit denen inkrementelle Backups Änderungen zählen",
  "Disk {{target}} is qcow2 version 2 (compat 0.10): Cannot store dirty bitmaps in qcow2 v2 files. Convert it to version 3 (qemu-img amend -o compat=1.1) while the VM is off":
    "Datenträger {{target}} ist qcow2 Version 2 (compat 0.10): qcow2-v2-Dateien können keine Dirty-Bitmaps speichern. Ihn bei ausgeschalteter VM in Version 3 umwandeln (qemu-img amend -o compat=1.1)",
  "Cannot make an incremental backup of {{name}}: {{issue}}":
    "Von {{name}} kann kein inkrementelles Backup erstellt werden: {{issue}}",
  "Copied while the VM was stopped: no checkpoint, so its next backup is full again":
    "Bei gestoppter VM kopiert: kein Checkpoint, daher ist das nächste Backup wieder vollständig",
  "No checkpoint: {{reason}}": "Kein Checkpoint: {{reason}}",
  "Full: {{reason}}": "Vollständig: {{reason}}",
  "{{name}} is not running, and libvirt's backup API (which counts changes) needs a running or paused VM":
    "{{name}} läuft nicht, und die Backup-API von libvirt (die Änderungen zählt) braucht eine laufende oder angehaltene VM",
  "{{name}} has no earlier backup to build on":
    "{{name}} hat kein früheres Backup, auf dem es aufbauen könnte",
  "its last backup ({{startedAt}}) has no checkpoint to count changes from":
    "ihr letztes Backup ({{startedAt}}) hat keinen Checkpoint, ab dem Änderungen gezählt werden könnten",
  "checkpoint {{checkpoint}} of its last backup no longer exists in libvirt":
    "Checkpoint {{checkpoint}} ihres letzten Backups gibt es in libvirt nicht mehr",
  "its last backup is in storage pool {{old}}, backups now go to {{pool}}":
    "ihr letztes Backup liegt im Speicherpool {{old}}, Backups gehen jetzt nach {{pool}}",
  "its disks changed since its last backup":
    "ihre Datenträger haben sich seit ihrem letzten Backup geändert",
  "volume {{volume}} of its last backup is gone from {{pool}}":
    "Volume {{volume}} ihres letzten Backups fehlt in {{pool}}",
  "pool must be a storage pool name": "pool muss der Name eines Speicherpools sein",
  'Unknown field "{{key}}": expected name, pool':
    'Unbekanntes Feld "{{key}}": erwartet werden name, pool',
  'Body must be a JSON object like {"name": "web-restored"}':
    'Der Anfragetext muss ein JSON-Objekt wie {"name": "web-restored"} sein',
  "Backup {{id}} is running: only a succeeded backup can be restored":
    "Backup {{id}} läuft noch: Nur ein erfolgreiches Backup kann wiederhergestellt werden",
  "Backup {{id}} has {{status}}: only a succeeded backup can be restored":
    "Backup {{id}} hat den Status {{status}}: Nur ein erfolgreiches Backup kann wiederhergestellt werden",
  "Storage pool {{name}} not found": "Speicherpool {{name}} nicht gefunden",
  "Storage pool {{name}} is not active: start it first":
    "Speicherpool {{name}} ist nicht aktiv: Zuerst starten",
  "Failed to restore disk {{target}}":
    "Datenträger {{target}} konnte nicht wiederhergestellt werden",
  "Failed to define the restored VM": "Die wiederhergestellte VM konnte nicht definiert werden",
  "A backup of {{name}} is already running (started {{startedAt}})":
    "Ein Backup von {{name}} läuft bereits (gestartet {{startedAt}})",
  "{{name}} has no disk to back up: {{skipped}}":
    "{{name}} hat keinen Datenträger, der gesichert werden kann: {{skipped}}",
  "{{name}} has no disk to back up": "{{name}} hat keinen Datenträger, der gesichert werden kann",
  "Backup {{id}} is running, but not under this server: it cannot be followed":
    "Backup {{id}} läuft, aber nicht unter diesem Server: Es kann nicht verfolgt werden",
  "Backup {{id}} is not running (it {{status}})": "Backup {{id}} läuft nicht (Status: {{status}})",
  "Failed to cancel the backup": "Das Backup konnte nicht abgebrochen werden",
  "Backup {{id}} is running: cancel it first": "Backup {{id}} läuft: Zuerst abbrechen",
  "A backup built on backup {{id}} is running: wait for it or cancel it first":
    "Ein Backup, das auf Backup {{id}} aufbaut, läuft: Zuerst sein Ende abwarten oder es abbrechen",
  "pool must be a storage pool name or null":
    "pool muss der Name eines Speicherpools oder null sein",
  "Choose a backup storage pool in Settings first":
    "Zuerst in den Einstellungen einen Backup-Speicherpool wählen",
  "Storage pool {{name}} is a {{type}} pool: backups need a directory pool (dir, fs or netfs)":
    "Speicherpool {{name}} ist ein Pool vom Typ {{type}}: Backups brauchen einen Verzeichnis-Pool (dir, fs oder netfs)",
  'Body must be a JSON object like {"pool": "backups", "defaultKeep": 7}':
    'Der Anfragetext muss ein JSON-Objekt wie {"pool": "backups", "defaultKeep": 7} sein',
  'Unknown setting "{{key}}": expected pool, defaultKeep':
    'Unbekannte Einstellung "{{key}}": erwartet werden pool, defaultKeep',
  "a {{device}}": "Gerät vom Typ {{device}}",
  "read-only": "schreibgeschützt",
  "a {{type}} disk without a local source": "Datenträger vom Typ {{type}} ohne lokale Quelle",

  // lib/metrics/: alert rules, their events, the metric history's retention; routes/api/metrics.ts.
  "Alert rule not found: {{id}}": "Alarmregel nicht gefunden: {{id}}",
  "vmId must be a VM's UUID, or null for every VM":
    "vmId muss die UUID einer VM sein, oder null für alle VMs",
  "consecutive must be a whole number from 1 to 100":
    "consecutive muss eine ganze Zahl von 1 bis 100 sein",
  "webhookUrl must be an http:// or https:// URL":
    "webhookUrl muss eine http://- oder https://-URL sein",
  "metric must be one of {{metrics}}": "metric muss einer dieser Werte sein: {{metrics}}",
  "severity must be one of {{severities}}": "severity muss einer dieser Werte sein: {{severities}}",
  "enabled must be true or false": "enabled muss true oder false sein",
  "Body must be a JSON object describing an alert rule":
    "Der Anfragetext muss ein JSON-Objekt sein, das eine Alarmregel beschreibt",
  "threshold must be a number from 0 to 100 for {{metric}} (percent)":
    "threshold muss für {{metric}} eine Zahl von 0 bis 100 sein (Prozent)",
  "threshold must be a number above 0 for {{metric}} (MiB/s)":
    "threshold muss für {{metric}} eine Zahl über 0 sein (MiB/s)",
  "An alert rule named {{name}} already exists": "Eine Alarmregel namens {{name}} gibt es bereits",
  "vmId: VM not found: {{id}}": "vmId: VM nicht gefunden: {{id}}",
  'Unknown setting "{{key}}": expected enabled, rawHours, minuteDays, hourDays, cleanupHour':
    'Unbekannte Einstellung "{{key}}": erwartet werden enabled, rawHours, minuteDays, hourDays, cleanupHour',
  "Body must be a JSON object of retention settings":
    "Der Anfragetext muss ein JSON-Objekt mit Aufbewahrungseinstellungen sein",
  "range must be one of {{ranges}}": "range muss einer dieser Werte sein: {{ranges}}",
  "state must be active or all": "state muss active oder all sein",
  "limit must be a whole number from 1 to {{max}}":
    "limit muss eine ganze Zahl von 1 bis {{max}} sein",

  // lib/profiles/: profiles, their files, assignments and local overrides.
  "Profile not found: {{id}}": "Profil nicht gefunden: {{id}}",
  "A profile named {{name}} already exists": "Ein Profil namens {{name}} gibt es bereits",
  "is missing or not a valid profile name": "fehlt oder ist kein gültiger Profilname",
  "must be an object with the profile's name and settings":
    "muss ein Objekt mit dem Namen und den Einstellungen des Profils sein",
  'unknown field "{{key}}"': 'unbekanntes Feld "{{key}}"',
  "is larger than {{size}} KiB": "ist größer als {{size}} KiB",
  "is not JSON ({{error}})": "ist kein JSON ({{error}})",
  "is not a KVM Manager profile (not a JSON object)":
    "ist kein KVM Manager-Profil (kein JSON-Objekt)",
  'is {{format}}, expected "{{expected}}": not a KVM Manager profile':
    'ist {{format}}, erwartet "{{expected}}": kein KVM Manager-Profil',
  "must be a whole number from 1": "muss eine ganze Zahl ab 1 sein",
  "This profile file has format version {{version}}; this KVM Manager reads up to version {{supported}}. Import it with a newer KVM Manager.":
    "Diese Profildatei hat die Formatversion {{version}}; dieser KVM Manager liest bis Version {{supported}}. Sie mit einem neueren KVM Manager importieren.",
  "must be {{rule}}": "muss dieser Regel folgen: {{rule}}",
  "must be text of at most {{max}} characters": "muss ein Text mit höchstens {{max}} Zeichen sein",
  "must be a JSON object like {{example}}": "muss ein JSON-Objekt wie {{example}} sein",
  "must be one of {{list}}": "muss einer dieser Werte sein: {{list}}",
  'unknown field "{{key}}" (expected kind, {{kind}})':
    'unbekanntes Feld "{{key}}" (erwartet werden kind, {{kind}})',
  'Body must be a JSON object like {"profileId": "…"}':
    'Der Anfragetext muss ein JSON-Objekt wie {"profileId": "…"} sein',
  "Body is not valid JSON": "Der Anfragetext ist kein gültiges JSON",
  'unknown field "{{key}}" (expected {{known}})':
    'unbekanntes Feld "{{key}}" (erwartet werden {{known}})',
  "must be a list of strings": "muss eine Liste von Zeichenketten sein",
  "at most {{max}} entries": "höchstens {{max}} Einträge",
  '"{{command}}" is a shell, an interpreter or a program that runs other programs; allowing it would allow any command (the guest agent refuses it too)':
    '"{{command}}" ist eine Shell, ein Interpreter oder ein Programm, das andere Programme ausführt; es zu erlauben, würde jeden Befehl erlauben (auch der Gast-Agent lehnt es ab)',
  "a policy's alert rule applies to the policy's VMs: drop vmId":
    "eine Alarmregel einer Richtlinie gilt für die VMs der Richtlinie: vmId weglassen",
  "must be a list of alert rules": "muss eine Liste von Alarmregeln sein",
  "at most {{max}} rules": "höchstens {{max}} Regeln",
  "two rules are named {{name}}": "zwei Regeln heißen {{name}}",
  "must be a whole number from 1 to {{max}}": "muss eine ganze Zahl von 1 bis {{max}} sein",
  "a policy repeats: use daily, weekly, monthly or cron":
    "eine Richtlinie wiederholt sich: daily, weekly, monthly oder cron verwenden",
  "{{value}} is not a tag: 1 to 32 letters, digits, . _ : / - (no spaces), starting with a letter or digit":
    "{{value}} ist kein Tag: 1 bis 32 Buchstaben, Ziffern, . _ : / - (keine Leerzeichen), beginnend mit einem Buchstaben oder einer Ziffer",
  "must be a list of tags": "muss eine Liste von Tags sein",
  "at most {{max}} tags": "höchstens {{max}} Tags",
  "VM {{vm}} already has profile {{name}}: unassign it first":
    "VM {{vm}} hat bereits das Profil {{name}}: Zuerst die Zuweisung aufheben",
  "VM {{vm}} has no profile": "VM {{vm}} hat kein Profil",
  "VM {{vm}} already has a local {{key}} setting: remove it first":
    "VM {{vm}} hat bereits eine lokale Einstellung {{key}}: Zuerst entfernen",
  "VM {{vm}} has no local {{key}} setting": "VM {{vm}} hat keine lokale Einstellung {{key}}",
  "A profile named {{name}} already exists: import it under another name (renameTo)":
    "Ein Profil namens {{name}} gibt es bereits: Unter einem anderen Namen importieren (renameTo)",
  "A profile named {{name}} already exists as well: choose another name":
    "Ein Profil namens {{name}} gibt es ebenfalls bereits: Einen anderen Namen wählen",
  "Could not save to KVM Manager's store: {{error}}":
    "Speichern im Datenspeicher von KVM Manager fehlgeschlagen: {{error}}",
  "Could not read the uploaded file: {{error}}":
    "Die hochgeladene Datei konnte nicht gelesen werden: {{error}}",

  // lib/scheduler/: scheduled jobs, their timings and time zones; routes/api/schedules.ts.
  "name is required: {{rule}}": "name ist erforderlich: {{rule}}",
  "vmIds must list 1 to {{max}} VM UUIDs": "vmIds muss 1 bis {{max}} VM-UUIDs auflisten",
  "vmIds: {{id}} is not a VM's UUID": "vmIds: {{id}} ist nicht die UUID einer VM",
  "options must be an object": "options muss ein Objekt sein",
  "options.mode must be one of {{modes}}": "options.mode muss einer dieser Werte sein: {{modes}}",
  "options.keep must be a whole number from 1 to {{max}} (backups kept per VM)":
    "options.keep muss eine ganze Zahl von 1 bis {{max}} sein (aufbewahrte Backups je VM)",
  'Unknown backup option "{{key}}" ({{known}})': 'Unbekannte Backup-Option "{{key}}" ({{known}})',
  'A {{operation}} job takes no options (got "{{key}}")':
    'Ein Job vom Typ {{operation}} nimmt keine Optionen an (erhalten: "{{key}}")',
  "operation must be one of {{operations}}":
    "operation muss einer dieser Werte sein: {{operations}}",
  "missed must be one of {{policies}}": "missed muss einer dieser Werte sein: {{policies}}",
  "Body must be a JSON object describing a scheduled job":
    "Der Anfragetext muss ein JSON-Objekt sein, das einen geplanten Job beschreibt",
  "timing.at ({{at}}) is in the past: pick a time in the future":
    "timing.at ({{at}}) liegt in der Vergangenheit: Einen Zeitpunkt in der Zukunft wählen",
  "A managed job needs an owner": "Ein verwalteter Job braucht einen Besitzer",
  "timing must be an object with a kind: {{kinds}}":
    "timing muss ein Objekt mit einer Art (kind) sein: {{kinds}}",
  "Scheduled job not found: {{id}}": "Geplanter Job nicht gefunden: {{id}}",
  "This job is kept by a VM's local backup override: change or remove the override instead":
    "Dieser Job wird von der lokalen Backup-Überschreibung einer VM verwaltet: Stattdessen die Überschreibung ändern oder entfernen",
  "This job is kept by a profile's backup policy: change the profile (or the VM's local override) instead":
    "Dieser Job wird von der Backup-Richtlinie eines Profils verwaltet: Stattdessen das Profil (oder die lokale Überschreibung der VM) ändern",
  "A scheduled job named {{name}} already exists":
    "Einen geplanten Job namens {{name}} gibt es bereits",
  "This job is running now; wait for its run to finish":
    "Dieser Job läuft gerade; das Ende seiner Ausführung abwarten",
  "vmIds: no VM with UUID {{ids}} on this host: pick VMs from its list":
    "vmIds: keine VM mit der UUID {{ids}} auf diesem Host: VMs aus seiner Liste wählen",
  "Unknown time zone {{zone}}: use an IANA name such as Europe/Berlin or UTC":
    "Unbekannte Zeitzone {{zone}}: einen IANA-Namen wie Europe/Berlin oder UTC verwenden",
  "timing.kind must be one of {{kinds}}": "timing.kind muss einer dieser Werte sein: {{kinds}}",
  "timing.time must be a time of day as HH:MM (24-hour), e.g. 02:30":
    "timing.time muss eine Uhrzeit im Format HH:MM (24 Stunden) sein, z. B. 02:30",
  "timing.days must list at least one weekday from 0 (Sunday) to 6 (Saturday)":
    "timing.days muss mindestens einen Wochentag von 0 (Sonntag) bis 6 (Samstag) auflisten",
  "timing.day must be a day of the month from 1 to 31 (a day past the month's end runs on its last day)":
    "timing.day muss ein Tag des Monats von 1 bis 31 sein (ein Tag nach dem Monatsende läuft an dessen letztem Tag)",
  "timing.at must be a date and time like 2026-05-01T09:00 (in the job's time zone) or with an offset like 2026-05-01T09:00Z":
    "timing.at muss ein Datum mit Uhrzeit wie 2026-05-01T09:00 (in der Zeitzone des Jobs) oder mit Versatz wie 2026-05-01T09:00Z sein",
  "timing.expression must be a cron expression (1–{{max}} characters)":
    "timing.expression muss ein Cron-Ausdruck sein (1–{{max}} Zeichen)",
  "timing.at {{at}} does not exist in {{zone}}": "timing.at {{at}} gibt es in {{zone}} nicht",
  'Unknown field "{{key}}" in a {{kind}} timing':
    'Unbekanntes Feld "{{key}}" in einem Zeitplan der Art {{kind}}',
  'Invalid cron expression "{{expression}}": {{error}}':
    'Ungültiger Cron-Ausdruck "{{expression}}": {{error}}',
  'Cron expression "{{expression}}" never runs': 'Cron-Ausdruck "{{expression}}" läuft nie',
  'Cron expression "{{expression}}" runs more than once a minute: a job runs at most once a minute (use five fields, minute hour day month weekday, e.g. "*/5 * * * *")':
    'Cron-Ausdruck "{{expression}}" läuft öfter als einmal pro Minute: Ein Job läuft höchstens einmal pro Minute (fünf Felder verwenden, Minute Stunde Tag Monat Wochentag, z. B. "*/5 * * * *")',

  // lib/templates/service.ts.
  "Template name already exists: {{name}}": "Vorlagenname existiert bereits: {{name}}",
  "fromVm must be a VM id or name": "fromVm muss die ID oder der Name einer VM sein",
  "Give either config or fromVm, not both": "Entweder config oder fromVm angeben, nicht beides",
  "Template must be a JSON object": "Die Vorlage muss ein JSON-Objekt sein",
  "Description must be text of at most {{max}} characters":
    "Die Beschreibung muss ein Text mit höchstens {{max}} Zeichen sein",
  "Template config must be a JSON object":
    "Die Konfiguration der Vorlage muss ein JSON-Objekt sein",
  "must be true or false": "muss true oder false sein",
  "agent updates from the host": "Agent-Updates vom Host",
  "Admins may update the guest's agent from this server":
    "Admins dürfen den Agenten des Gasts von diesem Server aus aktualisieren",
  "The guest's agent config must allow it too (allow_self_update).":
    "Die Agenten-Konfiguration des Gasts muss es ebenfalls erlauben (allow_self_update).",
  // GET /api/tasks/:id/qemu-log (lib/vms/task_qemu_log.ts)
  "This task concerns no single VM.": "Diese Aufgabe betrifft keine einzelne VM.",
  "QEMU logs are shown for VMs on this server's own host only.":
    "QEMU-Protokolle werden nur für VMs auf dem eigenen Host dieses Servers angezeigt.",
  "There is no QEMU log of {{vm}} to read.": "Es gibt kein lesbares QEMU-Protokoll von {{vm}}.",
  "The QEMU log of {{vm}} has no lines from that moment.":
    "Das QEMU-Protokoll von {{vm}} hat keine Zeilen aus diesem Zeitraum.",
};

export default words;
