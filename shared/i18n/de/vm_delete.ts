// German for deleting VMs with a chosen list of disks: the dialogs and the API's words.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // lib/vms/delete_plan.ts, domains.ts, input.ts
  "an ISO (CD-ROM)": "ein ISO (CD-ROM)",
  "a cloud-init seed, also used by {{vms}}": "ein cloud-init-Seed, auch genutzt von {{vms}}",
  "its cloud-init seed (CD-ROM)": "sein cloud-init-Seed (CD-ROM)",
  "the base of linked clones {{clones}}": "die Basis der verknüpften Klone {{clones}}",
  "also used by {{vms}}": "auch von {{vms}} verwendet",
  "Not a disk of VM {{name}}: {{paths}}": "Kein Datenträger der VM {{name}}: {{paths}}",
  "not chosen; left in place": "nicht gewählt; bleibt erhalten",
  "could not check whether another VM uses it; left in place":
    "konnte nicht prüfen, ob eine andere VM ihn verwendet; bleibt erhalten",
  "volumes must be a list of disk paths": "volumes muss eine Liste von Datenträgerpfaden sein",

  // islands/vm/DeleteVolumes.tsx, VmActions.tsx, vms/BatchDelete.tsx
  "ISO": "ISO",
  "Shared": "Gemeinsam genutzt",
  "Base image": "Basisabbild",
  "Outside any pool": "Außerhalb jedes Pools",
  "Not checked": "Nicht geprüft",
  "No disk images: only the definition goes.":
    "Keine Datenträger-Images: nur die Definition wird entfernt.",
  "Disk images of {{name}}": "Datenträger-Images von {{name}}",
  "Deletes {{count}} disk images_one": "Löscht {{count}} Datenträger-Image",
  "Deletes {{count}} disk images_other": "Löscht {{count}} Datenträger-Images",
  "Keeps every disk image": "Behält alle Datenträger-Images",
  "Disk images to delete with it:": "Mit ihr zu löschende Datenträger-Images:",
  "Loading disks…": "Datenträger werden geladen …",
  "Delete a VM": "Eine VM löschen",
  "Delete VMs": "VMs löschen",
  "Delete {{count}} VMs? Their definitions are removed from libvirt; this cannot be undone._one":
    "{{count}} VM löschen? Ihre Definition wird aus libvirt entfernt; das lässt sich nicht rückgängig machen.",
  "Delete {{count}} VMs? Their definitions are removed from libvirt; this cannot be undone._other":
    "{{count}} VMs löschen? Ihre Definitionen werden aus libvirt entfernt; das lässt sich nicht rückgängig machen.",
  "{{name}} is not shut off: it is refused until stopped.":
    "{{name}} ist nicht ausgeschaltet: sie wird erst nach dem Ausschalten gelöscht.",
  "Delete {{count}} VMs_one": "{{count}} VM löschen",
  "Delete {{count}} VMs_other": "{{count}} VMs löschen",
};

export default words;
