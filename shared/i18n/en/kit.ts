// English forms that differ from their key: the singular (`key_one`) of each plural key, and the words a context (`key_context`) picks.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "{{names}} and {{count}} more_one": "{{names}} and {{count}} more",
  "{{count}} more_one": "{{count}} more",
  "{{count}} routes of {{title}} {{version}}. The same description as a machine-readable OpenAPI 3.1 document: {{link}}._one":
    "{{count}} route of {{title}} {{version}}. The same description as a machine-readable OpenAPI 3.1 document: {{link}}.",
};

export default words;
