// German for two-factor sign-in: the account page, the sign-in's second step, the access
// page's card and the API's words (see ../README.md for how to write them).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // Access page card (islands/access/TwoFactorCard.tsx).
  "Authenticator app": "Authenticator-App",
  "Security keys": "Sicherheitsschlüssel",
  "Recovery codes": "Wiederherstellungscodes",
  "Reset 2FA": "2FA zurücksetzen",
  "Reset 2FA of {{user}}": "2FA zurücksetzen: {{user}}",
  "Two-factor sign-in": "Zwei-Faktor-Anmeldung",
  "Accounts of a role that requires a second factor set one up at their next sign-in. API tokens are not affected.":
    "Konten einer Rolle, die einen zweiten Faktor verlangt, richten ihn bei der nächsten Anmeldung ein. API-Tokens sind nicht betroffen.",
  "Require a second factor for": "Zweiten Faktor verlangen für",
  "Accounts with a second factor": "Konten mit zweitem Faktor",
  "No account has a second factor yet.": "Noch kein Konto hat einen zweiten Faktor.",
  "Reset two-factor sign-in": "Zwei-Faktor-Anmeldung zurücksetzen",
  "Remove every second factor and recovery code of {{user}}? They sign in with their password alone, or set up a factor again if their role requires one.":
    "Alle zweiten Faktoren und Wiederherstellungscodes von {{user}} entfernen? Die Anmeldung erfolgt dann nur mit dem Passwort, oder ein Faktor wird neu eingerichtet, wenn die Rolle es verlangt.",
  // Account page (islands/AccountSecurity.tsx, islands/twofa/).
  "Your role requires a second factor: set one up.":
    "Ihre Rolle verlangt einen zweiten Faktor: bitte einrichten.",
  "Sign-in security": "Anmeldesicherheit",
  "A second factor keeps your account safe when your password is not: after the password, sign-in asks for a code from an authenticator app or a touch of a security key.":
    "Ein zweiter Faktor schützt das Konto, auch wenn das Passwort bekannt wird: Nach dem Passwort fragt die Anmeldung nach einem Code aus einer Authenticator-App oder nach einer Berührung des Sicherheitsschlüssels.",
  "Codes that change every 30 seconds, from an app such as FreeOTP, Aegis or Google Authenticator.":
    "Codes, die alle 30 Sekunden wechseln, aus einer App wie FreeOTP, Aegis oder Google Authenticator.",
  "Set up": "Eingerichtet",
  "Not set up": "Nicht eingerichtet",
  "Set up an authenticator app": "Authenticator-App einrichten",
  "Remove authenticator app": "Authenticator-App entfernen",
  "Scan the QR code with an authenticator app, or type the key into it by hand.":
    "QR-Code mit einer Authenticator-App scannen oder den Schlüssel von Hand eingeben.",
  "QR code of the authenticator app's key": "QR-Code des Schlüssels für die Authenticator-App",
  "Key": "Schlüssel",
  "Code from the app": "Code aus der App",
  "A USB or NFC security key, or a passkey of this device: sign-in asks you to touch it.":
    "Ein USB- oder NFC-Sicherheitsschlüssel oder ein Passkey dieses Geräts: Bei der Anmeldung wird er berührt.",
  "added {{when}}": "hinzugefügt {{when}}",
  "Remove key {{name}}": "Schlüssel {{name}} entfernen",
  "Name of the new key": "Name des neuen Schlüssels",
  "Security key": "Sicherheitsschlüssel",
  "Add security key": "Sicherheitsschlüssel hinzufügen",
  "Keep these recovery codes somewhere safe: each signs in once in place of a code, and they are not shown again.":
    "Diese Wiederherstellungscodes sicher aufbewahren: Jeder ersetzt einmal einen Code bei der Anmeldung, und sie werden nicht noch einmal angezeigt.",
  "For when the app or key is not at hand: each code signs in once.":
    "Für den Fall, dass App oder Schlüssel nicht zur Hand sind: Jeder Code gilt für eine Anmeldung.",
  "{{count}} codes left_one": "{{count}} Code übrig",
  "{{count}} codes left_other": "{{count}} Codes übrig",
  "Set up an authenticator app or a security key first":
    "Zuerst eine Authenticator-App oder einen Sicherheitsschlüssel einrichten",
  "Make new recovery codes": "Neue Wiederherstellungscodes erzeugen",
  // The sign-in's second step (islands/login/).
  "Second step": "Zweiter Schritt",
  "Code from the authenticator app, or a recovery code":
    "Code aus der Authenticator-App oder ein Wiederherstellungscode",
  "Verify": "Prüfen",
  "Use security key": "Sicherheitsschlüssel verwenden",
  "Continue": "Weiter",
  "Set up a second factor": "Zweiten Faktor einrichten",
  "Your role requires a second factor at sign-in. Set one up to continue.":
    "Ihre Rolle verlangt bei der Anmeldung einen zweiten Faktor. Zum Fortfahren bitte einrichten.",
  "Use a security key": "Einen Sicherheitsschlüssel verwenden",
  // The API's words (routes/api/twofa.ts, routes/api/second_step.ts, lib/twofa/).
  "Second factors are changed from a signed-in browser, not with an API token":
    "Zweite Faktoren werden in einem angemeldeten Browser geändert, nicht mit einem API-Token",
  "Your role requires a second factor: add another before removing this one":
    "Ihre Rolle verlangt einen zweiten Faktor: vor dem Entfernen dieses einen weiteren hinzufügen",
  "Ask the security key again": "Den Sicherheitsschlüssel erneut anfragen",
  "Reset your own second factors on your account page":
    "Eigene zweite Faktoren auf der Seite Anmeldesicherheit zurücksetzen",
  "The sign-in has expired; enter your user name and password again":
    "Die Anmeldung ist abgelaufen; Benutzername und Passwort erneut eingeben",
  "Enter the code": "Code eingeben",
  "The security key's answer is not readable":
    "Die Antwort des Sicherheitsschlüssels ist nicht lesbar",
  "Invalid security key name: use {{rule}}":
    "Ungültiger Name des Sicherheitsschlüssels: erlaubt sind {{rule}}",
  "Roles must be a list of {{roles}}": "Rollen müssen eine Liste aus {{roles}} sein",
  "The security key was not accepted": "Der Sicherheitsschlüssel wurde nicht akzeptiert",
  "An authenticator app is already set up; remove it first":
    "Eine Authenticator-App ist bereits eingerichtet; zuerst entfernen",
  "Start setting up an authenticator app first":
    "Zuerst mit dem Einrichten einer Authenticator-App beginnen",
  "No such security key": "Diesen Sicherheitsschlüssel gibt es nicht",
  "The code is not right": "Der Code stimmt nicht",
  "This account already has a second factor: verify with it":
    "Dieses Konto hat bereits einen zweiten Faktor: damit bestätigen",
  "Set up a second factor first": "Zuerst einen zweiten Faktor einrichten",
  "This account has no security key": "Dieses Konto hat keinen Sicherheitsschlüssel",
  "This account has a second factor by now: sign in again and verify with it":
    "Dieses Konto hat inzwischen einen zweiten Faktor: erneut anmelden und damit bestätigen",
  // The password step (lib/auth/service.ts): factors are kept under the name as the host spells it.
  "Sign in as {{name}}: the user name is taken as the host spells it":
    "Als {{name}} anmelden: Der Benutzername gilt so, wie der Host ihn schreibt",
  "The host's user directory knows no such account":
    "Das Benutzerverzeichnis des Hosts kennt dieses Konto nicht",
};

export default words;
