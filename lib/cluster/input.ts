// The bodies of the cluster routes, checked at the boundary.

import { z } from "zod";
import { t } from "../../shared/i18n/t.ts";
import { CIB_ID } from "./cib.ts";

const VM = () => t("vm must be a VM name or UUID (1 to 200 characters)");
const NODE = () => t("preferredNode must be a node name (1 to 100 characters) or null");
const PRIORITY = () => t("priority must be a whole number from 0 to 1000000");
const TIMEOUT = (field: string) => () =>
  t("{{field}} must be a whole number of seconds from 10 to 3600", { field });
const POOLS = () => t("pools must list up to 64 storage pool names");

/** `POST /api/cluster/vms`: make a VM highly available. */
export const HaBody = z.strictObject({
  vm: z.string({ error: VM }).trim().min(1, { error: VM }).max(200, { error: VM }).meta({
    description: "The VM (name or UUID) on the server's own host",
  }),
  preferredNode: z.string({ error: NODE }).trim().min(1, { error: NODE }).max(100, {
    error: NODE,
  }).nullable().default(null).meta({ description: "The node it runs on when it can" }),
  priority: z.int({ error: PRIORITY }).min(0, { error: PRIORITY }).max(1_000_000, {
    error: PRIORITY,
  }).default(0).meta({ description: "Higher keeps running when not all VMs can" }),
  allowMigrate: z.boolean({ error: () => t("allowMigrate must be true or false") }).default(
    true,
  ).meta({ description: "Move it live (else stop, then start on the other node)" }),
  startTimeoutS: z.int({ error: TIMEOUT("startTimeoutS") }).min(10, {
    error: TIMEOUT("startTimeoutS"),
  }).max(3600, { error: TIMEOUT("startTimeoutS") }).default(90),
  stopTimeoutS: z.int({ error: TIMEOUT("stopTimeoutS") }).min(10, {
    error: TIMEOUT("stopTimeoutS"),
  }).max(3600, { error: TIMEOUT("stopTimeoutS") }).default(90),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? t(
        "Unknown fields {{fields}}; making a VM highly available takes vm, preferredNode, priority, allowMigrate, startTimeoutS and stopTimeoutS",
        { count: issue.keys.length, fields: issue.keys.join(", ") },
      )
      : t("Body must be a JSON object like {{example}}", { example: '{"vm": "web"}' }),
});
export type HaInput = z.output<typeof HaBody>;

/** `PUT /api/cluster/shared-pools`. */
export const SharedPoolsBody = z.strictObject({
  pools: z.array(
    z.string({ error: POOLS }).trim().min(1, { error: POOLS }).max(100, { error: POOLS }),
    { error: POOLS },
  ).max(64, { error: POOLS }),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? t("Unknown fields {{fields}}; shared pools take pools", {
        count: issue.keys.length,
        fields: issue.keys.join(", "),
      })
      : t("Body must be a JSON object like {{example}}", { example: '{"pools": ["shared"]}' }),
});

export const HA_ACTIONS = ["start", "stop"] as const;
export type HaAction = typeof HA_ACTIONS[number];

/** A resource name from a path: an XML id, as Pacemaker names resources. */
export const RESOURCE_ID = z.string().regex(CIB_ID).meta({
  description: "The HA VM's Pacemaker resource id",
});
