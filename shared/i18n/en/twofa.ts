// English singulars for two-factor sign-in (see ../README.md).

import type { Dictionary } from "../dictionary.ts";

const words: Dictionary = {
  "{{count}} codes left_one": "{{count}} code left",
};

export default words;
