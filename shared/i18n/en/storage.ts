// English forms that differ from their key: the singular (`key_one`) of each plural key, and the words a context (`key_context`) picks.

import type { Dictionary } from "../translator.ts";

const words: Dictionary = {
  "{{count}} networks_one": "{{count}} network",
  "{{count}} pools_one": "{{count}} pool",
  "Pool {{name}} deleted with {{count}} volumes._one":
    "Pool {{name}} deleted with {{count}} volume.",
  "Start_range": "Start",
  "End_range": "End",
};

export default words;
