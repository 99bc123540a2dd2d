// German for the keys of shared folders (virtiofs): the Hardware tab's panel and the API's words.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // islands/settings/SharedFoldersPanel.tsx, islands/vm/pending_words.ts, lib/tasks/titles.ts
  '1 to {{max}} letters, digits, ".", "_" or "-", starting with a letter or digit':
    '1 bis {{max}} Buchstaben, Ziffern, ".", "_" oder "-", am Anfang ein Buchstabe oder eine Ziffer',
  "Folder {{tag}} shared": "Ordner {{tag}} freigegeben",
  "Shared memory was added: the guest sees the folder after its next boot.":
    "Gemeinsamer Speicher wurde hinzugefügt: Der Gast sieht den Ordner nach seinem nächsten Start.",
  "Folder {{tag}} no longer shared": "Ordner {{tag}} nicht mehr freigegeben",
  "at next boot": "beim nächsten Start",
  "Host folder": "Host-Ordner",
  "Read-only": "Schreibgeschützt",
  "Shared folders": "Freigegebene Ordner",
  "Add shared folder…": "Ordner freigeben…",
  "No shared folders. Share a host folder with the guest through virtiofs.":
    "Keine freigegebenen Ordner. Geben Sie einen Host-Ordner per virtiofs für den Gast frei.",
  "Share a host folder with {{vm}}": "Host-Ordner für {{vm}} freigeben",
  "Share": "Freigeben",
  "Inside the allowed storage roots, e.g. /srv/share":
    "Innerhalb der erlaubten Speicherwurzeln, z. B. /srv/share",
  "The guest mounts it by this name: mount -t virtiofs TAG /mnt":
    "Der Gast hängt ihn unter diesem Namen ein: mount -t virtiofs TAG /mnt",
  "Read-only: the guest cannot change the folder":
    "Schreibgeschützt: Der Gast kann den Ordner nicht ändern",
  "A running VM gets the folder now when its memory is shared already; otherwise at its next boot.":
    "Eine laufende VM erhält den Ordner sofort, wenn ihr Speicher bereits gemeinsam genutzt wird, sonst beim nächsten Start.",
  "Stop sharing folder": "Ordnerfreigabe beenden",
  "Stop sharing {{source}} ({{tag}}) with {{vm}}?":
    "Freigabe von {{source}} ({{tag}}) für {{vm}} beenden?",
  "Shared folder {{device}}": "Freigegebener Ordner {{device}}",
  "Share folder": "Ordner freigeben",
  // lib/filesystems/
  'Invalid tag "{{tag}}": 1 to {{max}} letters, digits, ".", "_" or "-", starting with a letter or digit':
    'Ungültiges Tag "{{tag}}": 1 bis {{max}} Buchstaben, Ziffern, ".", "_" oder "-", am Anfang ein Buchstabe oder eine Ziffer',
  'Invalid folder "{{path}}": must be an absolute path without "." or ".."':
    'Ungültiger Ordner "{{path}}": muss ein absoluter Pfad ohne "." oder ".." sein',
  "Folder {{path}} is outside the allowed storage roots: allowed roots are {{roots}} (--storage-root)":
    "Der Ordner {{path}} liegt außerhalb der erlaubten Speicherwurzeln: erlaubt sind {{roots}} (--storage-root)",
  "Folder {{path}} does not exist on the host": "Der Ordner {{path}} existiert auf dem Host nicht",
  "Folder {{path}} leads to {{real}} through a symbolic link, outside the allowed storage roots: allowed roots are {{roots}} (--storage-root)":
    "Der Ordner {{path}} führt über einen symbolischen Link nach {{real}}, außerhalb der erlaubten Speicherwurzeln: erlaubt sind {{roots}} (--storage-root)",
  "Failed to read the VM's shared folders":
    "Die freigegebenen Ordner der VM konnten nicht gelesen werden",
  "Failed to share folder {{tag}}": "Ordner {{tag}} konnte nicht freigegeben werden",
  "The VM already has a shared folder with tag {{tag}}":
    "Die VM hat bereits einen freigegebenen Ordner mit dem Tag {{tag}}",
  "Read-only shared folders need KVM Manager running as root on the VM's host (libvirt 9 has no read-only virtiofs): share it writable, or make the folder read-only on the host":
    "Schreibgeschützte Ordner brauchen KVM Manager als root auf dem Host der VM (libvirt 9 kennt kein schreibgeschütztes virtiofs): Geben Sie ihn beschreibbar frei oder machen Sie den Ordner auf dem Host schreibgeschützt",
  "Failed to remove shared folder {{tag}}":
    "Freigegebener Ordner {{tag}} konnte nicht entfernt werden",
  "The VM has no shared folder with tag {{tag}}":
    "Die VM hat keinen freigegebenen Ordner mit dem Tag {{tag}}",
  "This host's libvirt does not offer virtiofs: install virtiofsd there (Debian: qemu-system-common, or the virtiofsd package) and restart libvirtd":
    "libvirt auf diesem Host bietet kein virtiofs an: Installieren Sie dort virtiofsd (Debian: qemu-system-common oder das Paket virtiofsd) und starten Sie libvirtd neu",
  "virtiofsd is not installed on this host: install it (Debian: qemu-system-common, or the virtiofsd package) to share folders":
    "virtiofsd ist auf diesem Host nicht installiert: Installieren Sie es (Debian: qemu-system-common oder das Paket virtiofsd), um Ordner freizugeben",
  "Folder {{path}} cannot be shared: {{above}} above it can be changed by a user other than root, and virtiofsd (run as root) would follow whatever it is changed to":
    "Der Ordner {{path}} kann nicht freigegeben werden: {{above}} darüber kann von einem anderen Benutzer als root geändert werden, und virtiofsd (als root) würde dem Geänderten folgen",
  "Folder {{path}} cannot be shared: it is or holds {{other}}, which libvirt or KVM Manager keep their own state in":
    "Der Ordner {{path}} kann nicht freigegeben werden: Er ist oder enthält {{other}}, worin libvirt oder KVM Manager ihren eigenen Zustand halten",
  "Folder {{path}} cannot be shared: it is or holds the storage pool folder {{other}} (other VMs' disks)":
    "Der Ordner {{path}} kann nicht freigegeben werden: Er ist oder enthält den Speicherpool-Ordner {{other}} (Festplatten anderer VMs)",
  "Folder {{path}} cannot be shared: it lies inside or holds {{other}}, which is shared with a VM already":
    "Der Ordner {{path}} kann nicht freigegeben werden: Er liegt in {{other}} oder enthält ihn, und dieser ist bereits für eine VM freigegeben",
};

export default words;
