// English forms that differ from their key: the singular (`key_one`) of each plural key, and the words a context (`key_context`) picks.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // islands/HostDevices.tsx
  "{{count}} of {{max}} virtual functions_one": "{{count}} of {{max}} virtual functions",
  "IOMMU on: {{count}} groups. Devices of one group pass through together._one":
    "IOMMU on: {{count}} group. Devices of one group pass through together.",
  "(+{{count}} more)_one": "(+{{count}} more)",
  "{{count}} devices_one": "{{count}} device",
};

export default words;
