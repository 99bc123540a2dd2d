// English forms that differ from their key: the singular (`key_one`) of each plural key, and the words a context (`key_context`) picks.

import type { Dictionary } from "../translator.ts";

const words: Dictionary = {};

export default words;
