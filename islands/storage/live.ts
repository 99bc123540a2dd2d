// Live refresh of the storage and network pages: "storage-changed" / "network-changed" events
// from the page's shared event stream, and a re-read after the stream or libvirt comes back; and
// the pools and networks lists' rows, read again on those.

import type { AppEvent } from "../../shared/events.ts";
import { subscribeEvents } from "../../components/client/events.ts";
import { type ResourceRows, useResourceRows } from "../../components/kit/ResourceList.tsx";

type ChangeType = "storage-changed" | "network-changed";

/**
 * Calls `onChange(name)` with the pool or network named by each `type` event, and `onReconnect`
 * when events may have been missed (the stream dropped, or libvirt reconnected). Returns the
 * function that stops listening.
 */
export function subscribeChanges(
  type: ChangeType,
  onChange: (name: string) => void,
  onReconnect: () => void,
): () => void {
  let libvirtDown = false;
  return subscribeEvents((e: AppEvent) => {
    if (e.type !== type && e.type !== "connection-status-changed") return;
    if (e.type === "storage-changed") onChange(e.pool);
    else if (e.type === "network-changed") onChange(e.network);
    else if (e.type === "connection-status-changed") {
      if (e.status.connected && libvirtDown) onReconnect();
      libvirtDown = !e.status.connected;
    }
  }, onReconnect);
}

/**
 * The rows of the pools or networks list (useResourceRows), read again whenever one of them
 * changes and when events may have been missed.
 */
export function useLiveRows<T>(
  type: ChangeType,
  rows: { initial: T[] | null; error: string | null; load: () => Promise<T[]> },
): ResourceRows<T> {
  return useResourceRows({
    ...rows,
    subscribe: (changed) => subscribeChanges(type, changed, changed),
  });
}
