// German for protecting a VM from deletion: the API's words, the Protection card, the list's
// lock and the delete dialogs' notice.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // lib/vms/protection.ts, lib/tasks/titles.ts
  "{{name}} is protected — remove the protection to delete it":
    "{{name}} ist geschützt – zum Löschen zuerst den Schutz aufheben",
  "{{name}} is protected — remove the protection to remove its disks":
    "{{name}} ist geschützt – zum Entfernen ihrer Datenträger zuerst den Schutz aufheben",
  "the protection mark was not kept": "die Schutzmarkierung blieb nicht erhalten",
  "Failed to change the VM's protection": "Der Schutz der VM konnte nicht geändert werden",
  "{{name}} is transient: it has no definition to keep the protection in":
    "{{name}} ist transient: Sie hat keine Definition, in der der Schutz gespeichert werden kann",
  "Change VM protection": "Schutz der VM ändern",

  // components/vm/ProtectedMark.tsx, islands/vm/VmProtection.tsx, ProtectedNotice.tsx,
  // islands/VmOverview.tsx
  "Protected: it cannot be deleted until the protection is removed":
    "Geschützt: Sie kann erst gelöscht werden, wenn der Schutz aufgehoben ist",
  "Protection": "Schutz",
  "Protected from deletion": "Vor dem Löschen geschützt",
  "A protected VM cannot be deleted, nor its disks with it, until the protection is removed here. It is kept in the VM's definition, so an XML edit or an export keeps it.":
    "Eine geschützte VM kann weder gelöscht werden noch ihre Datenträger mit ihr, bis der Schutz hier aufgehoben wird. Er steht in der Definition der VM, sodass eine XML-Bearbeitung oder ein Export ihn behält.",
  "A transient VM has no definition to keep the protection in.":
    "Eine transiente VM hat keine Definition, in der der Schutz gespeichert werden kann.",
  "{{name}} is protected.": "{{name}} ist geschützt.",
  "Protection settings": "Schutzeinstellungen",
};

export default words;
