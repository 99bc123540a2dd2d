// German for sign-in realms (directories and OpenID Connect providers users sign in through beside
// the host's accounts): the API's words, the access page's card and dialog and the sign-in page's
// choice (see ../README.md).

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
  "bindPassword: give the bind password again: the directory changed (url, security, caFile or bindDn)":
    "bindPassword: das Bind-Passwort erneut angeben: das Verzeichnis hat sich geändert (url, security, caFile oder bindDn)",
  "not a file of at most 1 MiB": "keine Datei von höchstens 1 MiB",
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
  "more than {{max}} groups answer: narrow groupBase or groupFilter":
    "mehr als {{max}} Gruppen antworten: groupBase oder groupFilter enger fassen",
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
  // The sign-in page's choice (routes/login_page.tsx, islands/LoginForm.tsx).
  "Sign in with an account of this host or of a directory.":
    "Mit einem Konto dieses Hosts oder eines Verzeichnisses anmelden.",
  "Sign in with an account of this host, of a directory or of a sign-in provider.":
    "Mit einem Konto dieses Hosts, eines Verzeichnisses oder eines Anmeldeanbieters anmelden.",
  "Sign in with": "Anmelden mit",
  "Continue with {{label}}": "Weiter mit {{label}}",
  "This host's accounts": "Konten dieses Hosts",
  "Of this host's accounts, root and members of {{groups}} may sign in.":
    "Von den Konten dieses Hosts dürfen sich root und Mitglieder von {{groups}} anmelden.",
  // The access page's card (islands/access/RealmsCard.tsx, RealmDialog.tsx, RealmPreview.tsx).
  "Sign-in realms": "Anmeldebereiche",
  "New realm": "Neuer Bereich",
  "Directories (LDAP, Active Directory) and OpenID Connect providers whose users sign in as user@realm beside this host's accounts, with the role their groups give. Preview reads a directory; a provider names its users only when they sign in.":
    "Verzeichnisse (LDAP, Active Directory) und OpenID-Connect-Anbieter, deren Benutzer sich neben den Konten dieses Hosts als benutzer@bereich anmelden, mit der Rolle, die ihre Gruppen geben. Die Vorschau liest ein Verzeichnis; ein Anbieter nennt seine Benutzer erst, wenn sie sich anmelden.",
  "Realms and their directories or providers": "Bereiche und ihre Verzeichnisse oder Anbieter",
  "URL or issuer": "URL oder Issuer",
  "Label": "Bezeichnung",
  "Groups → roles": "Gruppen → Rollen",
  "Last change": "Letzte Änderung",
  "{{time}} by {{user}}": "{{time}} von {{user}}",
  "Preview": "Vorschau",
  "No realm yet: only this host's accounts sign in.":
    "Noch kein Bereich: nur die Konten dieses Hosts melden sich an.",
  "Delete sign-in realm": "Anmeldebereich löschen",
  "Delete the realm {{name}}? Its users are signed out at once and can no longer sign in; roles assigned to them stay.":
    "Den Bereich {{name}} löschen? Seine Benutzer werden sofort abgemeldet und können sich nicht mehr anmelden; ihnen zugewiesene Rollen bleiben.",
  "none: nobody can sign in": "keine: niemand kann sich anmelden",
  "Preview of a realm": "Vorschau eines Bereichs",
  "Who realm {{name}} lets in with which role, read from its directory now.":
    "Wen der Bereich {{name}} mit welcher Rolle einlässt, jetzt aus seinem Verzeichnis gelesen.",
  "Reading the directory…": "Verzeichnis wird gelesen …",
  "None: passwords in clear": "Keine: Passwörter im Klartext",
  "Edit realm {{name}}": "Bereich {{name}} bearbeiten",
  "New sign-in realm": "Neuer Anmeldebereich",
  "Kind": "Art",
  "LDAP directory": "LDAP-Verzeichnis",
  "OpenID Connect provider": "OpenID-Connect-Anbieter",
  "Users sign in as user@name: lower-case letters, digits and dashes.":
    "Benutzer melden sich als benutzer@name an: Kleinbuchstaben, Ziffern und Bindestriche.",
  "What the sign-in page shows.": "Was die Anmeldeseite zeigt.",
  "LDAPS for an ldaps:// URL; StartTLS or none for ldap://. Without TLS, passwords cross the network in clear.":
    "LDAPS für eine ldaps://-URL; StartTLS oder keine für ldap://. Ohne TLS gehen Passwörter im Klartext über das Netzwerk.",
  "CA file": "CA-Datei",
  "A PEM file on this host of the CA that signed the directory's certificate; empty: the system's.":
    "Eine PEM-Datei auf diesem Host mit der CA, die das Zertifikat des Verzeichnisses signiert hat; leer: die des Systems.",
  "Bind DN": "Bind-DN",
  "The account that searches the directory; empty: anonymous searches.":
    "Das Konto, das im Verzeichnis sucht; leer: anonyme Suche.",
  "Timeout in seconds": "Zeitlimit in Sekunden",
  "Users": "Benutzer",
  "User base DN": "Basis-DN der Benutzer",
  "User name attribute": "Attribut des Benutzernamens",
  "uid (OpenLDAP), sAMAccountName (Active Directory).":
    "uid (OpenLDAP), sAMAccountName (Active Directory).",
  "User filter": "Benutzerfilter",
  "More conditions a user must meet, an LDAP filter; empty: none.":
    "Weitere Bedingungen, die ein Benutzer erfüllen muss, ein LDAP-Filter; leer: keine.",
  "Groups": "Gruppen",
  "Group base DN": "Basis-DN der Gruppen",
  "Group filter": "Gruppenfilter",
  "Member attribute": "Mitglieder-Attribut",
  "The group attribute holding its members' DNs.":
    "Das Gruppenattribut mit den DNs ihrer Mitglieder.",
  "Group name attribute": "Attribut des Gruppennamens",
  "The group attribute the role map names groups by.":
    "Das Gruppenattribut, über das die Rollenzuordnung Gruppen benennt.",
  "The directory's sign-in already asks a second factor: do not ask ours":
    "Die Anmeldung des Verzeichnisses fragt bereits einen zweiten Faktor ab: unseren nicht abfragen",
  "The provider's sign-in already asks a second factor: do not ask ours":
    "Die Anmeldung des Anbieters fragt bereits einen zweiten Faktor ab: unseren nicht abfragen",
  "No preview: a provider tells who its users are and their groups only when they sign in.":
    "Keine Vorschau: ein Anbieter nennt seine Benutzer und ihre Gruppen erst, wenn sie sich anmelden.",
  "Who would get which role, read from the directory now.":
    "Wer welche Rolle bekäme, jetzt aus dem Verzeichnis gelesen.",
  "Anonymous searches need no password.": "Anonyme Suchen brauchen kein Passwort.",
  "A password is kept; empty keeps it. Changing the URL or bind DN needs it again.":
    "Ein Passwort ist gespeichert; leer behält es. Eine geänderte URL oder ein geänderter Bind-DN braucht es erneut.",
  "The bind DN's password; it is never shown again.":
    "Das Passwort des Bind-DN; es wird nie wieder angezeigt.",
  "Bind password": "Bind-Passwort",
  "Remove the kept password": "Das gespeicherte Passwort entfernen",
  // A provider's fields (islands/access/RealmOidcFields.tsx).
  "Provider": "Anbieter",
  "Issuer URL": "Issuer-URL",
  "The provider's issuer; its settings are read from ISSUER/.well-known/openid-configuration.":
    "Der Issuer des Anbieters; seine Einstellungen werden aus ISSUER/.well-known/openid-configuration gelesen.",
  "Client ID": "Client-ID",
  "The id the provider gave this server when it was registered.":
    "Die ID, die der Anbieter diesem Server bei der Registrierung gegeben hat.",
  "Client secret": "Client-Secret",
  "A secret is kept; empty keeps it. Changing the issuer or client ID needs it again.":
    "Ein Secret ist gespeichert; leer behält es. Ein geänderter Issuer oder eine geänderte Client-ID braucht es erneut.",
  "Empty: a public client (PKCE alone). The secret is never shown again.":
    "Leer: ein öffentlicher Client (nur PKCE). Das Secret wird nie wieder angezeigt.",
  "Remove the kept secret": "Das gespeicherte Secret entfernen",
  "Scopes": "Scopes",
  "Asked for besides openid, separated by spaces.":
    "Zusätzlich zu openid angefragt, durch Leerzeichen getrennt.",
  "Claims": "Claims",
  "User name claim": "Claim des Benutzernamens",
  "preferred_username, email or upn: users sign in as its value@realm.":
    "preferred_username, email oder upn: Benutzer melden sich als dessen Wert@bereich an.",
  "Groups claim": "Claim der Gruppen",
  "The claim listing the user's groups, which the role map names.":
    "Der Claim mit den Gruppen des Benutzers, die die Rollenzuordnung nennt.",
  "To register at the provider": "Beim Anbieter einzutragen",
  "Tell the provider these addresses of this server, as users reach it.":
    "Dem Anbieter diese Adressen dieses Servers nennen, so wie Benutzer ihn erreichen.",
  "Redirect URI": "Redirect-URI",
  "Post-logout redirect URI": "Post-Logout-Redirect-URI",
  "Roles": "Rollen",
  "A user gets the highest role of the groups they are in; in none of them, they cannot sign in. A role assigned to {{user}} in Accounts wins.":
    "Ein Benutzer erhält die höchste Rolle der Gruppen, in denen er ist; in keiner davon kann er sich nicht anmelden. Eine unter Konten für {{user}} zugewiesene Rolle hat Vorrang.",
  "Remove group {{n}}": "Gruppe {{n}} entfernen",
  "Add group": "Gruppe hinzufügen",
  "Who would get which role": "Wer welche Rolle bekäme",
  "none: cannot sign in": "keine: kann sich nicht anmelden",
  "The directory holds no member of the groups searched.":
    "Das Verzeichnis enthält kein Mitglied der durchsuchten Gruppen.",
  "The directory holds more members than a preview reads: only the first are listed.":
    "Das Verzeichnis enthält mehr Mitglieder, als eine Vorschau liest: nur die ersten sind aufgeführt.",
  // OpenID Connect realms (lib/auth/realms/input.ts, oidc.ts, service.ts; lib/auth/service.ts).
  "An account of an OpenID Connect realm cannot own API tokens: ask an admin of the host or a directory realm":
    "Ein Konto eines OpenID-Connect-Bereichs kann keine API-Tokens besitzen: einen Admin des Hosts oder eines Verzeichnisbereichs fragen",
  "{{field}} must be a string, or null": "{{field}} muss eine Zeichenkette oder null sein",
  "{{field}} may not be empty: null removes it": "{{field}} darf nicht leer sein: null entfernt es",
  "{{field}} has at most {{max}} characters": "{{field}} hat höchstens {{max}} Zeichen",
  "issuer must be an https:// URL (http:// only on this machine), at most {{max}} characters":
    "issuer muss eine https://-URL sein (http:// nur auf diesem Rechner), höchstens {{max}} Zeichen",
  "{{field}} must be a claim name": "{{field}} muss der Name eines Claims sein",
  "scopes must be a list of at most 20 scope names":
    "scopes muss eine Liste von höchstens 20 Scope-Namen sein",
  "clientId must be 1-256 characters": "clientId muss 1–256 Zeichen haben",
  "kind must be ldap or oidc": "kind muss ldap oder oidc sein",
  "An OpenID Connect provider lists no members: a preview reads a directory":
    "Ein OpenID-Connect-Anbieter listet keine Mitglieder: eine Vorschau liest ein Verzeichnis",
  "Realm {{realm}} signs in at its provider: use its button on the sign-in page":
    "Bereich {{realm}} meldet beim Anbieter an: dessen Schaltfläche auf der Anmeldeseite verwenden",
  "No OpenID Connect realm is named {{name}}": "Kein OpenID-Connect-Bereich heißt {{name}}",
  "This sign-in is not under way any more: start it again from the sign-in page":
    "Diese Anmeldung läuft nicht mehr: auf der Anmeldeseite erneut beginnen",
  "clientSecret: give the client secret again: the provider changed (issuer or clientId)":
    "clientSecret: das Client-Secret erneut angeben: der Anbieter hat sich geändert (issuer oder clientId)",
  "The provider's answer is not valid yet or has expired: this host's clock and the provider's differ ({{reason}})":
    "Die Antwort des Anbieters ist noch nicht gültig oder abgelaufen: die Uhr dieses Hosts und die des Anbieters gehen verschieden ({{reason}})",
  "The provider's certificate is not trusted ({{reason}})":
    "Dem Zertifikat des Anbieters wird nicht vertraut ({{reason}})",
  "The provider at {{issuer}} cannot be reached: {{reason}}":
    "Der Anbieter unter {{issuer}} ist nicht erreichbar: {{reason}}",
  "The provider refused the sign-in: {{reason}}":
    "Der Anbieter hat die Anmeldung abgelehnt: {{reason}}",
  "The provider refused the sign-in": "Der Anbieter hat die Anmeldung abgelehnt",
  "Too many sign-ins under way from this address: finish one, or wait ten minutes":
    "Zu viele Anmeldungen von dieser Adresse laufen: eine abschließen oder zehn Minuten warten",
  "{{user}} is held by another account of the provider (its subject differs): an admin can free the name by removing and adding the realm":
    "{{user}} gehört einem anderen Konto des Anbieters (sein Subject ist ein anderes): ein Admin kann den Namen freigeben, indem er den Bereich entfernt und wieder hinzufügt",
  "The provider answered with an error: {{reason}}":
    "Der Anbieter hat mit einem Fehler geantwortet: {{reason}}",
  "The provider's answer names no user in the claim {{claim}}":
    "Die Antwort des Anbieters nennt keinen Benutzer im Claim {{claim}}",
};

export default words;
