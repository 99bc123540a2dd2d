// Which graphical console a VM's Console tab opens, chosen per VM by its own graphics: the first
// display in its XML that the browser can show — VNC (noVNC) or SPICE (spice-html5).

import type { Graphics } from "./vms.ts";

export type GraphicalConsole = "vnc" | "spice";

/** The VM's graphical console, or null when it has neither VNC nor SPICE. */
export function graphicalConsole(graphics: readonly Graphics[]): GraphicalConsole | null {
  for (const g of graphics) if (g.type === "vnc" || g.type === "spice") return g.type;
  return null;
}
