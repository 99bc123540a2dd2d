// English forms that differ from their key: the singular (`key_one`) of each plural key, and the words a context (`key_context`) picks.

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  // lib/ova/, components/OvaReview.tsx
  "{{name}} holds {{count}} OVF descriptors: an OVA holds exactly one_one":
    "{{name}} holds {{count}} OVF descriptor: an OVA holds exactly one",
  "it describes {{count}} virtual machines: import them one OVA at a time_one":
    "it describes {{count}} virtual machine: import them one OVA at a time",
  "The wizard makes one network card: add the other {{count}} on the VM's Network tab._one":
    "The wizard makes one network card: add the other one on the VM's Network tab.",
  "{{count}} images_one": "{{count}} image",
  "{{count}} networks_one": "{{count}} network",
  "{{count}} pools_one": "{{count}} pool",
  "Pool {{name}} deleted with {{count}} volumes._one":
    "Pool {{name}} deleted with {{count}} volume.",
  "Start_range": "Start",
  "End_range": "End",
};

export default words;
