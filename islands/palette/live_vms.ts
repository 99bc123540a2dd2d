// The palette's VMs: the page's host's list, read the first time the palette opens, then kept
// in step by the event stream (a state change patches one VM; a create or delete, or a
// reconnect, reads the list again).

import { signal } from "@preact/signals";
import { errorMessage, listVms } from "../../components/client/api.ts";
import { subscribeEvents } from "../../components/client/events.ts";
import type { PaletteVm } from "./entries.ts";

/** null until the first read answers. */
export const paletteVms = signal<PaletteVm[] | null>(null);
export const paletteVmsError = signal<string | null>(null);

let following = false;

async function reload() {
  try {
    const list = await listVms();
    paletteVms.value = list.map(({ id, name, state }) => ({ id, name, state }))
      .sort((a, b) => a.name.localeCompare(b.name));
    paletteVmsError.value = null;
  } catch (err) {
    paletteVmsError.value = errorMessage(err);
  }
}

/** Starts reading and following the VMs; later calls do nothing. */
export function followPaletteVms(): void {
  if (following) return;
  following = true;
  reload();
  subscribeEvents((e) => {
    if (e.type === "vm-state-changed") {
      const list = paletteVms.value;
      if (!list?.some((vm) => vm.id === e.id)) return void reload();
      paletteVms.value = list.map((vm) => vm.id === e.id ? { ...vm, state: e.state } : vm);
    } else if (e.type === "vm-created" || e.type === "vm-deleted") {
      reload();
    }
  }, reload);
}
