// A network's forward mode in the page's words for lists and facts; libvirt's other modes
// (passthrough, hostdev …) keep libvirt's name.

import { t, tKey } from "../../shared/i18n/t.ts";

const MODE_NAMES: Record<string, string> = {
  nat: tKey("NAT"),
  route: tKey("Routed"),
  isolated: tKey("Isolated"),
  bridge: tKey("Bridge"),
  open: tKey("Open"),
};

export const modeName = (mode: string) =>
  Object.hasOwn(MODE_NAMES, mode) ? t(MODE_NAMES[mode]) : mode;
