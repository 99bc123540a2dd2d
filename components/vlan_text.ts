// A NIC's or port group's VLANs in words: "VLAN 42", or a trunk "VLAN 10, 20 (trunk, 10 untagged)".

import type { NicVlan } from "../shared/vms.ts";
import { t } from "../shared/i18n/t.ts";

export function vlanText(vlan: NicVlan): string {
  const tags = vlan.tags.join(", ");
  if (!vlan.trunk) return t("VLAN {{tags}}", { tags });
  return vlan.nativeTag !== undefined
    ? t("VLAN {{tags}} (trunk, {{native}} untagged)", { tags, native: vlan.nativeTag })
    : t("VLAN {{tags}} (trunk)", { tags });
}

/** "42" or "10, 20 30" as typed into a VLAN field: the tags, numbers or not (the API judges). */
export function vlanTagsOf(text: string): number[] {
  return text.split(/[\s,]+/).filter(Boolean).map(Number);
}
