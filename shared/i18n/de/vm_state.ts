// German for why a VM is in its state (shared/vm_state_reason.ts, components/vm/StateReason.tsx,
// islands/vm/VmTrouble.tsx) and its QEMU log (lib/vms/service.ts qemuLog).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "internal error": "interner Fehler",
  "QEMU stopped the VM without naming a reason: most often an internal error, such as a KVM emulation failure. The QEMU log tells more. If it happens again, switch the VM to software emulation (TCG) or update the host's kernel and QEMU.":
    "QEMU hat die VM ohne Angabe eines Grundes angehalten: meist ein interner Fehler, etwa ein KVM-Emulationsfehler. Das QEMU-Protokoll sagt mehr. Tritt es wieder auf, die VM auf Software-Emulation (TCG) umstellen oder Kernel und QEMU des Hosts aktualisieren.",
  "I/O error": "E/A-Fehler",
  "A disk could not be written or read. When its storage is full, free space (or grow the pool), then resume the VM.":
    "Ein Datenträger konnte nicht geschrieben oder gelesen werden. Ist sein Speicher voll, Platz freigeben (oder den Pool vergrößern) und dann die VM fortsetzen.",
  "migrating": "wird migriert",
  "saving memory": "Arbeitsspeicher wird gesichert",
  "dumping memory": "Speicherabbild wird geschrieben",
  "watchdog fired": "Watchdog ausgelöst",
  "The guest stopped answering its watchdog. Look at its console, then resume or reset it.":
    "Der Gast hat seinem Watchdog nicht mehr geantwortet. Seine Konsole ansehen, dann die VM fortsetzen oder zurücksetzen.",
  "taking a snapshot": "Snapshot wird erstellt",
  "snapshot reverted": "Snapshot wiederhergestellt",
  "shutting down": "wird heruntergefahren",
  "starting up": "wird gestartet",
  "post-copy migration": "Post-Copy-Migration",
  "post-copy migration failed": "Post-Copy-Migration fehlgeschlagen",
  "Part of the VM's memory is still on the other host. Recover the migration there, or the VM is lost.":
    "Ein Teil des Arbeitsspeichers der VM liegt noch auf dem anderen Host. Die Migration dort wiederaufnehmen, sonst ist die VM verloren.",
  "an operation failed to resume it": "ein Vorgang konnte sie nicht fortsetzen",
  "A snapshot, save or migration paused the VM and could not resume it. Resume it.":
    "Ein Snapshot, eine Sicherung oder eine Migration hat die VM angehalten und konnte sie nicht fortsetzen. Die VM fortsetzen.",
  "guest kernel panic": "Kernel-Panic im Gast",
  "The guest's kernel panicked. Look at its console or log, then reset or restart it.":
    "Der Kernel des Gasts hatte eine Panic. Konsole oder Protokoll ansehen, dann die VM zurücksetzen oder neu starten.",
  "QEMU crashed": "QEMU abgestürzt",
  "The VM's QEMU process ended unexpectedly (killed, out of memory, or a QEMU fault). The QEMU log tells more. Start the VM again.":
    "Der QEMU-Prozess der VM hat unerwartet geendet (beendet, kein Arbeitsspeicher mehr oder ein Fehler in QEMU). Das QEMU-Protokoll sagt mehr. Die VM erneut starten.",
  "failed to start": "Start fehlgeschlagen",
  "libvirt could not start the VM. The QEMU log tells why.":
    "libvirt konnte die VM nicht starten. Das QEMU-Protokoll sagt, warum.",
  "forced off": "hart ausgeschaltet",
  "migrated away": "auf anderen Host migriert",
  "memory saved": "Arbeitsspeicher gesichert",
  "stopped by libvirt": "von libvirt beendet",
  "libvirt stopped the VM when it restarted and could not take it back.":
    "libvirt hat die VM bei seinem Neustart beendet, weil es sie nicht wieder übernehmen konnte.",
  "Running: {{reason}}": "Läuft: {{reason}}",
  "Paused: {{reason}}": "Angehalten: {{reason}}",
  "Suspended: {{reason}}": "Ruhezustand: {{reason}}",
  "Shut off: {{reason}}": "Aus: {{reason}}",
  "Crashed: {{reason}}": "Abgestürzt: {{reason}}",
  "Failed to start": "Start fehlgeschlagen",
  "The QEMU log can only be read for VMs on the local host.":
    "Das QEMU-Protokoll lässt sich nur für VMs auf dem lokalen Host lesen.",
  "This VM has no QEMU log yet.": "Diese VM hat noch kein QEMU-Protokoll.",
  "Disk {{disk}}: I/O error. Check the storage it lives on, then resume the VM.":
    "Datenträger {{disk}}: E/A-Fehler. Den Speicher prüfen, auf dem er liegt, dann die VM fortsetzen.",
  "Disk {{disk}}: no space left. Free space in pool {{pool}} (or grow it), then resume the VM.":
    "Datenträger {{disk}}: kein Platz mehr. Im Pool {{pool}} Platz freigeben (oder ihn vergrößern), dann die VM fortsetzen.",
  "Disk {{disk}}: no space left. Free space where {{path}} lives, then resume the VM.":
    "Datenträger {{disk}}: kein Platz mehr. Dort Platz freigeben, wo {{path}} liegt, dann die VM fortsetzen.",
  "QEMU log (last lines)": "QEMU-Protokoll (letzte Zeilen)",
};

export default words;
