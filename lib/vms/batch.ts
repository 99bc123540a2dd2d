// Batch operations over a selection of VMs: each VM gets its own result (success or the error
// in the API's words), never an all-or-nothing answer.

import { AppError } from "../errors.ts";
import {
  BATCH_ACTIONS,
  type BatchAction,
  type BatchItem,
  type BatchResult,
  type VmAction,
} from "../../shared/vms.ts";

/** Most VMs one request may name; the list's "select all" stays under it on real hosts. */
export const BATCH_MAX_VMS = 500;

/** How many VMs are worked on at once: enough to overlap libvirt calls, few enough to not
 * queue every call worker behind one batch. */
const PARALLEL = 4;

export interface BatchRequest {
  action: BatchAction;
  ids: string[];
  /** Options of the snapshot action ({name?, description?}), passed to each VM's snapshot. */
  snapshot: Record<string, unknown>;
}

const invalid = (message: string) => new AppError("INVALID_BATCH", message);

/** Validates `{action, ids, snapshot?}` from the API. */
export function checkBatch(input: unknown): BatchRequest {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw invalid('Body must be a JSON object like {"action": "start", "ids": ["…"]}');
  }
  const { action, ids, snapshot } = input as Record<string, unknown>;
  if (typeof action !== "string" || !(BATCH_ACTIONS as readonly string[]).includes(action)) {
    throw invalid(`Invalid action "${action}": must be one of ${BATCH_ACTIONS.join(", ")}`);
  }
  if (!Array.isArray(ids) || ids.length === 0) {
    throw invalid("ids must be a non-empty list of VM ids");
  }
  if (ids.length > BATCH_MAX_VMS) {
    throw invalid(`Too many VMs: ${ids.length}; at most ${BATCH_MAX_VMS} per batch`);
  }
  for (const id of ids) {
    if (typeof id !== "string" || id.trim() === "") {
      throw invalid("Every id must be a VM's UUID or name");
    }
  }
  if (new Set(ids).size !== ids.length) throw invalid("ids must not repeat a VM");
  if (snapshot !== undefined && (typeof snapshot !== "object" || snapshot === null)) {
    throw invalid('snapshot must be an object like {"name": "before-upgrade"}');
  }
  if (snapshot !== undefined && action !== "snapshot") {
    throw invalid("snapshot options apply only to the snapshot action");
  }
  return {
    action: action as BatchAction,
    ids: ids as string[],
    snapshot: (snapshot ?? {}) as Record<string, unknown>,
  };
}

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
    if (req.action === "snapshot") await deps.snapshot(id, req.snapshot);
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
