// German for the screens of off-host backup repositories (islands/ResticRepos.tsx,
// islands/VmResticBackups.tsx, islands/restic/).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // The Repositories card on /backups.
  "Repositories": "Repositories",
  "Repository": "Repository",
  "Off-host copies of VM backups made with restic: deduplicated, encrypted, in a folder, on an SFTP server or in an S3 bucket.":
    "Sicherungen von VMs außerhalb dieses Hosts, mit restic: dedupliziert, verschlüsselt, in einem Ordner, auf einem SFTP-Server oder in einem S3-Bucket.",
  "Add repository": "Repository hinzufügen",
  "Loading repositories…": "Repositories werden geladen…",
  "No repositories yet. Add one to keep backups off this host.":
    "Noch keine Repositories. Fügen Sie eines hinzu, um Sicherungen außerhalb dieses Hosts aufzubewahren.",
  "Location": "Ort",
  "Keep": "Aufbewahrung",
  "Check schedule": "Prüfzeitplan",
  "Check": "Prüfen",
  "Prune": "Aufräumen",
  "Show the backups in {{name}}": "Sicherungen in {{name}} anzeigen",
  "Repository {{name}} added.": "Repository {{name}} hinzugefügt.",
  "{{name}} removed; its data stays where it is.":
    "{{name}} entfernt; seine Daten bleiben, wo sie sind.",
  "Remove repository": "Repository entfernen",
  "KVM Manager forgets {{name}} and its password. The repository and its backups stay at {{location}}; with the password it can be attached again.":
    "KVM Manager vergisst {{name}} und sein Passwort. Das Repository und seine Sicherungen bleiben unter {{location}}; mit dem Passwort lässt es sich wieder anbinden.",
  // Kinds and keep policy (islands/restic/format.ts, KeepFields.tsx).
  "Local folder": "Lokaler Ordner",
  "SFTP server": "SFTP-Server",
  "S3 bucket": "S3-Bucket",
  "last {{n}}": "letzte {{n}}",
  "daily {{n}}": "täglich {{n}}",
  "weekly {{n}}": "wöchentlich {{n}}",
  "monthly {{n}}": "monatlich {{n}}",
  "Everything is kept": "Alles wird behalten",
  "Keep policy": "Aufbewahrungsregel",
  "Snapshots of each VM disk that Prune keeps; 0 turns a rule off.":
    "Snapshots je VM-Datenträger, die Aufräumen behält; 0 schaltet eine Regel ab.",
  "Keep last": "Letzte behalten",
  "Keep daily": "Tägliche behalten",
  "Keep weekly": "Wöchentliche behalten",
  "Keep monthly": "Monatliche behalten",
  "A cron expression in the host's time zone, e.g. 0 3 * * 0; empty: no checks.":
    "Ein Cron-Ausdruck in der Zeitzone des Hosts, z. B. 0 3 * * 0; leer: keine Prüfungen.",
  // The Add form and Edit dialog.
  "An absolute folder on this server, e.g. /srv/restic/vms.":
    "Ein absoluter Ordner auf diesem Server, z. B. /srv/restic/vms.",
  "user@host:/path; ssh logs in with the key file, never asking.":
    "user@host:/pfad; ssh meldet sich mit der Schlüsseldatei an, ohne nachzufragen.",
  "s3:https://host/bucket/path": "s3:https://host/bucket/pfad",
  "Key file": "Schlüsseldatei",
  "The private key ssh uses.": "Der private Schlüssel, den ssh benutzt.",
  "Known hosts file": "Known-hosts-Datei",
  "Holds the server's key; empty: accept it the first time.":
    "Enthält den Schlüssel des Servers; leer: beim ersten Mal annehmen.",
  "Access key ID": "Zugriffsschlüssel-ID",
  "Secret key": "Geheimer Schlüssel",
  "Kept on the server; never shown again.":
    "Wird auf dem Server aufbewahrt und nie wieder angezeigt.",
  "At least 8 characters. Kept on the server and never shown again: without it the backups cannot be read.":
    "Mindestens 8 Zeichen. Wird auf dem Server aufbewahrt und nie wieder angezeigt: ohne es sind die Sicherungen nicht lesbar.",
  "The repository exists already: attach it (its password must open it)":
    "Das Repository existiert bereits: anbinden (sein Passwort muss es öffnen)",
  "Attach repository": "Repository anbinden",
  "Create repository": "Repository anlegen",
  "Kept on the server; it is never shown and cannot be changed here.":
    "Wird auf dem Server aufbewahrt; es wird nie angezeigt und kann hier nicht geändert werden.",
  // Check and jobs (CheckDialog.tsx, JobNote.tsx).
  "Check {{name}}": "{{name}} prüfen",
  "Start check": "Prüfung starten",
  "restic checks the repository's structure; reading data back also finds damaged files but takes long.":
    "restic prüft den Aufbau des Repositorys; das Zurücklesen der Daten findet auch beschädigte Dateien, dauert aber lange.",
  "Read all data back": "Alle Daten zurücklesen",
  "Or read a part of it": "Oder einen Teil davon lesen",
  "e.g. 10% or 1/5; empty: none": "z. B. 10% oder 1/5; leer: nichts",
  "Check started.": "Prüfung gestartet.",
  "Prune started.": "Aufräumen gestartet.",
  "Backup started.": "Sicherung gestartet.",
  "Restore started.": "Wiederherstellung gestartet.",
  "Started.": "Gestartet.",
  "Finished.": "Fertig.",
  "Backup finished.": "Sicherung fertig.",
  "Restored into volume {{volume}}": "In Volume {{volume}} wiederhergestellt",
  // Backups in a repository and restoring them (RepositoryBackups.tsx, RestoreDialogs.tsx).
  "Backups in {{name}}": "Sicherungen in {{name}}",
  "No backups in this repository yet.": "Noch keine Sicherungen in diesem Repository.",
  "Restore disk": "Datenträger wiederherstellen",
  "Restore the backup of {{vm}} from {{time}}":
    "Die Sicherung von {{vm}} vom {{time}} wiederherstellen",
  "Restore a disk of the backup of {{vm}} from {{time}}":
    "Einen Datenträger der Sicherung von {{vm}} vom {{time}} wiederherstellen",
  "Restore as new VM": "Als neue VM wiederherstellen",
  "Restore one disk": "Einen Datenträger wiederherstellen",
  "The backup of {{vm}} from {{time}}.": "Die Sicherung von {{vm}} vom {{time}}.",
  "A folder pool on this server.": "Ein Ordner-Pool auf diesem Server.",
  "Name of the new volume": "Name des neuen Volumes",
  "A raw volume; an existing one is never overwritten.":
    "Ein raw-Volume; ein vorhandenes wird nie überschrieben.",
  // The VM page's Backups tab (VmResticBackups.tsx).
  "Off-host backups": "Sicherungen außerhalb des Hosts",
  "No backup repositories yet: add one on the Backups page to keep copies off this host.":
    "Noch keine Sicherungs-Repositories: auf der Seite Backups eines hinzufügen, um Kopien außerhalb dieses Hosts aufzubewahren.",
  "{{vm}} in {{repository}}": "{{vm}} in {{repository}}",
};

export default words;
