// One shared EventSource on /api/events per page, fanned out to the islands that listen.

import type { AppEvent } from "../../lib/types.ts";

type Listener = { onEvent: (e: AppEvent) => void; onReconnect?: () => void };

// A record, not a list, so the compiler refuses a new AppEvent type until it is listened for.
const EVENT_NAMES: Record<AppEvent["type"], true> = {
  "vm-state-changed": true,
  "vm-created": true,
  "vm-create-progress": true,
  "vm-deleted": true,
  "connection-status-changed": true,
  "storage-changed": true,
  "network-changed": true,
  "alert-fired": true,
  "alert-resolved": true,
  "snapshots-changed": true,
  "guest-changed": true,
  "backup-changed": true,
  "schedule-run": true,
};
const EVENT_TYPES = Object.keys(EVENT_NAMES) as AppEvent["type"][];
const RETRY_MS = 5000;

const listeners = new Set<Listener>();
let source: EventSource | null = null;

/**
 * Calls `onEvent` for every server event. `onReconnect` runs when the stream comes back after
 * a drop: events sent meanwhile are lost, so the listener should re-read what it shows.
 */
export function subscribeEvents(
  onEvent: Listener["onEvent"],
  onReconnect?: Listener["onReconnect"],
): () => void {
  const listener = { onEvent, onReconnect };
  listeners.add(listener);
  if (!source) open(false);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      source?.close();
      source = null;
    }
  };
}

function open(isRetry: boolean) {
  const es = new EventSource("/api/events");
  source = es;
  let dropped = isRetry;
  for (const type of EVENT_TYPES) {
    es.addEventListener(type, (m) => {
      const event = JSON.parse((m as MessageEvent<string>).data) as AppEvent;
      for (const l of listeners) l.onEvent(event);
    });
  }
  es.onopen = () => {
    if (!dropped) return;
    dropped = false;
    for (const l of listeners) l.onReconnect?.();
  };
  es.onerror = () => {
    dropped = true;
    // The browser retries by itself unless the server answered with an error status (CLOSED).
    if (es.readyState === EventSource.CLOSED && source === es) {
      setTimeout(() => source === es && listeners.size > 0 && open(true), RETRY_MS);
    }
  };
}
