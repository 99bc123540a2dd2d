// German for the keys of the shell area (see ../README.md for how to write them).

import type { Dictionary } from "../translator.ts";

const words: Dictionary = {};

export default words;
