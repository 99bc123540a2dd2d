// Batch operations over a selection of VMs: each VM gets its own result (success or the error
// in the API's words), never an all-or-nothing answer.

import { AppError } from "../errors.ts";
import type { BatchItem, BatchResult, VmAction } from "../../shared/vms.ts";
import type { BatchRequest } from "./input.ts";
import { currentTask } from "../tasks/current.ts";
import { taskTitle } from "../tasks/titles.ts";
import { t } from "../../shared/i18n/t.ts";

/** How many VMs are worked on at once: enough to overlap libvirt calls, few enough to not
 * queue every call worker behind one batch. */
const PARALLEL = 4;

export interface BatchDeps {
  vmAction(id: string, action: VmAction): Promise<unknown>;
  snapshot(id: string, input: unknown): Promise<unknown>;
  /** Every VM's id and name: one libvirt call names the whole batch's results. */
  listVms(): Promise<{ id: string; name: string }[]>;
}

async function runOne(
  deps: BatchDeps,
  req: BatchRequest,
  id: string,
  name: string,
): Promise<BatchItem> {
  try {
    if (req.action === "snapshot") await deps.snapshot(id, req.snapshot ?? {});
    else await deps.vmAction(id, req.action);
    return { id, name, ok: true };
  } catch (err) {
    const error = err instanceof AppError ? { code: err.code, message: err.message } : {
      code: "INTERNAL_ERROR",
      message: t("Internal error: {{error}}", { error: (err as Error).message }),
    };
    return { id, name, ok: false, error };
  }
}

const vmCount = (n: number) => n === 1 ? "1 VM" : `${n} VMs`;

/** "web, db and 3 more": the VMs a batch's task names. */
function namesOf(names: string[]): string {
  if (names.length <= 3) return names.join(", ");
  return `${names.slice(0, 2).join(", ")} and ${names.length - 2} more`;
}

/**
 * Runs the action on every VM, a few at a time; results keep the order of `ids`. The request's
 * task (lib/tasks/) is named after the action and its VMs, moves with each VM done, and fails
 * in the failed VMs' words when any failed.
 */
export async function runBatch(deps: BatchDeps, req: BatchRequest): Promise<BatchResult> {
  const names = new Map<string, string>();
  const uuids = new Map<string, string>();
  for (const vm of await deps.listVms().catch(() => [])) {
    names.set(vm.id, vm.name);
    names.set(vm.name, vm.name);
    uuids.set(vm.id, vm.id);
    uuids.set(vm.name, vm.id);
  }
  const task = currentTask();
  // The title is a key of the task titles (lib/tasks/titles.ts), so the task log shows it in
  // each reader's language; which VMs, and how many, its target says.
  task?.update({
    title: taskTitle(req.action === "snapshot" ? "snapshot.create" : `vm.${req.action}`),
    target: {
      kind: "vms",
      id: req.ids.join(","),
      name: namesOf(req.ids.map((id) => names.get(id) ?? id)),
    },
    vmIds: req.ids.map((id) => uuids.get(id) ?? id),
  });
  const results: BatchItem[] = new Array(req.ids.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < req.ids.length) {
      const i = next++;
      const id = req.ids[i];
      results[i] = await runOne(deps, req, id, names.get(id) ?? id);
      task?.progress(++done / req.ids.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, req.ids.length) }, worker));
  const succeeded = results.filter((r) => r.ok).length;
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    const words = failed.map((r) => `${r.name}: ${r.error?.message}`).join("; ");
    task?.fail({
      code: failed[0].error?.code ?? "INTERNAL_ERROR",
      message: `${failed.length} of ${vmCount(results.length)} failed: ${words}`,
    });
  }
  return { action: req.action, results, succeeded, failed: failed.length };
}
