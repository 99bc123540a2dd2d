// Live refresh of the storage and network pages: "storage-changed" / "network-changed" events
// from the page's shared event stream, and a re-read after the stream or libvirt comes back.

import type { AppEvent } from "../../shared/events.ts";
import { subscribeEvents } from "../../components/client/events.ts";

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
