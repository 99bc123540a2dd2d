// English forms that differ from their key (plural singulars) of the host check.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "{{count}} checks passed_one": "{{count}} check passed",
  "{{count}} IOMMU groups_one": "{{count}} IOMMU group",
};

export default words;
