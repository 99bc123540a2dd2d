// The bodies of the cluster routes, checked at the boundary.

import { z } from "zod";
import { t } from "../../shared/i18n/t.ts";
import { CIB_ID } from "./cib.ts";
import { FENCE_AGENT } from "./fence_params.ts";

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

const DEVICE_ID = () =>
  t("id must be a letter or _ then up to 99 letters, digits, _ . or - (a Pacemaker resource id)");
const AGENT = () => t("agent must be an installed fence agent: fence_ then letters, digits or _");
const HOSTS = () => t("hosts must list 1 to 32 node names the device powers off");
const PARAMS = () =>
  t("params must be up to 32 names (lowercase letters, digits, _) with text values up to 1024 characters, no control characters");

/** `POST /api/cluster/fencing`: add a fencing device. */
export const FencingBody = z.strictObject({
  id: z.string({ error: DEVICE_ID }).regex(CIB_ID, { error: DEVICE_ID }).meta({
    description: "The device's Pacemaker resource id",
  }),
  agent: z.string({ error: AGENT }).regex(FENCE_AGENT, { error: AGENT }).meta({
    description: "fence_ipmilan, fence_virsh, … (GET /api/cluster/fence-agents)",
  }),
  hosts: z.array(
    z.string({ error: HOSTS }).trim().min(1, { error: HOSTS }).max(100, { error: HOSTS }),
    { error: HOSTS },
  ).min(1, { error: HOSTS }).max(32, { error: HOSTS }).meta({
    description: "The nodes it powers off (pcmk_host_list)",
  }),
  params: z.record(
    z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { error: PARAMS }),
    // deno-lint-ignore no-control-regex
    z.string({ error: PARAMS }).max(1024, { error: PARAMS }).regex(/^[^\x00-\x1f\x7f]*$/, {
      error: PARAMS,
    }),
    { error: PARAMS },
  ).refine((p) => Object.keys(p).length <= 32, { error: PARAMS }).default({}).meta({
    description: "The agent's parameters by name (GET /api/cluster/fence-agents/:agent)",
  }),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? t("Unknown fields {{fields}}; a fencing device takes id, agent, hosts and params", {
        count: issue.keys.length,
        fields: issue.keys.join(", "),
      })
      : t("Body must be a JSON object like {{example}}", {
        example: '{"id": "fence-ipmi-1", "agent": "fence_ipmilan", "hosts": ["node1"]}',
      }),
});
export type FencingInput = z.output<typeof FencingBody>;

/** `PUT /api/cluster/options`: the cluster-wide switches. */
export const OptionsBody = z.strictObject({
  fencingEnabled: z.boolean({ error: () => t("fencingEnabled must be true or false") })
    .optional().meta({ description: "stonith-enabled: off makes failover unsafe" }),
  maintenanceMode: z.boolean({ error: () => t("maintenanceMode must be true or false") })
    .optional().meta({ description: "Pacemaker starts, stops and moves nothing while on" }),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? t("Unknown fields {{fields}}; cluster options are fencingEnabled and maintenanceMode", {
        count: issue.keys.length,
        fields: issue.keys.join(", "),
      })
      : t("Body must be a JSON object like {{example}}", { example: '{"maintenanceMode": true}' }),
});
export type OptionsInput = z.output<typeof OptionsBody>;
