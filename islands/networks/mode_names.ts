// A network's forward mode in the page's words for lists and facts; libvirt's other modes
// (passthrough, hostdev …) keep libvirt's name.

import type { NetworkInfo } from "../../shared/networks.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

const MODE_NAMES: Record<string, string> = {
  nat: tKey("NAT"),
  route: tKey("Routed"),
  isolated: tKey("Isolated"),
  bridge: tKey("Bridge"),
  open: tKey("Open"),
  macvtap: tKey("Macvtap"),
  sriov: tKey("SR-IOV"),
};

export const modeName = (mode: string) =>
  Object.hasOwn(MODE_NAMES, mode) ? t(MODE_NAMES[mode]) : mode;

/** The mode with what it rides on: "Bridge (Open vSwitch)", "Macvtap (vepa) on eth0". */
export function networkModeText(
  n: Pick<NetworkInfo, "mode" | "openvswitch" | "macvtapMode" | "hostInterface">,
): string {
  const mode = modeName(n.mode);
  if (n.mode === "bridge" && n.openvswitch) return t("{{mode}} (Open vSwitch)", { mode });
  if (n.mode === "macvtap" && n.hostInterface) {
    return t("{{mode}} ({{how}}) on {{device}}", {
      mode,
      how: n.macvtapMode ?? "bridge",
      device: n.hostInterface,
    });
  }
  if (n.hostInterface) return t("{{mode}} on {{device}}", { mode, device: n.hostInterface });
  return mode;
}
