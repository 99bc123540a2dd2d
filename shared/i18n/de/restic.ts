// German for off-host backup repositories (restic): the API's refusals and the tasks' results
// (lib/restic/).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // Repositories and their input (lib/restic/input.ts, records.ts).
  "{{what}} must be an absolute path": "{{what}} muss ein absoluter Pfad sein",
  "{{device}}: log file {{file}} is outside libvirt's QEMU log folder":
    "{{device}}: Protokolldatei {{file}} liegt außerhalb des QEMU-Protokollordners von libvirt",
  "Backup {{id}} holds no valid metadata: it was not made by KVM Manager":
    "Backup {{id}} hat keine gültigen Metadaten: es stammt nicht von KVM Manager",
  "{{location}} holds files: a new repository goes into a new or empty folder":
    "{{location}} enthält Dateien: ein neues Repository gehört in einen neuen oder leeren Ordner",
  "location must not hold keys: give them as accessKeyId and secretKey":
    "location darf keine Schlüssel enthalten: sie gehören in accessKeyId und secretKey",
  "{{what}} may hold only letters, digits and . _ - + @ /":
    "{{what}} darf nur Buchstaben, Ziffern und . _ - + @ / enthalten",
  "name must be letters, digits, '.', '_' or '-'":
    "name darf nur Buchstaben, Ziffern, '.', '_' oder '-' enthalten",
  "location must not hold spaces or line breaks":
    "location darf keine Leerzeichen oder Zeilenumbrüche enthalten",
  "checkSchedule must be a 5-field cron expression":
    "checkSchedule muss ein Cron-Ausdruck mit 5 Feldern sein",
  "location must be an absolute folder path": "location muss ein absoluter Ordnerpfad sein",
  "location must be user@host:/path": "location muss die Form user@host:/pfad haben",
  "location must be s3:https://host/bucket/path":
    "location muss die Form s3:https://host/bucket/pfad haben",
  "Backup repository {{id}} not found": "Sicherungs-Repository {{id}} nicht gefunden",
  "A backup repository named {{name}} exists already":
    "Ein Sicherungs-Repository namens {{name}} existiert bereits",
  "Repository job {{id}} not found": "Repository-Auftrag {{id}} nicht gefunden",
  // restic's failures (lib/restic/errors.ts, run.ts, exec.ts).
  "The password does not open repository {{name}}":
    "Das Passwort öffnet das Repository {{name}} nicht",
  "There is no restic repository at the location of {{name}}: {{reason}}":
    "Am Ort von {{name}} gibt es kein restic-Repository: {{reason}}",
  "Repository {{name}} is damaged: {{reason}}": "Repository {{name}} ist beschädigt: {{reason}}",
  "Repository {{name}} is in use by another restic run: {{reason}}":
    "Repository {{name}} wird von einem anderen restic-Lauf benutzt: {{reason}}",
  "A repository already exists at the location of {{name}}":
    "Am Ort von {{name}} existiert bereits ein Repository",
  "Repository {{name}} cannot be reached: {{reason}}":
    "Repository {{name}} ist nicht erreichbar: {{reason}}",
  "restic failed on repository {{name}} (exit {{code}}): {{reason}}":
    "restic ist bei Repository {{name}} fehlgeschlagen (Exit {{code}}): {{reason}}",
  "no reason given": "kein Grund angegeben",
  "restic is not installed on this server ({{program}} not found): install Debian's restic package":
    "restic ist auf diesem Server nicht installiert ({{program}} nicht gefunden): Debians Paket restic installieren",
  "Cancelled: restic was stopped": "Abgebrochen: restic wurde beendet",
  "{{program}} failed: {{reason}}": "{{program}} ist fehlgeschlagen: {{reason}}",
  "restic finished the backup into {{name}} without its summary":
    "restic hat die Sicherung in {{name}} ohne Zusammenfassung beendet",
  "Repository {{name}} has no keep policy: set one before pruning":
    "Repository {{name}} hat keine Aufbewahrungsregel: vor dem Aufräumen eine festlegen",
  // Backups, restores (lib/restic/point.ts, backup.ts, restore.ts).
  "Disk {{target}} is in no storage pool: restic backups read disks of local folder pools":
    "Datenträger {{target}} liegt in keinem Speicherpool: restic-Sicherungen lesen Datenträger aus lokalen Ordner-Pools",
  "Pool {{pool}} is not a folder on this machine: restic backups read disks of local folder pools":
    "Pool {{pool}} ist kein Ordner auf diesem Rechner: restic-Sicherungen lesen Datenträger aus lokalen Ordner-Pools",
  "libvirt refused the backup job": "libvirt hat den Sicherungsauftrag abgelehnt",
  "The backup job failed": "Der Sicherungsauftrag ist fehlgeschlagen",
  "Backup {{id}} is not in this repository": "Sicherung {{id}} ist nicht in diesem Repository",
  "Backup {{id}} holds no disk {{target}}":
    "Sicherung {{id}} enthält keinen Datenträger {{target}}",
  "Pool {{pool}} is not a folder on this machine: restic restores into local folder pools":
    "Pool {{pool}} ist kein Ordner auf diesem Rechner: restic stellt in lokale Ordner-Pools wieder her",
  // A scheduled backup into a repository (lib/scheduler/input.ts).
  "options.repository must name a backup repository":
    "options.repository muss ein Sicherungs-Repository nennen",
  "must name a backup repository": "muss ein Sicherungs-Repository nennen",
  // Task titles (lib/tasks/titles.ts).
  "Add backup repository": "Sicherungs-Repository hinzufügen",
  "Change backup repository": "Sicherungs-Repository ändern",
  "Remove backup repository": "Sicherungs-Repository entfernen",
  "Back up to repository": "In Repository sichern",
  "Restore from repository": "Aus Repository wiederherstellen",
  "Restore disk from repository": "Datenträger aus Repository wiederherstellen",
  "Prune backup repository": "Sicherungs-Repository aufräumen",
  "Check backup repository": "Sicherungs-Repository prüfen",
  "Cancel repository job": "Repository-Auftrag abbrechen",
  // Task results (lib/restic/service.ts).
  "Backup {{id}} into {{repository}}: {{added}} bytes added":
    "Sicherung {{id}} in {{repository}}: {{added}} Bytes hinzugefügt",
  "Restored as {{name}}": "Wiederhergestellt als {{name}}",
  "Disk {{target}} restored into {{volume}}":
    "Datenträger {{target}} in {{volume}} wiederhergestellt",
  "{{removed}} snapshots removed, {{kept}} kept":
    "{{removed}} Snapshots entfernt, {{kept}} behalten",
  "No errors were found": "Keine Fehler gefunden",
  // Restores over the VM itself and onto another host (in_place.ts, on_host.ts).
  "Restore VM over itself from repository": "VM aus Repository an Ort und Stelle wiederherstellen",
  "{{name}} restored from backup {{id}}": "{{name}} aus Sicherung {{id}} wiederhergestellt",
  "The VM of this backup is not on this host: restore it as a new VM":
    "Die VM dieser Sicherung ist nicht auf diesem Host: als neue VM wiederherstellen",
  "{{name}} is running: shut it off before restoring over its disks":
    "{{name}} läuft: vor dem Wiederherstellen über ihre Datenträger ausschalten",
  "{{name}} is protected — remove the protection to restore over its disks":
    "{{name}} ist geschützt – den Schutz aufheben, um über ihre Datenträger wiederherzustellen",
  "{{name}} has no disk file {{target}} to restore over":
    "{{name}} hat keine Datenträgerdatei {{target}} zum Überschreiben",
  "Disk {{target}} is not a raw or qcow2 file on this machine: it cannot be restored over":
    "Datenträger {{target}} ist keine raw- oder qcow2-Datei auf diesem Rechner: er kann nicht überschrieben werden",
  "{{name}} has snapshots: delete them before restoring over its disks":
    "{{name}} hat Snapshots: vor dem Wiederherstellen über ihre Datenträger löschen",
  "Failed to put back the backed-up definition":
    "Die gesicherte Definition konnte nicht zurückgeschrieben werden",
  "Backup {{id}} is of VM {{of}}, not {{vm}}: restore over the VM it was taken of":
    "Die Sicherung {{id}} gehört zur VM {{of}}, nicht zu {{vm}}: Stellen Sie sie über der VM wieder her, von der sie stammt",
  "restic's answer for repository {{name}} is larger than {{mib}} MiB: stopped":
    "Die Antwort von restic für das Repository {{name}} ist größer als {{mib}} MiB: angehalten",
  // lib/restic/location.ts: the host and port restic connects to.
  "The S3 host must be a host name or an IP address: {{host}}":
    "Der S3-Host muss ein Hostname oder eine IP-Adresse sein: {{host}}",
  "The S3 port must be 1 to 65535: {{port}}":
    "Der S3-Port muss zwischen 1 und 65535 liegen: {{port}}",
  "An S3 repository needs both accessKeyId and secretKey":
    "Ein S3-Repository braucht accessKeyId und secretKey",
  "restic asked for {{target}}; only port {{port}} of the repository is reached":
    "restic wollte {{target}} erreichen; nur Port {{port}} des Repositorys wird erreicht",
  'The bucket and each folder of its path must be named, and not start with "-"':
    'Der Bucket und jeder Ordner seines Pfads brauchen einen Namen, der nicht mit "-" beginnt',
  "An s3:http:// location must give the server's address, not a name (over plain HTTP a name cannot be held to the address it was checked as): use s3:https:// for a name":
    "Ein s3:http://-Ort muss die Adresse des Servers angeben, keinen Namen (über unverschlüsseltes HTTP lässt sich ein Name nicht an die geprüfte Adresse binden): für einen Namen s3:https:// verwenden",
};

export default words;
