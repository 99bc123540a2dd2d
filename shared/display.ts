// A VM's console type: the names their projects give them (product names, not translated) and
// which one a VM has.

import type { DisplayType, Graphics } from "./vms.ts";

export const DISPLAY_NAMES: Record<DisplayType, string> = { vnc: "VNC", spice: "SPICE" };

/** The console type of a VM's displays: SPICE when SPICE is its only one, else VNC. */
export function displayOf(graphics: Pick<Graphics, "type">[]): DisplayType {
  const types = graphics.map((g) => g.type);
  return types.includes("spice") && !types.includes("vnc") ? "spice" : "vnc";
}
