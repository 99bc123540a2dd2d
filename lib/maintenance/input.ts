// The bodies of the maintenance routes, checked at the boundary.

import { z } from "zod";
import { validated } from "../validate.ts";
import { t } from "../../shared/i18n/t.ts";
import type { LeaveInput, MaintenanceInput } from "../../shared/maintenance.ts";

const TARGETS = () =>
  t("targets must map VM names or UUIDs to host ids, like {{example}}", {
    example: '{"web": "second"}',
  });
const PARALLEL = () => t("parallel must be 1 or 2 (migrations at a time)");
const STOPPED = () => t('stopped must be "stay" or "move"');
const HOST_ID = () => t("Each target must be a host id of 1 to 100 characters");

/** The body of `POST /api/hosts/:id/maintenance/plan` and `…/enter`. */
export const MaintenanceBody = z.strictObject({
  targets: z.record(
    z.string({ error: TARGETS }).min(1, { error: TARGETS }).max(200, { error: TARGETS }),
    z.string({ error: HOST_ID }).trim().min(1, { error: HOST_ID }).max(100, { error: HOST_ID }),
    { error: TARGETS },
  ).refine((r) => Object.keys(r).length <= 500, { error: () => t("At most 500 targets") })
    .optional().meta({ description: "VM name or UUID → destination host id" }),
  only: z.array(
    z.string({ error: () => t("only must list VM names or UUIDs") }).min(1).max(200, {
      error: () => t("only must list VM names or UUIDs"),
    }),
    { error: () => t("only must list VM names or UUIDs") },
  ).min(1, { error: () => t("only must name at least one VM") })
    .max(500, { error: () => t("only names at most 500 VMs") }).optional().meta({
      description: "Move only these VMs (names or UUIDs); the others stay. Default: all",
    }),
  stopped: z.enum(["stay", "move"], { error: STOPPED }).optional().meta({
    description: "Stopped VMs stay (default) or their definitions move",
  }),
  parallel: z.int({ error: PARALLEL }).min(1, { error: PARALLEL }).max(2, { error: PARALLEL })
    .optional().meta({ description: "Migrations at a time, 1 (default) or 2" }),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? t("Unknown fields {{fields}}; maintenance takes targets, only, stopped and parallel", {
        count: issue.keys.length,
        fields: issue.keys.join(", "),
      })
      : t("Body must be a JSON object like {{example}}", { example: '{"parallel": 1}' }),
});

/** The body of `POST /api/hosts/:id/maintenance/leave`. */
export const LeaveBody = z.strictObject({
  bringBack: z.boolean({ error: () => t("bringBack must be true or false") }).optional().meta({
    description: "Migrate the VMs maintenance moved away back to this host",
  }),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? t("Unknown fields {{fields}}; leaving maintenance takes bringBack", {
        count: issue.keys.length,
        fields: issue.keys.join(", "),
      })
      : t("Body must be a JSON object like {{example}}", { example: '{"bringBack": true}' }),
});

export function parseMaintenanceInput(input: unknown): MaintenanceInput {
  return validated(MaintenanceBody, input);
}

export function parseLeaveInput(input: unknown): LeaveInput {
  return validated(LeaveBody, input);
}
