// English forms that differ from their key (plural singulars, context forms).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {};

export default words;
