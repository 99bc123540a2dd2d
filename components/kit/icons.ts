// The lucide icons the program draws, each from its own file in the package: lucide's index
// holds every icon (about 2,000), and importing it on the server cost 24 MiB of resident memory
// for the three used here. Add an icon by its file name in lucide/dist/esm/icons/.

import type { IconNode } from "lucide";
import lock from "lucide/dist/esm/icons/lock.mjs";
import play from "lucide/dist/esm/icons/play.mjs";
import power from "lucide/dist/esm/icons/power.mjs";
import search from "lucide/dist/esm/icons/search.mjs";
import stepForward from "lucide/dist/esm/icons/step-forward.mjs";
import trash from "lucide/dist/esm/icons/trash.mjs";

export type { IconNode };
export const Lock: IconNode = lock;
export const Play: IconNode = play;
export const Power: IconNode = power;
export const Search: IconNode = search;
/** Resume: play on from where it stood (Start's Play with a bar before it). */
export const StepForward: IconNode = stepForward;
export const Trash: IconNode = trash;
