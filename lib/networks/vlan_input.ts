// VLAN tags as requests give them, for a VM's NIC and for a network's port groups: the ids
// 802.1Q allows, no repeats, a native tag only on a trunk and among its tags. One access VLAN is
// one tag; several make a trunk. The words are functions so zod asks for them per request.

import { z } from "zod";
import { t } from "../../shared/i18n/t.ts";
import { VLAN_ID_MAX, VLAN_ID_MIN } from "../../shared/networks.ts";
import type { NicVlan } from "../../shared/vms.ts";

/** libvirt takes any number; 64 tags is past what any trunk port here needs. */
export const VLAN_TAGS_MAX = 64;

const TAG_WORDS = () =>
  t("VLAN tags are whole numbers from {{min}} to {{max}}", {
    min: VLAN_ID_MIN,
    max: VLAN_ID_MAX,
  });
const TAGS_WORDS = () =>
  t("vlan.tags lists 1 to {{max}} different VLAN tags", { max: VLAN_TAGS_MAX });

const TAG = z.int({ error: TAG_WORDS }).min(VLAN_ID_MIN, { error: TAG_WORDS })
  .max(VLAN_ID_MAX, { error: TAG_WORDS });

/** `{tags, trunk?, nativeTag?}`, read into NicVlan (trunk when asked or when there are several). */
export const VlanBody = z.strictObject({
  tags: z.array(TAG, { error: TAGS_WORDS }).min(1, { error: TAGS_WORDS })
    .max(VLAN_TAGS_MAX, { error: TAGS_WORDS })
    .refine((tags) => new Set(tags).size === tags.length, { error: TAGS_WORDS })
    .meta({ description: "One tag: an access port; several: a trunk" }),
  trunk: z.boolean({ error: () => t("vlan.trunk must be true or false") }).nullish()
    .meta({ description: "A trunk even with one tag" }),
  nativeTag: TAG.nullish().meta({
    description: "On a trunk, the tag whose frames go untagged; one of tags",
  }),
}, { error: () => t('vlan must look like {"tags": [42]}') })
  .refine((v) => v.nativeTag == null || v.tags.includes(v.nativeTag), {
    error: () => t("vlan.nativeTag must be one of vlan.tags"),
  })
  .refine((v) => v.nativeTag == null || v.trunk !== false && (v.trunk || v.tags.length > 1), {
    error: () => t("vlan.nativeTag needs a trunk: give several tags or trunk: true"),
  })
  .transform((v): NicVlan => ({
    tags: v.tags,
    trunk: v.trunk === true || v.tags.length > 1,
    ...(v.nativeTag != null ? { nativeTag: v.nativeTag } : {}),
  }));

const PORTGROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const PORTGROUP_WORDS = (name: unknown) =>
  t('Invalid port group name "{{name}}": letters, digits, ".", "_" and "-", up to 64', {
    name: String(name),
  });
/** More than a switch's worth of groups is a mistake, not a configuration. */
export const PORTGROUPS_MAX = 256;

export const PortgroupBody = z.strictObject({
  name: z.string({ error: (issue) => PORTGROUP_WORDS(issue.input) })
    .regex(PORTGROUP_NAME, { error: (issue) => PORTGROUP_WORDS(issue.input) }),
  default: z.boolean({ error: () => t("portgroups[].default must be true or false") }).nullish(),
  vlan: VlanBody.nullish(),
}, { error: () => t('A port group looks like {"name": "vlan42", "vlan": {"tags": [42]}}') });

const PORTGROUPS_WORDS = () =>
  t("portgroups lists at most {{max}} port groups with different names, one of them the default", {
    max: PORTGROUPS_MAX,
  });

export const PortgroupsBody = z.array(PortgroupBody, { error: PORTGROUPS_WORDS })
  .max(PORTGROUPS_MAX, { error: PORTGROUPS_WORDS })
  .refine((gs) => new Set(gs.map((g) => g.name)).size === gs.length, { error: PORTGROUPS_WORDS })
  .refine((gs) => gs.filter((g) => g.default).length <= 1, { error: PORTGROUPS_WORDS })
  .meta({ description: "Port groups NICs pick by name, each with its VLANs" });
