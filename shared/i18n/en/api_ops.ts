// English forms that differ from their key (plural singulars, context forms).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // lib/backups/begin.ts: the English says "(s)" for one and many alike, as it always has.
  "Quiesced: {{count}} guest filesystem(s) frozen at the start_one":
    "Quiesced: {{count}} guest filesystem(s) frozen at the start",
};

export default words;
