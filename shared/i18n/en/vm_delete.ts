// English singulars for deleting VMs with a chosen list of disks.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "Deletes {{count}} disk images_one": "Deletes {{count}} disk image",
  "Delete {{count}} VMs? Their definitions are removed from libvirt; this cannot be undone._one":
    "Delete {{count}} VM? Its definition is removed from libvirt; this cannot be undone.",
  "Delete {{count}} VMs_one": "Delete {{count}} VM",
};

export default words;
