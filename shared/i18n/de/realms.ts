// German for sign-in realms (directories users sign in through beside the host's accounts): the
// API's words, the access page's card and the sign-in page's choice (see ../README.md).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // Sign-in (lib/auth/service.ts, lib/auth/input.ts).
  "realm must be a realm's name": "realm muss der Name eines Bereichs sein",
  "{{user}} names a realm's account: sign in through that realm":
    "{{user}} bezeichnet ein Konto eines Bereichs: über diesen Bereich anmelden",
  // Realm checks (lib/auth/realms/input.ts, records.ts).
  "A realm's name is 1-32 lower-case letters, digits and dashes, a letter first, and not pam":
    "Der Name eines Bereichs hat 1–32 Kleinbuchstaben, Ziffern und Bindestriche, beginnt mit einem Buchstaben und ist nicht pam",
  "{{field}} must be a DN of 1-{{max}} characters":
    "{{field}} muss ein DN mit 1–{{max}} Zeichen sein",
  "{{field}} must be an LDAP filter in parentheses, at most {{max}} characters":
    "{{field}} muss ein LDAP-Filter in Klammern sein, höchstens {{max}} Zeichen",
  "{{field}} must be an attribute name": "{{field}} muss ein Attributname sein",
  "url must be ldap://host[:port] or ldaps://host[:port], at most {{max}} characters":
    "url muss ldap://host[:port] oder ldaps://host[:port] sein, höchstens {{max}} Zeichen",
  "timeoutSeconds must be a whole number from 1 to 60":
    "timeoutSeconds muss eine ganze Zahl von 1 bis 60 sein",
  "caFile must be an absolute path, or null": "caFile muss ein absoluter Pfad oder null sein",
  "Each group in roleMap is a name of 1-{{max}} characters":
    "Jede Gruppe in roleMap ist ein Name mit 1–{{max}} Zeichen",
  "Each role in roleMap is one of {{roles}}": "Jede Rolle in roleMap ist eine von {{roles}}",
  "roleMap must be a list of {group, role}": "roleMap muss eine Liste von {group, role} sein",
  "roleMap holds at most {{max}} groups": "roleMap enthält höchstens {{max}} Gruppen",
  "providerSecondFactor must be true or false": "providerSecondFactor muss true oder false sein",
  "security is ldaps for an ldaps:// URL, and starttls or none for ldap://":
    "security ist ldaps für eine ldaps://-URL und starttls oder none für ldap://",
  "label must be 1-{{max}} characters": "label muss 1–{{max}} Zeichen haben",
  "kind must be ldap": "kind muss ldap sein",
  "bindPassword must be a string, or null": "bindPassword muss eine Zeichenkette oder null sein",
  "bindPassword may not be empty: null removes it":
    "bindPassword darf nicht leer sein: null entfernt es",
  "bindPassword has at most {{max}} characters": "bindPassword hat höchstens {{max}} Zeichen",
  "bindPassword: give the bind password again: the directory changed (url or bindDn)":
    "bindPassword: das Bind-Passwort erneut angeben: das Verzeichnis hat sich geändert (url oder bindDn)",
  "A bindDn needs its bindPassword": "Ein bindDn braucht sein bindPassword",
  "A bindPassword needs its bindDn": "Ein bindPassword braucht seinen bindDn",
  "No realm is named {{name}}": "Kein Bereich heißt {{name}}",
  // Directory answers (lib/auth/realms/service.ts, ldap.ts).
  "More than one directory entry answers to {{name}} in realm {{realm}}":
    "Mehr als ein Verzeichniseintrag passt zu {{name}} im Bereich {{realm}}",
  "Realm {{realm}}'s directory knows no such account":
    "Das Verzeichnis des Bereichs {{realm}} kennt kein solches Konto",
  "The directory's name for this account is longer than {{max}} characters":
    "Der Name dieses Kontos im Verzeichnis ist länger als {{max}} Zeichen",
  "Account {{user}} is in no group that realm {{realm}} gives a role":
    "Das Konto {{user}} ist in keiner Gruppe, der der Bereich {{realm}} eine Rolle gibt",
  "The directory's certificate has expired or is not valid yet ({{reason}}): check the certificate, and this host's clock and the directory's":
    "Das Zertifikat des Verzeichnisses ist abgelaufen oder noch nicht gültig ({{reason}}): das Zertifikat prüfen, und die Uhr dieses Hosts und die des Verzeichnisses",
  "The directory's certificate is not trusted ({{reason}}): give the CA that signed it in caFile, and check that url names a host the certificate is for":
    "Dem Zertifikat des Verzeichnisses wird nicht vertraut ({{reason}}): die CA, die es signiert hat, in caFile angeben und prüfen, dass url einen Host nennt, für den das Zertifikat gilt",
  "The directory at {{url}} cannot be reached: {{reason}}":
    "Das Verzeichnis unter {{url}} ist nicht erreichbar: {{reason}}",
  "The directory answered with an error: {{reason}}":
    "Das Verzeichnis hat mit einem Fehler geantwortet: {{reason}}",
  "The CA file {{file}} cannot be read: {{reason}}":
    "Die CA-Datei {{file}} kann nicht gelesen werden: {{reason}}",
  "the directory requires a stronger sign-in: use StartTLS or LDAPS":
    "das Verzeichnis verlangt eine stärkere Anmeldung: StartTLS oder LDAPS verwenden",
  "the directory requires TLS: use StartTLS or LDAPS":
    "das Verzeichnis verlangt TLS: StartTLS oder LDAPS verwenden",
  "no such entry: the base DN is wrong, or the searching account may not read it":
    "kein solcher Eintrag: der Basis-DN ist falsch, oder das suchende Konto darf ihn nicht lesen",
  "the searching account may not read it": "das suchende Konto darf ihn nicht lesen",
  "the directory is busy": "das Verzeichnis ist ausgelastet",
  "the directory is unavailable": "das Verzeichnis ist nicht verfügbar",
  "the directory is unwilling to do it": "das Verzeichnis lehnt es ab",
  "The directory refused the realm's bindDn and bindPassword":
    "Das Verzeichnis hat bindDn und bindPassword des Bereichs abgelehnt",
};

export default words;
