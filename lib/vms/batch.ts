// Batch operations over a selection of VMs: each VM gets its own result (success or the error
// in the API's words), never an all-or-nothing answer.

import { AppError } from "../errors.ts";
import type { BatchItem, BatchResult, VmAction } from "../../shared/vms.ts";
import type { BatchRequest } from "./input.ts";

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
    const error = err instanceof AppError
      ? { code: err.code, message: err.message }
      : { code: "INTERNAL_ERROR", message: `Internal error: ${(err as Error).message}` };
    return { id, name, ok: false, error };
  }
}

/** Runs the action on every VM, a few at a time; results keep the order of `ids`. */
export async function runBatch(deps: BatchDeps, req: BatchRequest): Promise<BatchResult> {
  const names = new Map<string, string>();
  for (const vm of await deps.listVms().catch(() => [])) {
    names.set(vm.id, vm.name);
    names.set(vm.name, vm.name);
  }
  const results: BatchItem[] = new Array(req.ids.length);
  let next = 0;
  const worker = async () => {
    while (next < req.ids.length) {
      const i = next++;
      const id = req.ids[i];
      results[i] = await runOne(deps, req, id, names.get(id) ?? id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, req.ids.length) }, worker));
  const succeeded = results.filter((r) => r.ok).length;
  return { action: req.action, results, succeeded, failed: results.length - succeeded };
}
