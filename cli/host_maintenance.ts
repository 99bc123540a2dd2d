// `kvm-manager host maintenance enter|leave|status ID`: a host's maintenance mode
// (POST /api/hosts/:id/maintenance/enter|leave): entering moves its running VMs away and waits
// for the moves; leaving with --bring-back migrates them back and waits too.

import { managedHostPath } from "../shared/api_paths.ts";
import type { MaintenanceStatus } from "../shared/maintenance.ts";
import type { ApiClient } from "./api_client.ts";
import type { CommandContext } from "./command.ts";
import { CliError, EXIT, usageError } from "./errors.ts";
import { err, out, printJson } from "./output.ts";

export const MAINTENANCE_OPTIONS = {
  "bring-back": { type: "boolean" },
  parallel: { type: "string" },
} as const;

const USAGE = "usage: kvm-manager host maintenance enter|leave|status ID " +
  "[--parallel 1|2] [--bring-back]";

/** Enters or leaves maintenance and follows the moves; exit 1 when one failed. */
export async function maintenanceCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const [action, id, ...extra] = args;
  if (!["enter", "leave", "status"].includes(action) || !id || extra.length) {
    throw usageError(USAGE);
  }
  const api = await ctx.connect();
  const path = `${managedHostPath(id)}/maintenance`;
  if (action === "status") {
    const res = await api.call<MaintenanceStatus>("GET", path);
    if (ctx.json) printJson(res.text);
    else out(`${statusLine(res.body)}\n`);
    return EXIT.OK;
  }
  const parallel = ctx.values.parallel;
  const body = action === "enter"
    ? (typeof parallel === "string" ? { parallel: Number(parallel) } : {})
    : { bringBack: ctx.values["bring-back"] === true };
  await api.call<MaintenanceStatus>("POST", `${path}/${action}`, { body });
  const status = await follow(api, path);
  if (ctx.json) printJson(JSON.stringify(status));
  else out(`${statusLine(status)}\n`);
  const failure = status.run?.state === "failed" || status.run?.state === "cancelled";
  if (failure) {
    const first = status.run!.failures[0];
    throw new CliError(
      EXIT.REFUSED,
      "MIGRATION_FAILED",
      first ? `${first.name}: ${first.message}` : status.run!.state,
    );
  }
  return EXIT.OK;
}

async function follow(api: ApiClient, path: string): Promise<MaintenanceStatus> {
  let said = "";
  for (;;) {
    const status = (await api.call<MaintenanceStatus>("GET", path)).body;
    const run = status.run;
    if (!run || run.state !== "running") return status;
    const now = `${run.done} of ${run.total} moved${
      run.moving.length ? `; moving ${run.moving.join(", ")}` : ""
    }`;
    if (now !== said) err(`${now}\n`);
    said = now;
    await new Promise((r) => setTimeout(r, 500));
  }
}

function statusLine(s: MaintenanceStatus): string {
  const run = s.run
    ? ` (last run: ${s.run.kind} ${s.run.state}, ${s.run.done} of ${s.run.total} moved)`
    : "";
  return s.inMaintenance
    ? `${s.hostId}: in maintenance since ${s.since}, ${s.moved.length} VMs moved away${run}`
    : `${s.hostId}: in service${run}`;
}
