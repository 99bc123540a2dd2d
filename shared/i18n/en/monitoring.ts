// English forms that differ from their key: the singular (`key_one`) of each plural key, and the words a context (`key_context`) picks.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "{{count}} cores_one": "{{count}} core",
  "{{count}} threads_one": "{{count}} thread",
  "{{count}} hours_one": "{{count}} hour",
  "{{count}} vCPUs_one": "{{count}} vCPU",
  "{{count}} VMs with enough history_one": "{{count}} VM with enough history",
};

export default words;
