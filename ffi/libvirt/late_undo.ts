// A call that makes one object, carried out by libvirtd only after the call's deadline (lane.ts
// LateCall). The caller was answered LIBVIRT_TIMEOUT and told the user the make failed; left
// alone, the object would appear later (a volume nobody asked for, a network whose retry then
// finds its name taken). callMake removes it again once libvirt answers, so "failed" stays
// true. Callers opt in, one call at a time: a make that repairs something (a backup chain's
// copy-back, lib/backups/chain.ts) must keep what lands late. A VM's define is not here: its
// undo also deletes the disks made for it, in order (lib/vms/late_define.ts).

import type { LibvirtClient } from "./client.ts";
import { lateOutcomeOf } from "./lane.ts";
import type { OpArgs, OpName, OpResult } from "./ops.ts";
import type { VolumeSnapshot } from "./ops/storage.ts";
import type { NetworkSnapshot } from "./ops/network.ts";

type Undo = { [K in OpName]: [K, OpArgs<K>] }[OpName];

const volumeGone = (v: unknown): Undo => {
  const { pool, name } = v as VolumeSnapshot;
  return ["volumeDeleteIn", [pool, name]];
};

/** The ops that make one object, and the call that removes what one made. */
export const UNDO_WHEN_LATE = {
  volumeCreate: volumeGone,
  volumeClone: volumeGone,
  volumeCloneIn: volumeGone,
  networkDefine: (n: unknown): Undo => ["networkDelete", [(n as NetworkSnapshot).name]],
} satisfies Partial<Record<OpName, (made: unknown) => Undo>>;

export type MakeOp = keyof typeof UNDO_WHEN_LATE;

/**
 * `client.call(op, ...args)` for a make whose late success is to be undone: when the call
 * answers past its deadline, what libvirt makes after all is removed once it answers.
 */
export async function callMake<K extends MakeOp>(
  client: LibvirtClient,
  op: K,
  ...args: OpArgs<K>
): Promise<OpResult<K>> {
  try {
    return await client.call(op, ...args);
  } catch (err) {
    undoWhenLate(op, err, (undoOp, ...undoArgs) => client.call(undoOp, ...undoArgs));
    throw err;
  }
}

/**
 * When `err` is `op`'s LateCall, waits in the background for libvirt's answer and, when the
 * object was made after all, removes it with `call`. An outcome never known (the call's thread
 * was ended, the connection lost) removes nothing: nothing says the object is ours.
 */
export function undoWhenLate(
  op: MakeOp,
  err: unknown,
  call: <K extends OpName>(op: K, ...args: OpArgs<K>) => Promise<unknown>,
): void {
  const undo = UNDO_WHEN_LATE[op];
  const late = lateOutcomeOf(err);
  if (!late) return;
  late.then(async (outcome) => {
    if (!outcome.ok) return;
    const [removeOp, args] = undo(outcome.value);
    await (call as (op: OpName, ...a: unknown[]) => Promise<unknown>)(removeOp, ...args);
  }).catch((e) => {
    console.error(`${op} answered after its deadline, and removing what it made failed: ${e}`);
  });
}
