// `kvm-manager vm disk-move NAME TARGET --pool POOL [--format qcow2|raw] [--delete-source]`: a
// VM's disk moved to another pool (POST /api/vms/:id/disks/:target/move), live when the VM
// runs; the command follows the move's task to its end (GET /api/tasks/:id).

import { taskPath, vmDiskMovePath } from "../shared/api_paths.ts";
import type { DiskMoveStarted } from "../shared/disk_move.ts";
import type { Task } from "../shared/tasks.ts";
import { textValue } from "./args.ts";
import type { CommandContext } from "./command.ts";
import { CliError, EXIT, usageError } from "./errors.ts";
import { err, out, printJson } from "./output.ts";

export const DISK_MOVE_USAGE =
  `  disk-move NAME TARGET       move disk TARGET (vda …) to another pool, live when it runs;
                              waits for the move and prints how it ended
    --pool POOL               the pool it moves to (required)
    --format qcow2|raw        the new volume's format (default: the disk's own)
    --delete-source           delete the old volume once the VM uses the new one`;

export const DISK_MOVE_OPTIONS = {
  format: { type: "string" },
  "delete-source": { type: "boolean" },
} as const;

export const DISK_MOVE_OWN_FLAGS: Record<string, string[]> = {
  "disk-move": ["pool", "format", "delete-source"],
};

const POLL_MS = 1000;

/** `vm disk-move NAME TARGET …`. */
export async function diskMove(ctx: CommandContext, name: string, target: string) {
  const pool = textValue(ctx.values, "pool");
  if (pool === undefined) throw usageError("disk-move needs --pool POOL");
  const format = textValue(ctx.values, "format");
  if (format !== undefined && format !== "qcow2" && format !== "raw") {
    throw usageError(`--format must be qcow2 or raw (got "${format}")`);
  }
  const api = await ctx.connect();
  const body = {
    pool,
    ...(format ? { format } : {}),
    ...(ctx.values["delete-source"] === true ? { deleteSource: true } : {}),
  };
  const started = (await api.call<DiskMoveStarted>("POST", vmDiskMovePath(name, target), { body }))
    .body;
  if (!ctx.json) {
    err(
      `Moving ${target} of ${name} to ${started.pool}/${started.volume} (${
        started.live ? "live" : "VM stopped"
      })…\n`,
    );
  }
  let task: Task | null = null;
  while (started.taskId !== null) {
    task = (await api.call<Task>("GET", taskPath(started.taskId))).body;
    if (task.status !== "running") break;
    if (!ctx.json && task.progress !== null) err(`  ${Math.round(task.progress * 100)}%\n`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  if (ctx.json) printJson(JSON.stringify({ ...started, task }));
  if (task && task.status !== "succeeded") {
    throw new CliError(
      EXIT.REFUSED,
      task.code ?? (task.status === "cancelled" ? "CANCELLED" : "FAILED"),
      `${task.status === "cancelled" ? "Cancelled" : "Failed"}: ${task.message ?? ""}`,
    );
  }
  if (!ctx.json) out(`${task?.message ?? `Moving ${target} of ${name}`}\n`);
  return EXIT.OK;
}
