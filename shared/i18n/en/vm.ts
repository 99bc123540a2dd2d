// English forms that differ from their key: the singular (`key_one`) of each plural key, and the words a context (`key_context`) picks.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "None_agent": "None",
  "Wrote {{count}} bytes to {{path}}._one": "Wrote {{count}} byte to {{path}}.",
  "Busiest processes ({{count}} in all)_one": "Busiest processes ({{count}} in all)",
  "Froze {{count}} filesystems._one": "Froze {{count}} filesystem.",
  "Sent {{count}} characters to the guest's clipboard_one":
    "Sent {{count}} character to the guest's clipboard",
  "Thawed {{count}} filesystems._one": "Thawed {{count}} filesystem.",
  "Pending updates ({{count}})_one": "Pending update ({{count}})",
  "{{count}} services (the guest has more)_one": "{{count}} service (the guest has more)",
  "{{count}} services_one": "{{count}} service",
};

export default words;
