// German for the server's own words, area api_ops (the API's messages: see ../README.md).

import type { Dictionary } from "../translator.ts";

const words: Dictionary = {};

export default words;
