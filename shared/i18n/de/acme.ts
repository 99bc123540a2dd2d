// German for the server's HTTPS certificate from an ACME CA: the API's words (lib/acme/) and the
// Settings page's card (islands/CertificateSettings.tsx, islands/certificate/) (see ../README.md).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // Settings checks (lib/acme/input.ts).
  "Each domain is a DNS name such as vm.example.com, with at least one dot":
    "Jede Domain ist ein DNS-Name wie vm.example.com, mit mindestens einem Punkt",
  "hook must name an executable in the hook folder":
    "hook muss ein ausführbares Programm im Hook-Ordner nennen",
  "waitSeconds must be a whole number from 0 to 600":
    "waitSeconds muss eine ganze Zahl von 0 bis 600 sein",
  "directoryUrl must be an https:// URL": "directoryUrl muss eine https://-URL sein",
  "email must be an e-mail address": "email muss eine E-Mail-Adresse sein",
  "Agree to the CA's terms of service to order a certificate":
    "Den Nutzungsbedingungen der CA zustimmen, um ein Zertifikat zu bestellen",
  "domains must be a list of DNS names": "domains muss eine Liste von DNS-Namen sein",
  "Give at least one domain": "Mindestens eine Domain angeben",
  "At most {{max}} domains": "Höchstens {{max}} Domains",
  "challenge.type must be http-01 or dns-01": "challenge.type muss http-01 oder dns-01 sein",
  "caFile must be an absolute path": "caFile muss ein absoluter Pfad sein",
  "renewDays must be a whole number from 1 to 90":
    "renewDays muss eine ganze Zahl von 1 bis 90 sein",
  "A domain is given twice": "Eine Domain ist doppelt angegeben",
  "A wildcard name (*.example.com) needs the DNS-01 challenge":
    "Ein Platzhaltername (*.example.com) braucht die DNS-01-Prüfung",
  // The service, the order, the hooks (lib/acme/).
  "Set the CA, the domains and the challenge before ordering a certificate":
    "Vor der Bestellung eines Zertifikats CA, Domains und Prüfung einstellen",
  "The order failed: {{reason}}": "Die Bestellung ist fehlgeschlagen: {{reason}}",
  "This server serves your own certificate files (--tls-cert, --tls-key): ACME manages only the certificate KVM Manager keeps in its data folder":
    "Dieser Server verwendet Ihre eigenen Zertifikatsdateien (--tls-cert, --tls-key): ACME verwaltet nur das Zertifikat, das KVM Manager in seinem Datenordner hält",
  "This server speaks plain HTTP (--no-tls), so it serves no certificate":
    "Dieser Server spricht reines HTTP (--no-tls) und hat daher kein Zertifikat",
  "Port {{port}} is in use by another program, so the CA's HTTP-01 check cannot reach this server: stop it, or use the DNS-01 challenge":
    "Port {{port}} wird von einem anderen Programm belegt, daher erreicht die HTTP-01-Prüfung der CA diesen Server nicht: das Programm beenden oder die DNS-01-Prüfung verwenden",
  "This server may not listen on port {{port}} for the CA's HTTP-01 check: run it as root, or use the DNS-01 challenge":
    "Dieser Server darf für die HTTP-01-Prüfung der CA nicht auf Port {{port}} lauschen: als root ausführen oder die DNS-01-Prüfung verwenden",
  "no PEM certificate": "kein PEM-Zertifikat",
  "The CA file {{path}} cannot be used: {{reason}}":
    "Die CA-Datei {{path}} ist nicht verwendbar: {{reason}}",
  "{{url}} is not an ACME directory (HTTP {{status}})":
    "{{url}} ist kein ACME-Verzeichnis (HTTP {{status}})",
  "The ACME server {{url}} has an HTTPS certificate this server does not trust ({{reason}}): for an internal CA, give its CA file":
    "Der ACME-Server {{url}} hat ein HTTPS-Zertifikat, dem dieser Server nicht vertraut ({{reason}}): bei einer internen CA deren CA-Datei angeben",
  "The ACME server {{url}} cannot be reached: {{reason}}":
    "Der ACME-Server {{url}} ist nicht erreichbar: {{reason}}",
  "The connection to the ACME server {{url}} was lost during the order":
    "Die Verbindung zum ACME-Server {{url}} ist während der Bestellung abgebrochen",
  "The CA refused the order: {{reason}}": "Die CA hat die Bestellung abgelehnt: {{reason}}",
  "No hook {{name}} in {{dir}}: put an executable there, owned by root and writable only by its owner":
    "Kein Hook {{name}} in {{dir}}: dort ein ausführbares Programm ablegen, das root gehört und nur von seinem Eigentümer beschreibbar ist",
  "The DNS hook {{name}} could not run: {{reason}}":
    "Der DNS-Hook {{name}} konnte nicht laufen: {{reason}}",
  "it took longer than {{seconds}} s": "er brauchte länger als {{seconds}} s",
  "The DNS hook {{name}} took longer than {{seconds}} s and was stopped":
    "Der DNS-Hook {{name}} brauchte länger als {{seconds}} s und wurde beendet",
  "The DNS hook {{name}} failed to {{action}} {{record}} (exit {{code}}): {{said}}":
    "Der DNS-Hook {{name}} ist bei {{action}} {{record}} fehlgeschlagen (Exit {{code}}): {{said}}",
  "it printed nothing": "er hat nichts ausgegeben",
  "The new certificate could not be served: {{reason}}":
    "Das neue Zertifikat konnte nicht verwendet werden: {{reason}}",
  "not a regular file": "keine gewöhnliche Datei",
  "larger than 1 MiB": "größer als 1 MiB",
  "The CA asked about {{name}}, which is not one of the domains ordered":
    "Die CA fragte nach {{name}}, das nicht zu den bestellten Domains gehört",
  "The CA's certificate cannot be used: {{why}}":
    "Das Zertifikat der CA ist nicht verwendbar: {{why}}",
  "a chain of 1 to {{max}} certificates and at most 64 KiB was expected":
    "erwartet war eine Kette aus 1 bis {{max}} Zertifikaten und höchstens 64 KiB",
  "it is not for the key this server made":
    "es gehört nicht zu dem Schlüssel, den dieser Server erzeugt hat",
  "it names {{names}}, not the domains ordered": "es nennt {{names}}, nicht die bestellten Domains",
  "it is valid from {{from}} until {{until}}": "es gilt von {{from}} bis {{until}}",
  // Task titles (lib/acme/feature.ts).
  "Set up ACME certificate": "ACME-Zertifikat einrichten",
  "Turn off ACME certificate": "ACME-Zertifikat abschalten",
  "Order certificate": "Zertifikat bestellen",
  // The Settings page's card (islands/CertificateSettings.tsx, islands/certificate/).
  "HTTPS certificate": "HTTPS-Zertifikat",
  "Get the certificate from an ACME CA (Let's Encrypt, or an internal step-ca) instead of the self-signed one; it renews by itself.":
    "Das Zertifikat von einer ACME-CA (Let's Encrypt oder einer internen step-ca) statt des selbstsignierten beziehen; es erneuert sich selbst.",
  "Certificate authority": "Zertifizierungsstelle",
  "Another ACME CA (step-ca, ZeroSSL …)": "Eine andere ACME-CA (step-ca, ZeroSSL …)",
  "ACME directory URL": "URL des ACME-Verzeichnisses",
  "Domains": "Domains",
  "The names browsers reach this server by, separated by spaces; the first is the certificate's common name.":
    "Die Namen, unter denen Browser diesen Server erreichen, durch Leerzeichen getrennt; der erste ist der Common Name des Zertifikats.",
  "Contact e-mail": "Kontakt-E-Mail",
  "The CA writes here about this account, e.g. before a certificate expires.":
    "Hierhin schreibt die CA zu diesem Konto, etwa bevor ein Zertifikat abläuft.",
  "How the CA checks this server answers for the names":
    "Wie die CA prüft, dass dieser Server für die Namen antwortet",
  "HTTP-01: the CA fetches a file from this server on port 80":
    "HTTP-01: die CA holt eine Datei von diesem Server auf Port 80",
  "DNS-01: a hook sets a TXT record (also for wildcard names)":
    "DNS-01: ein Hook setzt einen TXT-Eintrag (auch für Platzhalternamen)",
  "Port the CA connects to": "Port, mit dem sich die CA verbindet",
  "80 for public CAs. KVM Manager listens on it only while an order runs.":
    "80 bei öffentlichen CAs. KVM Manager lauscht dort nur, solange eine Bestellung läuft.",
  "DNS hook": "DNS-Hook",
  "An executable in {{dir}}, called with add or remove, the record and its value.":
    "Ein ausführbares Programm in {{dir}}, aufgerufen mit add oder remove, dem Eintrag und seinem Wert.",
  "No hook yet: put an executable in {{dir}}, owned by root and writable only by root.":
    "Noch kein Hook: ein ausführbares Programm in {{dir}} ablegen, das root gehört und nur von root beschreibbar ist.",
  "None found": "Keiner gefunden",
  "Seconds to wait for DNS": "Sekunden Wartezeit für DNS",
  "After the hook, before the CA looks the record up (0-600).":
    "Nach dem Hook, bevor die CA den Eintrag nachschlägt (0–600).",
  "CA file of the ACME server (optional)": "CA-Datei des ACME-Servers (optional)",
  "For an internal CA: the PEM file that signed its HTTPS certificate.":
    "Bei einer internen CA: die PEM-Datei, die ihr HTTPS-Zertifikat signiert hat.",
  "Renew when fewer days are left": "Erneuern, wenn weniger Tage übrig sind",
  "Or when a third of its lifetime is left, if that comes first (1-90).":
    "Oder wenn ein Drittel der Laufzeit übrig ist, falls das früher ist (1–90).",
  "I agree to the certificate authority's terms of service":
    "Ich stimme den Nutzungsbedingungen der Zertifizierungsstelle zu",
  "Saved. Order a certificate to use it.":
    "Gespeichert. Ein Zertifikat bestellen, um es zu nutzen.",
  "The certificate for {{names}} is served now.":
    "Das Zertifikat für {{names}} wird jetzt verwendet.",
  "ACME is off. The certificate served stays until it is replaced.":
    "ACME ist aus. Das verwendete Zertifikat bleibt, bis es ersetzt wird.",
  "Order certificate now": "Zertifikat jetzt bestellen",
  "Turn off": "Abschalten",
  "Ordering: the CA checks this server, which takes seconds to a minute.":
    "Bestellung läuft: die CA prüft diesen Server, das dauert Sekunden bis eine Minute.",
  "Served now": "Jetzt verwendet",
  "From {{issuer}} for {{names}}, valid until {{until}}":
    "Von {{issuer}} für {{names}}, gültig bis {{until}}",
  "Valid until {{until}}": "Gültig bis {{until}}",
  "SHA-256 {{fingerprint}}": "SHA-256 {{fingerprint}}",
  "Renews": "Erneuerung",
  "Last order": "Letzte Bestellung",
  "Failed {{when}}: {{message}}": "Fehlgeschlagen {{when}}: {{message}}",
};

export default words;
