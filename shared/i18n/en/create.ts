// English forms that differ from their key: the singular (`key_one`) of each plural key, and the words a context (`key_context`) picks.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "none_network": "none",
  "{{count}} templates_one": "{{count}} template",
  "Clear_choice": "Clear",
  "{{count}} matches_one": "{{count}} match",
  "{{count}} CPUs_one": "{{count}} CPU",
};

export default words;
