// German for moving a VM's disk to another pool and format: lib/vms/disk_move/, the Hardware
// tab's Move dialog (islands/settings/DiskMoveDialog.tsx) and its task's title.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // islands/settings/DisksPanel.tsx, DiskMoveDialog.tsx
  "Move…": "Verschieben…",
  "{{pool}} ({{free}} free)": "{{pool}} ({{free}} frei)",
  "Move disk {{target}}": "Festplatte {{target}} verschieben",
  "The VM keeps running: the disk is copied while the guest writes to it, then the VM switches to the copy.":
    "Die VM läuft weiter: Die Festplatte wird kopiert, während der Gast auf sie schreibt, dann wechselt die VM auf die Kopie.",
  "The disk is copied into the pool; the VM uses the copy from its next start.":
    "Die Festplatte wird in den Pool kopiert; die VM nutzt die Kopie ab ihrem nächsten Start.",
  "Delete the old volume once the VM uses the new one":
    "Das alte Volume löschen, sobald die VM das neue nutzt",
  "Move progress": "Fortschritt des Verschiebens",
  "Copying… {{percent}}": "Kopiere… {{percent}}",
  "Copying…": "Kopiere…",
  "Cancel move": "Verschieben abbrechen",
  // lib/tasks/titles.ts
  "Move disk": "Festplatte verschieben",
  // lib/vms/disk_move/input.ts
  "pool must be a storage pool's name": "pool muss der Name eines Speicherpools sein",
  "format must be qcow2 or raw": "format muss qcow2 oder raw sein",
  "deleteSource must be true or false": "deleteSource muss true oder false sein",
  // lib/vms/disk_move/plan.ts
  "Failed to move disk": "Festplatte konnte nicht verschoben werden",
  "Disk {{target}} is busy with another block job (a move, backup or commit): wait for it to end":
    "Festplatte {{target}} ist mit einem anderen Block-Job beschäftigt (Verschieben, Sicherung oder Commit): Warten Sie, bis er endet",
  "{{target}} is a CD-ROM or floppy: only disks can be moved":
    "{{target}} ist ein CD-ROM- oder Diskettenlaufwerk: Nur Festplatten können verschoben werden",
  "{{target}} is no file of a storage pool (a network or block device): it cannot be moved":
    "{{target}} ist keine Datei eines Speicherpools (ein Netzwerk- oder Blockgerät): Sie kann nicht verschoben werden",
  "Disk {{target}} ({{path}}) is no volume of a storage pool: it cannot be moved":
    "Festplatte {{target}} ({{path}}) ist kein Volume eines Speicherpools: Sie kann nicht verschoben werden",
  "Disk {{target}} is {{format}}: only qcow2 and raw disks are moved":
    "Festplatte {{target}} ist {{format}}: Nur qcow2- und raw-Festplatten werden verschoben",
  "Disk {{target}} is in pool {{pool}} as {{format}} already":
    "Festplatte {{target}} liegt bereits als {{format}} im Pool {{pool}}",
  "Pool {{pool}} has a volume {{name}} already: rename or delete it first":
    "Pool {{pool}} hat bereits ein Volume {{name}}: Benennen Sie es zuerst um oder löschen Sie es",
  "Storage pool {{name}} has {{free}} free; the disk needs {{needed}}":
    "Speicherpool {{name}} hat {{free}} frei; die Festplatte braucht {{needed}}",
  "A stopped VM's disk is copied with qemu-img on this machine: both pools must be local folder pools":
    "Die Festplatte einer gestoppten VM wird mit qemu-img auf diesem Rechner kopiert: Beide Pools müssen lokale Ordner-Pools sein",
  "Failed to read the disk's block jobs": "Block-Jobs der Festplatte konnten nicht gelesen werden",
  // lib/vms/disk_move/live.ts
  "{{done}} of {{total}} copied": "{{done}} von {{total}} kopiert",
  "Failed to start copying the disk": "Kopieren der Festplatte konnte nicht gestartet werden",
  "Failed to cancel the disk copy": "Kopieren der Festplatte konnte nicht abgebrochen werden",
  "The copy of disk {{target}} ended before the switch (was the VM stopped?)":
    "Die Kopie der Festplatte {{target}} endete vor dem Wechsel (wurde die VM gestoppt?)",
  // lib/vms/disk_move/service.ts
  "Failed to make the new volume": "Das neue Volume konnte nicht angelegt werden",
  "Cancelled: the VM keeps its old disk and the new volume is deleted":
    "Abgebrochen: Die VM behält ihre alte Festplatte, das neue Volume ist gelöscht",
  "Both pools must be local folder pools": "Beide Pools müssen lokale Ordner-Pools sein",
  "{{name}} was started while its disk was copied: the copy is dropped":
    "{{name}} wurde gestartet, während ihre Festplatte kopiert wurde: Die Kopie wird verworfen",
  "The disk moved, but its definition could not be updated":
    "Die Festplatte wurde verschoben, aber ihre Definition konnte nicht aktualisiert werden",
  "Disk {{target}} moved to {{pool}}/{{volume}}; the old volume is kept":
    "Festplatte {{target}} nach {{pool}}/{{volume}} verschoben; das alte Volume bleibt",
  "Disk {{target}} moved to {{pool}}/{{volume}}; the old volume is kept: another VM uses it":
    "Festplatte {{target}} nach {{pool}}/{{volume}} verschoben; das alte Volume bleibt: Eine andere VM nutzt es",
  "Disk {{target}} moved to {{pool}}/{{volume}}; the old volume is kept: it is the base of linked clones {{clones}}":
    "Festplatte {{target}} nach {{pool}}/{{volume}} verschoben; das alte Volume bleibt: Es ist die Basis der verknüpften Klone {{clones}}",
  "Disk {{target}} runs from {{running}} while the next boot uses {{path}}: apply the VM's pending changes (restart it) before moving the disk":
    "Festplatte {{target}} läuft von {{running}}, der nächste Start nutzt {{path}}: Übernehmen Sie die ausstehenden Änderungen der VM (Neustart), bevor Sie die Festplatte verschieben",
  "{{name}} has snapshots: a moved disk would leave them behind (a revert would go back to the old volume, or fail once it is deleted); delete the snapshots first":
    "{{name}} hat Snapshots: Eine verschobene Festplatte ließe sie zurück (ein Zurücksetzen ginge auf das alte Volume zurück oder schlüge fehl, sobald es gelöscht ist); löschen Sie zuerst die Snapshots",
  "The disk moved, but the old volume was not deleted":
    "Die Festplatte wurde verschoben, aber das alte Volume wurde nicht gelöscht",
  "Disk {{target}} moved to {{pool}}/{{volume}}; the old volume is deleted":
    "Festplatte {{target}} nach {{pool}}/{{volume}} verschoben; das alte Volume ist gelöscht",
};

export default words;
