// English forms that differ from their key (plural singulars, context forms).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "Unknown fields {{fields}}; a migration takes to, live, copyStorage, offline and bandwidthMiBs_one":
    "Unknown field {{fields}}; a migration takes to, live, copyStorage, offline and bandwidthMiBs",
};

export default words;
