// One state-changing operation at a time per VM: a FIFO queue per UUID. Without it a second
// start slips between the first one's state check and its libvirt call, and a start slips
// between a delete's "is it stopped?" and the removal of its disks.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";

/** Most operations one VM may have running and waiting; more are refused with 409 VM_BUSY. */
export const VM_QUEUE_MAX = 64;

interface Queue {
  /** Settles when the last queued operation is done. */
  tail: Promise<void>;
  /** Operations running or waiting. */
  size: number;
}

/** Runs `fn` as the only state-changing operation of VM `id` (a UUID or a name) right now. */
export type VmLock = <T>(id: string, fn: () => Promise<T>) => Promise<T>;

/** Per-VM FIFO queues: callers wait their turn rather than fail, up to `max` per VM. */
export class VmLocks {
  #queues = new Map<string, Queue>();

  constructor(readonly max = VM_QUEUE_MAX) {}

  /** Runs `fn` once every earlier operation on `key` (a VM's UUID) is done. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let queue = this.#queues.get(key);
    if (queue && queue.size >= this.max) {
      throw new AppError(
        "VM_BUSY",
        t("VM has {{n}} operations running or waiting; try again when they are done", {
          n: String(queue.size),
        }),
      );
    }
    if (!queue) this.#queues.set(key, queue = { tail: Promise.resolve(), size: 0 });
    queue.size++;
    const before = queue.tail;
    let done = () => {};
    queue.tail = new Promise<void>((resolve) => done = resolve);
    await before;
    try {
      return await fn();
    } finally {
      done();
      if (--queue.size === 0) this.#queues.delete(key);
    }
  }

  /** How many operations `key` has running or waiting (0 when idle). */
  pending(key: string): number {
    return this.#queues.get(key)?.size ?? 0;
  }
}
