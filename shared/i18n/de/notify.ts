// German for the keys of the notifications area: Settings › Notifications and the API's words
// about targets and rules (see ../README.md for how to write them).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // islands/NotifySettings.tsx
  "Test message sent to {{name}}.": "Testnachricht an {{name}} gesendet.",
  "Allow its network under Images › Outbound connections":
    "Sein Netz unter Abbilder › Ausgehende Verbindungen erlauben",
  "Test message to {{name}} failed: {{error}}":
    "Testnachricht an {{name}} fehlgeschlagen: {{error}}",
  "Notification targets": "Benachrichtigungsziele",
  "New target": "Neues Ziel",
  "Notification rules": "Benachrichtigungsregeln",
  "Delete notification target": "Benachrichtigungsziel löschen",
  "Delete the target {{name}}? Messages waiting for it are dropped.":
    "Ziel {{name}} löschen? Wartende Nachrichten dafür werden verworfen.",
  "Delete notification rule": "Benachrichtigungsregel löschen",
  "Delete the rule {{name}}?": "Regel {{name}} löschen?",
  // islands/notify/RuleForm.tsx
  "Edit notification rule": "Benachrichtigungsregel bearbeiten",
  "New notification rule": "Neue Benachrichtigungsregel",
  "At least": "Mindestens",
  "Events": "Ereignisse",
  "Send to": "Senden an",
  "Add a target first.": "Zuerst ein Ziel anlegen.",
  "Pool full above (%)": "Pool voll ab (%)",
  "Digest every (minutes)": "Sammelnachricht alle (Minuten)",
  "0: each event at once; else one message with what gathered":
    "0: jedes Ereignis sofort; sonst eine Nachricht mit allem Gesammelten",
  // islands/notify/TargetForm.tsx
  "Edit notification target": "Benachrichtigungsziel bearbeiten",
  "New notification target": "Neues Benachrichtigungsziel",
  "Create target": "Ziel anlegen",
  "SMTP server": "SMTP-Server",
  "Security": "Sicherheit",
  "User (empty: no sign-in)": "Benutzer (leer: keine Anmeldung)",
  "One or more addresses, separated by commas": "Eine oder mehrere Adressen, durch Kommas getrennt",
  "Server URL": "Server-URL",
  "Topic": "Thema",
  "Method": "Methode",
  "Headers": "Header",
  "One per line: Name: value": "Einer pro Zeile: Name: Wert",
  "Body template": "Vorlage für den Inhalt",
  "Empty: the event as JSON. Placeholders: {{list}}":
    "Leer: das Ereignis als JSON. Platzhalter: {{list}}",
  "Content type": "Inhaltstyp",
  "Saved; it is never shown. Leave empty to keep it.":
    "Gespeichert; wird nie angezeigt. Leer lassen, um es zu behalten.",
  // islands/notify/forms.ts
  "Backup failed": "Backup fehlgeschlagen",
  "Backup succeeded": "Backup erfolgreich",
  "Scheduled job failed": "Geplanter Auftrag fehlgeschlagen",
  "Alert fired": "Alarm ausgelöst",
  "Alert resolved": "Alarm aufgehoben",
  "Host disconnected": "Host getrennt",
  "Host reconnected": "Host wieder verbunden",
  "Storage pool nearly full": "Speicherpool fast voll",
  "VM crashed": "VM abgestürzt",
  "Sign-in lockout": "Anmeldesperre",
  "E-mail (SMTP)": "E-Mail (SMTP)",
  "ntfy": "ntfy",
  "Gotify": "Gotify",
  "STARTTLS (port 587)": "STARTTLS (Port 587)",
  "TLS (port 465)": "TLS (Port 465)",
  "None (trusted network only)": "Keine (nur in vertrauenswürdigem Netz)",
  "SMTP password": "SMTP-Passwort",
  "Access token (optional)": "Zugriffstoken (optional)",
  "Application token": "Anwendungstoken",
  "Authorization header (optional)": "Authorization-Header (optional)",
  // islands/notify/NotifyTables.tsx
  "Nothing sent yet": "Noch nichts gesendet",
  "Sent": "Gesendet",
  "Retrying": "Wird wiederholt",
  "Sends to": "Sendet an",
  "Last delivery": "Letzte Zustellung",
  "Waiting": "Wartend",
  "Test": "Testen",
  "Loading targets…": "Ziele werden geladen…",
  "No targets yet: add one to send to.": "Noch keine Ziele: eines anlegen, um zu senden.",
  "Digest": "Sammelnachricht",
  "At once": "Sofort",
  "Every {{minutes}} min": "Alle {{minutes}} min",
  "Loading rules…": "Regeln werden geladen…",
  "No rules yet: nothing is sent.": "Noch keine Regeln: nichts wird gesendet.",
  // lib/tasks/titles.ts
  "Create notification target": "Benachrichtigungsziel anlegen",
  "Change notification target": "Benachrichtigungsziel ändern",
  "Test notification target": "Benachrichtigungsziel testen",
  "Create notification rule": "Benachrichtigungsregel anlegen",
  "Change notification rule": "Benachrichtigungsregel ändern",
  // lib/notify/input.ts, records.ts
  "{{field}} must be an http:// or https:// URL":
    "{{field}} muss eine http://- oder https://-URL sein",
  "{{field}} must be an e-mail address": "{{field}} muss eine E-Mail-Adresse sein",
  "host must be a host name or address": "host muss ein Hostname oder eine Adresse sein",
  "port must be a whole number from 1 to 65535": "port muss eine ganze Zahl von 1 bis 65535 sein",
  "security must be one of {{values}}": "security muss eines von {{values}} sein",
  "to must list 1 to {{max}} e-mail addresses": "to muss 1 bis {{max}} E-Mail-Adressen nennen",
  "topic must be 1 to 64 letters, digits, - or _":
    "topic muss aus 1 bis 64 Buchstaben, Ziffern, - oder _ bestehen",
  "headers must be names and values of one line each (no Host, Content-Type or Authorization)":
    "headers müssen Namen und Werte mit je einer Zeile sein (kein Host, Content-Type oder Authorization)",
  "headers may hold at most {{max}} entries": "headers darf höchstens {{max}} Einträge enthalten",
  "bodyTemplate may be at most {{max}} characters":
    "bodyTemplate darf höchstens {{max}} Zeichen lang sein",
  "secret may be at most {{max}} characters": "secret darf höchstens {{max}} Zeichen lang sein",
  "kind must be one of {{kinds}}": "kind muss eines von {{kinds}} sein",
  "kinds must list each kind once": "kinds muss jede Art einmal nennen",
  "poolPercent must be a whole number from 1 to 100":
    "poolPercent muss eine ganze Zahl von 1 bis 100 sein",
  "targetIds must list 1 to {{max}} targets": "targetIds muss 1 bis {{max}} Ziele nennen",
  "digestMinutes must be a whole number from 0 to {{max}}":
    "digestMinutes muss eine ganze Zahl von 0 bis {{max}} sein",
  "Notification target not found: {{id}}": "Benachrichtigungsziel nicht gefunden: {{id}}",
  "Notification rule not found: {{id}}": "Benachrichtigungsregel nicht gefunden: {{id}}",
  "That name is taken": "Dieser Name ist schon vergeben",
  "secret: give the SMTP password again: the server changed (host, port, security or user)":
    "secret: SMTP-Passwort erneut angeben: der Server hat sich geändert (Host, Port, Sicherheit oder Benutzer)",
  "secret: give the Authorization header again: the URL's server changed":
    "secret: Authorization-Header erneut angeben: der Server der URL hat sich geändert",
  "secret: give the token again: the URL's server changed":
    "secret: Token erneut angeben: der Server der URL hat sich geändert",
  "Rules send to this target: {{rules}}": "Regeln senden an dieses Ziel: {{rules}}",
  "targetIds: no such target: {{id}}": "targetIds: Ziel gibt es nicht: {{id}}",
};

export default words;
