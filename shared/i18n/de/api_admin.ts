// German for the server's own words, area api_admin (the API's messages: see ../README.md).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // lib/audit
  "{{field}} must be 1–{{max}} characters without control characters":
    "{{field}} muss 1–{{max}} Zeichen lang sein, ohne Steuerzeichen",
  "{{field}} must be an ISO 8601 date, or a time with its zone, such as 2026-01-10T08:00:00Z":
    "{{field}} muss ein Datum nach ISO 8601 sein oder eine Zeit mit Zeitzone, etwa 2026-01-10T08:00:00Z",
  "{{field}} must be a whole number from {{min}} to {{max}}":
    "{{field}} muss eine ganze Zahl von {{min}} bis {{max}} sein",
  "result must be one of {{results}}": "result muss einer dieser Werte sein: {{results}}",
  "since must be earlier than until": "since muss vor until liegen",
  // lib/auth
  "Not a valid account name": "Kein gültiger Kontoname",
  "root is always an admin": "root ist immer Admin",
  "No role is assigned to {{user}}": "{{user}} ist keine Rolle zugewiesen",
  "Token name must be 1-64 letters, digits, spaces, dots, dashes or underscores":
    "Der Token-Name muss aus 1–64 Buchstaben, Ziffern, Leerzeichen, Punkten, Bindestrichen oder Unterstrichen bestehen",
  "Role must be one of {{roles}}": "Die Rolle muss einer dieser Werte sein: {{roles}}",
  "Expiry must be a whole number of days from 1 to {{max}}, or none":
    "Der Ablauf muss eine ganze Zahl von Tagen zwischen 1 und {{max}} sein, oder keiner",
  "The grace period must be a whole number of seconds from 0 to {{max}} (30 days)":
    "Die Übergangszeit muss eine ganze Zahl von Sekunden zwischen 0 und {{max}} (30 Tage) sein",
  "Body must be a JSON object": "Der Anfrageinhalt muss ein JSON-Objekt sein",
  "Enter a user name and a password": "Benutzername und Passwort eingeben",
  "A user name has at most {{user}} characters and a password at most {{password}}":
    "Ein Benutzername hat höchstens {{user}} Zeichen, ein Passwort höchstens {{password}}",
  "Sign-ins from this address are already in progress; try again in {{seconds}} s":
    "Von dieser Adresse laufen bereits Anmeldungen; in {{seconds}} s erneut versuchen",
  "Too many sign-in attempts from this address; try again in {{seconds}} s":
    "Zu viele Anmeldeversuche von dieser Adresse; in {{seconds}} s erneut versuchen",
  "Too many sign-in attempts for this account; try again in {{seconds}} s":
    "Zu viele Anmeldeversuche für dieses Konto; in {{seconds}} s erneut versuchen",
  "The server is busy checking other sign-ins; try again in {{seconds}} s":
    "Der Server prüft gerade andere Anmeldungen; in {{seconds}} s erneut versuchen",
  "Wrong user name or password": "Falscher Benutzername oder falsches Passwort",
  "This account has expired": "Dieses Konto ist abgelaufen",
  "This account's password must be changed on the host first":
    "Das Passwort dieses Kontos muss zuerst auf dem Host geändert werden",
  "This account's password has expired": "Das Passwort dieses Kontos ist abgelaufen",
  "This account's credentials have expired": "Die Anmeldedaten dieses Kontos sind abgelaufen",
  "This account may not sign in": "Dieses Konto darf sich nicht anmelden",
  "Host sign-in failed: {{description}}": "Anmeldung am Host fehlgeschlagen: {{description}}",
  "Host sign-in unavailable: {{message}}": "Anmeldung am Host nicht verfügbar: {{message}}",
  "Webhook delivery failed": "Webhook-Zustellung fehlgeschlagen",
  "Account {{user}} may not use KVM Manager: only root and members of {{groups}} may":
    "Das Konto {{user}} darf KVM Manager nicht verwenden: nur root und Mitglieder von {{groups}} dürfen das",
  "Account {{user}}: {{reason}}": "Konto {{user}}: {{reason}}",
  "Sign-in failed: {{reason}}": "Anmeldung fehlgeschlagen: {{reason}}",
  "Your role ({{role}}) may not make a token with role {{tokenRole}}":
    "Ihre Rolle ({{role}}) darf kein Token mit der Rolle {{tokenRole}} erstellen",
  'A token named "{{name}}" already exists': "Ein Token namens „{{name}}“ gibt es bereits",
  "No API token with id {{id}}": "Kein API-Token mit der ID {{id}}",
  "The token {{name}} is revoked: make a new one instead":
    "Das Token {{name}} ist widerrufen: stattdessen ein neues erstellen",
  "The token {{name}} has expired: make a new one instead":
    "Das Token {{name}} ist abgelaufen: stattdessen ein neues erstellen",
  'vms must be "*" or a list of VM UUIDs': 'vms muss "*" oder eine Liste von VM-UUIDs sein',
  // lib/errors.ts
  "VM not found: {{id}}": "VM nicht gefunden: {{id}}",
  "libvirtd is not running or not answering; KVM Manager reconnects by itself once it is back":
    "libvirtd läuft nicht oder antwortet nicht; KVM Manager verbindet sich von selbst neu, sobald es wieder da ist",
  "{{message}}; try again later": "{{message}}; später erneut versuchen",
  "Permission denied: {{message}}": "Zugriff verweigert: {{message}}",
  // lib/hosts
  "did not answer within {{seconds}} s": "hat nicht innerhalb von {{seconds}} s geantwortet",
  "URI parameter \"{{key}}\" is refused: it runs any program as KVM Manager's user (root) on this machine. Set ssh options (a jump host, another config, known hosts) in the service user's ~/.ssh/config (/root/.ssh/config for root), or use keyfile= and qemu+libssh:// with known_hosts=":
    "URI-Parameter „{{key}}“ wird abgelehnt: Er führt beliebige Programme als Benutzer von KVM Manager (root) auf diesem Rechner aus. SSH-Optionen (ein Jump-Host, eine andere Konfiguration, bekannte Hosts) in ~/.ssh/config des Dienstbenutzers festlegen (/root/.ssh/config für root) oder keyfile= und qemu+libssh:// mit known_hosts= verwenden",
  'URI parameter "{{key}}" is refused: it runs a program of its choosing on the far host. Set ssh options (a jump host, another config, known hosts) in the service user\'s ~/.ssh/config (/root/.ssh/config for root), or use keyfile= and qemu+libssh:// with known_hosts=':
    "URI-Parameter „{{key}}“ wird abgelehnt: Er führt auf dem entfernten Host ein Programm seiner Wahl aus. SSH-Optionen (ein Jump-Host, eine andere Konfiguration, bekannte Hosts) in ~/.ssh/config des Dienstbenutzers festlegen (/root/.ssh/config für root) oder keyfile= und qemu+libssh:// mit known_hosts= verwenden",
  "Give the host a name": "Dem Host einen Namen geben",
  "Give the libvirt URI, e.g. qemu+ssh://root@host.example/system":
    "Die libvirt-URI angeben, z. B. qemu+ssh://root@host.example/system",
  'Body must be a JSON object like {"name": "rack-2", "uri": "qemu+ssh://…"}':
    'Der Anfrageinhalt muss ein JSON-Objekt sein, etwa {"name": "rack-2", "uri": "qemu+ssh://…"}',
  "A host name needs at least one letter or digit":
    "Ein Hostname braucht mindestens einen Buchstaben oder eine Ziffer",
  '"{{name}}" is reserved: choose another name':
    "„{{name}}“ ist reserviert: einen anderen Namen wählen",
  "The URI has at most 1024 characters and no spaces or control characters":
    "Die URI hat höchstens 1024 Zeichen und keine Leer- oder Steuerzeichen",
  "Not a libvirt URI: {{uri}}": "Keine libvirt-URI: {{uri}}",
  'Unsupported URI scheme "{{scheme}}": use qemu+ssh://, qemu+tls://, qemu+tcp:// or qemu://':
    "Nicht unterstütztes URI-Schema „{{scheme}}“: qemu+ssh://, qemu+tls://, qemu+tcp:// oder qemu:// verwenden",
  "Put no password in the URI: host URIs are stored and shown as typed. Use an SSH key (keyfile=/path, or ssh-agent) or TLS client certificates":
    "Kein Passwort in die URI schreiben: Host-URIs werden so gespeichert und angezeigt, wie sie eingegeben wurden. Einen SSH-Schlüssel (keyfile=/path oder ssh-agent) oder TLS-Client-Zertifikate verwenden",
  "A QEMU URI ends in /system or /session": "Eine QEMU-URI endet auf /system oder /session",
  "The URI's host and user names cannot start with '-'":
    "Host- und Benutzername in der URI dürfen nicht mit '-' beginnen",
  'URI parameter "{{key}}" is not accepted (allowed: {{allowed}})':
    "URI-Parameter „{{key}}“ wird nicht angenommen (erlaubt: {{allowed}})",
  "{{key}} must be an absolute path": "{{key}} muss ein absoluter Pfad sein",
  "Cannot read the key file {{path}}: {{reason}}":
    "Die Schlüsseldatei {{path}} kann nicht gelesen werden: {{reason}}",
  "The key file {{path}} is not a file": "Die Schlüsseldatei {{path}} ist keine Datei",
  "The key file {{path}} can be read by other users: make it readable by the service user only (chmod 600 {{path}})":
    "Die Schlüsseldatei {{path}} ist für andere Benutzer lesbar: nur für den Dienstbenutzer lesbar machen (chmod 600 {{path}})",
  'URI parameter "{{key}}" takes {{values}}': "URI-Parameter „{{key}}“ nimmt {{values}}",
  'URI parameter "{{key}}" takes a comma-separated list of {{values}}':
    "URI-Parameter „{{key}}“ nimmt eine durch Kommas getrennte Liste aus {{values}}",
  'URI parameter "{{key}}" may only name a libvirt daemon\'s socket in /run/libvirt/ or /var/run/libvirt/: {{sockets}}':
    "URI-Parameter „{{key}}“ darf nur den Socket eines libvirt-Dienstes in /run/libvirt/ oder /var/run/libvirt/ nennen: {{sockets}}",
  "The URI's host is a name or an address (letters, digits, '.', '-', '_', or an IPv6 address in [ ]) and its user name has letters, digits, '.', '-' and '_' only":
    "Der Host in der URI ist ein Name oder eine Adresse (Buchstaben, Ziffern, '.', '-', '_' oder eine IPv6-Adresse in [ ]), und der Benutzername hat nur Buchstaben, Ziffern, '.', '-' und '_'",
  "Separate the URI's parameters with & or with ;, not both":
    "Die Parameter der URI mit & oder mit ; trennen, nicht mit beidem",
  'Each URI parameter needs a name before its "="':
    "Jeder URI-Parameter braucht einen Namen vor seinem „=“",
  'A libvirt URI has no "#" part': "Eine libvirt-URI hat keinen „#“-Teil",
  'A "%" in the URI starts a percent code such as %2F (two hex digits)':
    "Ein „%“ in der URI beginnt einen Prozent-Code wie %2F (zwei Hexadezimalziffern)",
  'The URI cannot hold "{{char}}" as written: percent-encode it':
    "Die URI kann „{{char}}“ nicht so enthalten: mit Prozent-Code schreiben",
  "The URI's port is a number from 1 to 65535": "Der Port der URI ist eine Zahl von 1 bis 65535",
  "The URI's percent codes must stand for printable UTF-8 text":
    "Die Prozent-Codes der URI müssen für druckbaren UTF-8-Text stehen",
  '{{key}} must be a plain absolute path (no ".", ".." or "//")':
    "{{key}} muss ein schlichter absoluter Pfad sein (ohne „.“, „..“ oder „//“)",
  'URI parameter "{{key}}" must name a file in {{folders}} (links are followed)':
    "URI-Parameter „{{key}}“ muss eine Datei in {{folders}} nennen (Links werden aufgelöst)",
  "The known_hosts file {{path}} is not a file": "Die known_hosts-Datei {{path}} ist keine Datei",
  'URI parameter "{{key}}" must name a file called known_hosts (or known_hosts2, known_hosts.NAME) in {{folders}}, also once links are followed: libssh writes host keys to it':
    "URI-Parameter „{{key}}“ muss eine Datei namens known_hosts (oder known_hosts2, known_hosts.NAME) in {{folders}} nennen, auch nach Auflösen von Links: libssh schreibt Host-Schlüssel hinein",
  'URI parameter "{{key}}" names ssh\'s own file "{{file}}", not a private key':
    "URI-Parameter „{{key}}“ nennt die SSH-eigene Datei „{{file}}“, keinen privaten Schlüssel",
  "The known_hosts file {{path}} has other names (hard links), which libssh would write to as well: give it a file of its own":
    "Die known_hosts-Datei {{path}} hat weitere Namen (harte Links), in die libssh ebenfalls schriebe: eine eigene Datei angeben",
  "A test:// URI may only be test:///default, libvirt's built-in demo":
    "Eine test://-URI kann nur test:///default sein, die eingebaute Demo von libvirt",
  "A test:// URI is test:///default or test:///PATH.xml, an existing test driver node file (links are followed)":
    "Eine test://-URI ist test:///default oder test:///PFAD.xml, eine vorhandene Knotendatei des Testtreibers (Links werden aufgelöst)",
  'URI parameter "{{key}}" must name a folder under {{folders}} (links are followed)':
    "URI-Parameter „{{key}}“ muss einen Ordner unter {{folders}} nennen (Links werden aufgelöst)",
  "The folder {{path}} does not exist": "Der Ordner {{path}} existiert nicht",
  "{{path}} is not a folder": "{{path}} ist kein Ordner",
  "Host not found: {{id}}": "Host nicht gefunden: {{id}}",
  "Not opened: its URI is refused now. {{reason}}. Remove the host and add it again with a URI that is allowed":
    "Nicht geöffnet: Seine URI wird jetzt abgelehnt. {{reason}}. Den Host entfernen und mit einer erlaubten URI neu hinzufügen",
  'A host named "{{name}}" exists already': "Einen Host namens „{{name}}“ gibt es bereits",
  'Host "{{name}}" has this URI already': "Der Host „{{name}}“ hat diese URI bereits",
  "The local host cannot be removed": "Der lokale Host kann nicht entfernt werden",
  "Port forwards are rules in this server's own firewall, so they work only for the local host's networks":
    "Portweiterleitungen sind Regeln in der eigenen Firewall dieses Servers und wirken daher nur in den Netzwerken des lokalen Hosts",
  // lib/store.ts
  "The data store is busy (another process holds its lock); try again in a moment":
    "Der Datenspeicher ist belegt (ein anderer Prozess hält seine Sperre); gleich erneut versuchen",
  "{{error}}. KVM Manager is running on an empty temporary store: saved templates, schedules, backups, alert rules, port forwards, API tokens and the audit log are unavailable, and changes to them are refused. The file was left untouched: move it aside or restore a backup, then restart KVM Manager.":
    "{{error}}. KVM Manager läuft mit einem leeren, vorübergehenden Datenspeicher: Gespeicherte Vorlagen, Zeitpläne, Backups, Alarmregeln, Portweiterleitungen, API-Tokens und das Prüfprotokoll sind nicht verfügbar, Änderungen daran werden abgelehnt. Die Datei blieb unverändert: sie beiseitelegen oder ein Backup wiederherstellen, dann KVM Manager neu starten.",
  // lib/tasks
  "Task {{id}} not found": "Aufgabe {{id}} nicht gefunden",
  '"{{title}}" is running': "„{{title}}“ läuft noch",
  '"{{title}}" has succeeded already': "„{{title}}“ ist bereits erfolgreich beendet",
  '"{{title}}" has failed already': "„{{title}}“ ist bereits fehlgeschlagen",
  '"{{title}}" was cancelled already': "„{{title}}“ wurde bereits abgebrochen",
  '"{{title}}" cannot be stopped once it has begun; wait for it to end':
    "„{{title}}“ lässt sich nach dem Beginn nicht mehr anhalten; das Ende abwarten",
  'Only {{user}}, who started "{{title}}", or an admin may cancel it; a viewer may not stop tasks':
    "Nur wer „{{title}}“ gestartet hat ({{user}}), oder ein Admin darf die Aufgabe abbrechen; Betrachter dürfen keine Aufgaben anhalten",
  'Only {{user}}, who started "{{title}}", or an admin may cancel it':
    "Nur wer „{{title}}“ gestartet hat ({{user}}), oder ein Admin darf die Aufgabe abbrechen",
  '"{{title}}" acts on VMs your access does not cover':
    "„{{title}}“ betrifft VMs, die Ihr Zugriff nicht umfasst",
  // lib/this_host
  "Test driver (demo)": "Testtreiber (Demo)",
  "Failed to read host information": "Host-Informationen konnten nicht gelesen werden",
  // lib/validate.ts
  'Unknown field "{{key}}"': "Unbekanntes Feld „{{key}}“",
  // routes/api
  "You cannot change your own role": "Die eigene Rolle kann nicht geändert werden",
  "Unknown filter {{name}}: use {{known}}": "Unbekannter Filter {{name}}: {{known}} verwenden",
  "Sign in with a JSON body": "Zum Anmelden einen JSON-Inhalt senden",
  "language must be one of {{languages}}": "language muss einer dieser Werte sein: {{languages}}",
  "The body must be a JSON object": "Der Anfrageinhalt muss ein JSON-Objekt sein",
  "Unknown filter {{name}}: use limit, before, status or target":
    "Unbekannter Filter {{name}}: limit, before, status oder target verwenden",
  "status must be one of {{statuses}}": "status muss einer dieser Werte sein: {{statuses}}",
  "target must be at most {{max}} characters": "target darf höchstens {{max}} Zeichen lang sein",
  // routes (app, body, middleware)
  "Not found: {{method}} {{path}}": "Nicht gefunden: {{method}} {{path}}",
  "Internal error: {{message}}": "Interner Fehler: {{message}}",
  "Malformed JSON body": "Der Anfrageinhalt ist kein gültiges JSON",
  "The API token is unknown or revoked": "Das API-Token ist unbekannt oder widerrufen",
  "The API token expired on {{date}}: make a new one":
    "Das API-Token ist am {{date}} abgelaufen: Erstellen Sie ein neues",
  "This token expires on {{date}}: a token it makes must expire by then":
    "Dieses Token läuft am {{date}} ab: Ein Token, das es erstellt, muss bis dahin ablaufen",
  "This is the old secret of token {{name}}, kept only for its grace period: it may not make, rotate or revoke tokens":
    "Dies ist das alte Geheimnis des Tokens {{name}}, nur für seine Übergangszeit behalten: Es darf keine Tokens erstellen, rotieren oder widerrufen",
  "Only {{owner}}, who made this token, may rotate it; revoke it instead":
    "Nur {{owner}}, der dieses Token erstellt hat, darf es rotieren; widerrufen Sie es stattdessen",
  "Sign in to use KVM Manager": "Zum Verwenden von KVM Manager anmelden",
  "Missing or wrong CSRF token: reload the page and try again":
    "CSRF-Token fehlt oder ist falsch: Seite neu laden und erneut versuchen",
  "Your role ({{role}}) may not read {{path}}": "Ihre Rolle ({{role}}) darf {{path}} nicht lesen",
  "Your role ({{role}}) may not {{method}} {{path}}":
    "Ihre Rolle ({{role}}) darf {{method}} {{path}} nicht ausführen",
  "You may not control VM {{vm}}": "Sie dürfen die VM {{vm}} nicht steuern",
  "The request body is larger than {{size}}, the most this route takes":
    "Der Anfrageinhalt ist größer als {{size}}, das Höchstmaß für diese Route",
  "Content-Length must be one whole number of bytes":
    "Content-Length muss eine ganze Zahl von Bytes sein",
  'Requests must address this host by loopback, not "{{host}}"':
    "Anfragen müssen diesen Host über Loopback ansprechen, nicht über „{{host}}“",
  "A WebSocket without an Origin header needs an API token (Authorization: Bearer)":
    "Ein WebSocket ohne Origin-Header braucht ein API-Token (Authorization: Bearer)",
  "Cross-origin request refused from {{origin}}":
    "Ursprungsübergreifende Anfrage von {{origin}} abgelehnt",
  "Invalid Idempotency-Key: 8 to 64 letters, digits, - or _":
    "Ungültiger Idempotency-Key: 8 bis 64 Buchstaben, Ziffern, - oder _",
  "This request was carried out already; reload the page to see its result":
    "Diese Anfrage wurde bereits ausgeführt; laden Sie die Seite neu, um ihr Ergebnis zu sehen",
};

export default words;
