// English forms that differ from their key: the singular (`key_one`) of each plural key, and the words a context (`key_context`) picks.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "{{count}} profiles_one": "{{count}} profile",
  "{{count}} settings: {{details}}_one": "{{count}} setting: {{details}}",
  "Export_verb": "Export",
  "{{count}} assigned VMs_one": "{{count}} assigned VM",
  "{{name}}: {{metric}} above {{value}} for {{count}} checks, {{severity}}_one":
    "{{name}}: {{metric}} above {{value}} for {{count}} check, {{severity}}",
  "{{name}}: {{metric}} above {{value}} for {{count}} checks, {{severity}} (disabled)_one":
    "{{name}}: {{metric}} above {{value}} for {{count}} check, {{severity}} (disabled)",
  "{{count}} alert rules_one": "{{count}} alert rule",
  "{{count}} tags_one": "{{count}} tag",
  "Saved {{name}}: {{count}} VMs updated._one": "Saved {{name}}: {{count}} VM updated.",
  "Deleted {{name}}: converted {{count}} VMs (its settings are now their local overrides)._one":
    "Deleted {{name}}: converted {{count}} VM (its settings are now their local overrides).",
  "The {{count}} VMs assigned to it keep its settings as local overrides._one":
    "The VM assigned to it keeps its settings as local overrides.",
  "Run now_trigger": "Run now",
};

export default words;
