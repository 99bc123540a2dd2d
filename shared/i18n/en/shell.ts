// English forms that differ from their key: the singular (`key_one`) of each plural key, and the words a context (`key_context`) picks.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "{{count}} results_one": "{{count}} result",
  "{{count}} VMs_one": "{{count}} VM",
  "{{shown}} of {{count}} VMs_one": "{{shown}} of {{count}} VM",
  "{{count}} selected_one": "{{count}} selected",
  "Force stop {{count}} VMs_one": "Force stop {{count}} VM",
  "Cut the power of {{count}} VMs: {{names}}? Unsaved data inside them is lost._one":
    "Cut the power of {{count}} VM: {{names}}? Unsaved data inside it is lost.",
  "{{count}} tasks_one": "{{count}} task",
  "{{shown}} of {{count}} tasks_one": "{{shown}} of {{count}} task",
  // The count beside the Tasks button ("3 running").
  "running_count": "running",
  // The VM table's memory column (short in German).
  "Memory_column": "Memory",
  // The /tasks column of when a task started.
  "Started_column": "Started",
  // A finished task's line: the same words as the title in English, not in German.
  "Shut down_past": "Shut down",
  "Reset_past": "Reset",
};

export default words;
