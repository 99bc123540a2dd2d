// English forms that differ from their key: maintenance mode (plural singulars).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "{{count}} VMs moved away_one": "{{count}} VM moved away",
  "Bring back the {{count}} VMs that left_one": "Bring back the VM that left",
  "Unknown fields {{fields}}; maintenance takes targets, only, stopped and parallel_one":
    "Unknown field {{fields}}; maintenance takes targets, only, stopped and parallel",
  "Unknown fields {{fields}}; leaving maintenance takes bringBack_one":
    "Unknown field {{fields}}; leaving maintenance takes bringBack",
};

export default words;
