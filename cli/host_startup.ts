// `kvm-manager host start-in-order` and `host stop-in-order`: the VMs with a boot order started
// in order, or shut down in reverse order (POST /api/host/startup/start|stop), followed until the
// task ends. A host's shutdown can call the second before libvirt-guests stops the rest.

import { taskPath } from "../shared/api_paths.ts";
import type { Task } from "../shared/tasks.ts";
import type { CommandContext } from "./command.ts";
import { CliError, EXIT, usageError } from "./errors.ts";
import { err, out, printJson } from "./output.ts";

export const STARTUP_SUBCOMMANDS = ["start-in-order", "stop-in-order"];

/** Runs the sequence now and waits for its task; exit 1 when a VM failed. */
export async function startupSequence(
  ctx: CommandContext,
  sub: string,
  args: string[],
): Promise<number> {
  if (args.length) throw usageError(`usage: kvm-manager host ${sub}`);
  const api = await ctx.connect();
  const path = `/api/host/startup/${sub === "start-in-order" ? "start" : "stop"}`;
  const { taskId } = (await api.call<{ taskId: number }>("POST", path)).body;
  let said = "";
  for (;;) {
    const task = (await api.call<Task>("GET", taskPath(taskId))).body;
    if (task.status !== "running") {
      if (ctx.json) printJson(JSON.stringify(task));
      if (task.status === "succeeded") {
        if (!ctx.json) out(`${task.message ?? "done"}\n`);
        return EXIT.OK;
      }
      throw new CliError(
        EXIT.REFUSED,
        task.code ?? task.status.toUpperCase(),
        task.message ?? task.status,
      );
    }
    if (task.message && task.message !== said && !ctx.json) err(`${task.message}\n`);
    said = task.message ?? said;
    await new Promise((r) => setTimeout(r, 500));
  }
}
