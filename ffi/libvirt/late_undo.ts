// What a call that makes one object does when libvirtd carries it out only after the call's
// deadline (lane.ts LateCall). The caller was answered LIBVIRT_TIMEOUT and told the user the
// make failed; left alone, the object would appear later (a volume nobody asked for, a network
// whose retry then finds its name taken). So once libvirt answers after all, what it made is
// removed again, and "failed" stays true. A VM's define is not here: its undo also deletes the
// disks made for it, in order (lib/vms/late_define.ts).

import { lateOutcomeOf } from "./lane.ts";
import type { OpArgs, OpName } from "./ops.ts";
import type { VolumeSnapshot } from "./ops/storage.ts";
import type { NetworkSnapshot } from "./ops/network.ts";

type Undo = { [K in OpName]: [K, OpArgs<K>] }[OpName];

const volumeGone = (v: unknown): Undo => {
  const { pool, name } = v as VolumeSnapshot;
  return ["volumeDeleteIn", [pool, name]];
};

/** The ops that make one object, and the call that removes what one made. */
export const UNDO_WHEN_LATE: Partial<Record<OpName, (made: unknown) => Undo>> = {
  volumeCreate: volumeGone,
  volumeClone: volumeGone,
  volumeCloneIn: volumeGone,
  networkDefine: (n) => ["networkDelete", [(n as NetworkSnapshot).name]],
};

/**
 * When `err` is `op`'s LateCall and `op` makes an object, waits in the background for libvirt's
 * answer and, when the object was made after all, removes it with `call`. An outcome never known
 * (the call's thread was ended) removes nothing: nothing says the object is ours.
 */
export function undoWhenLate(
  op: OpName,
  err: unknown,
  call: <K extends OpName>(op: K, ...args: OpArgs<K>) => Promise<unknown>,
): void {
  const undo = UNDO_WHEN_LATE[op];
  const late = undo ? lateOutcomeOf(err) : null;
  if (!undo || !late) return;
  late.then(async (outcome) => {
    if (!outcome.ok) return;
    const [removeOp, args] = undo(outcome.value);
    await (call as (op: OpName, ...a: unknown[]) => Promise<unknown>)(removeOp, ...args);
  }).catch((e) => {
    console.error(`${op} answered after its deadline, and removing what it made failed: ${e}`);
  });
}
