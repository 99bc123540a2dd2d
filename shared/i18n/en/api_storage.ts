// English forms that differ from their key (plural singulars, context forms).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // lib/firewall/port_forwards.ts
  "Unknown fields: {{fields}} (a port forward has {{known}})_one":
    "Unknown field: {{fields}} (a port forward has {{known}})",
};

export default words;
