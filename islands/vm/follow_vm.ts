// The VM as libvirt has it now, for every island of its page (currentVm): re-read when the VM's
// state changes, when any task on it ends (an apply of pending changes, a restore, a migration,
// a snapshot revert: their last step may change no state, or change it twice in a moment), and
// after the event stream was lost. Only the newest re-read lands, so a slow answer cannot bring
// back an older state. However many islands follow the same VM, it is read once per event.

import type { Vm } from "../../shared/vms.ts";
import { getVm } from "../../components/client/api.ts";
import { subscribeEvents } from "../../components/client/events.ts";
import { currentVm } from "../settings/current_vm.ts";

interface Follow {
  islands: number;
  stop: () => void;
}

const follows = new Map<string, Follow>();
let reads = 0;

/**
 * Reads VM `id` and makes it currentVm; the VM read, or null when a newer read was asked for
 * meanwhile (that one lands instead). Throws what the read throws.
 */
export async function rereadVm(id: string): Promise<Vm | null> {
  const mine = ++reads;
  const fresh = await getVm(id);
  if (mine !== reads) return null;
  currentVm.value = fresh;
  return fresh;
}

const quietly = (id: string) => void rereadVm(id).catch(() => {});

/** Follows VM `id` until the returned function is called (by every island that called this). */
export function followVm(id: string): () => void {
  let follow = follows.get(id);
  if (!follow) {
    const stop = subscribeEvents((e) => {
      if (e.type === "vm-state-changed" && e.id === id) quietly(id);
      if (
        e.type === "task-changed" && e.task.status !== "running" &&
        e.task.target?.kind === "vm" && e.task.target.id === id
      ) quietly(id);
    }, () => quietly(id));
    follow = { islands: 0, stop };
    follows.set(id, follow);
  }
  follow.islands++;
  const mine = follow;
  return () => {
    if (--mine.islands > 0) return;
    mine.stop();
    follows.delete(id);
  };
}
