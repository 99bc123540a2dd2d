// German: start at boot in order (islands/vm/VmStartup.tsx, lib/startup/).

export default {
  "Lower numbers start first": "Niedrigere Nummern starten zuerst",
  "Up-delay (seconds)": "Startverzögerung (Sekunden)",
  "Before the next VM starts": "Bevor die nächste VM startet",
  "Shutdown timeout (seconds)": "Zeitlimit zum Herunterfahren (Sekunden)",
  "Then a stop in order forces it off": "Danach schaltet das geordnete Stoppen sie hart aus",
  "{{name}} starts with the host in order {{order}}.":
    "{{name}} startet mit dem Host an Position {{order}}.",
  "{{name}} has no boot order any more.": "{{name}} hat keine Startreihenfolge mehr.",
  "Start at boot": "Start beim Hochfahren",
  "When the host boots, the VMs with a boot order start one after another, lowest order first, each after the delay of the one before it.":
    "Wenn der Host hochfährt, starten die VMs mit Startreihenfolge nacheinander, die niedrigste Nummer zuerst, jede nach der Verzögerung der vorigen.",
  "Start with the host, in order": "Mit dem Host starten, der Reihe nach",
  "End the up-delay early once its QEMU guest agent answers":
    "Die Verzögerung vorzeitig beenden, sobald ihr QEMU-Gastagent antwortet",
  "libvirt's autostart is on: it starts when libvirtd starts, with no order.":
    "Der Autostart von libvirt ist an: Sie startet mit libvirtd, ohne Reihenfolge.",
  'Body must be a JSON object like {"order": 10, "upDelay": 30}':
    'Der Inhalt muss ein JSON-Objekt wie {"order": 10, "upDelay": 30} sein',
  'Unknown field "{{key}}": expected order, upDelay, waitForAgent, downTimeout':
    'Unbekanntes Feld "{{key}}": erwartet order, upDelay, waitForAgent, downTimeout',
  "The VMs are being started or shut down in boot order: wait for it to end":
    "Die VMs werden gerade in Startreihenfolge gestartet oder heruntergefahren: Warten Sie das Ende ab",
  "VM {{name}} is transient: it has no definition to start at boot":
    "VM {{name}} ist flüchtig: Sie hat keine Definition, die beim Hochfahren starten könnte",
  "Failed to set the boot order": "Startreihenfolge konnte nicht gesetzt werden",
  "No VM has a boot order": "Keine VM hat eine Startreihenfolge",
  "{{name}} was running": "{{name}} lief bereits",
  "{{n}}/{{total}} {{name}}: starting": "{{n}}/{{total}} {{name}}: wird gestartet",
  "{{name}} failed: {{error}}": "{{name}} fehlgeschlagen: {{error}}",
  "{{name}} started": "{{name}} gestartet",
  "{{n}}/{{total}} {{name}}: waiting up to {{seconds}} s for its guest agent":
    "{{n}}/{{total}} {{name}}: wartet bis zu {{seconds}} s auf ihren Gastagenten",
  "{{name}} started, its agent answered after {{seconds}} s":
    "{{name}} gestartet, ihr Agent antwortete nach {{seconds}} s",
  "{{name}} started, no agent answer in {{seconds}} s":
    "{{name}} gestartet, keine Antwort des Agenten in {{seconds}} s",
  "{{n}}/{{total}} {{name}}: waiting {{seconds}} s":
    "{{n}}/{{total}} {{name}}: wartet {{seconds}} s",
  "{{n}}/{{total}} {{name}}: shutting down, up to {{seconds}} s":
    "{{n}}/{{total}} {{name}}: wird heruntergefahren, bis zu {{seconds}} s",
  "{{name}} shut down": "{{name}} heruntergefahren",
  "{{name}} forced off after {{seconds}} s": "{{name}} nach {{seconds}} s hart ausgeschaltet",
  "Set boot order": "Startreihenfolge setzen",
  "Remove boot order": "Startreihenfolge entfernen",
  "Start VMs in boot order": "VMs in Startreihenfolge starten",
  "Shut down VMs in boot order": "VMs in Startreihenfolge herunterfahren",
};
