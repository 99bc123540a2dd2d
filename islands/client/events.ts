// One shared EventSource on /api/events per page, fanned out to the islands that listen.

import { withHost } from "./host.ts";
import { eventsPath } from "../../shared/api_paths.ts";
import type { AppEvent } from "../../shared/events.ts";

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
  "migration-progress": true,
  "policy-changed": true,
  "profiles-changed": true,
  "task-changed": true,
};
const EVENT_TYPES = Object.keys(EVENT_NAMES) as AppEvent["type"][];
const RETRY_MS = 5000;

interface Shared {
  listeners: Set<Listener>;
  source: EventSource | null;
  /** The last connection status said libvirt was unreachable. */
  libvirtDown: boolean;
}

// Each page bundle (the page's islands, the connection banner) carries its own copy of this
// module; keeping the state on globalThis makes them share one stream per page.
const shared: Shared = ((globalThis as { kvmmEvents?: Shared }).kvmmEvents ??= {
  listeners: new Set(),
  source: null,
  libvirtDown: false,
});

/**
 * Calls `onEvent` for every server event. `onReconnect` runs when events may have been missed:
 * the stream came back after a drop, or the server got its libvirt connection back. The
 * listener should then re-read what it shows.
 */
export function subscribeEvents(
  onEvent: Listener["onEvent"],
  onReconnect?: Listener["onReconnect"],
): () => void {
  const listener = { onEvent, onReconnect };
  shared.listeners.add(listener);
  if (!shared.source) open(false);
  return () => {
    shared.listeners.delete(listener);
    if (shared.listeners.size === 0) {
      shared.source?.close();
      shared.source = null;
    }
  };
}

/** Records that the page was rendered while libvirt was unreachable (its data may be missing). */
export function noteLibvirtDown(): void {
  shared.libvirtDown = true;
}

function open(isRetry: boolean) {
  const es = new EventSource(withHost(eventsPath()));
  shared.source = es;
  let dropped = isRetry;
  for (const type of EVENT_TYPES) {
    es.addEventListener(type, (m) => {
      const event = JSON.parse((m as MessageEvent<string>).data) as AppEvent;
      for (const l of shared.listeners) l.onEvent(event);
      if (event.type === "connection-status-changed") onLibvirtStatus(event.status.connected);
    });
  }
  es.onopen = () => {
    if (!dropped) return;
    dropped = false;
    for (const l of shared.listeners) l.onReconnect?.();
  };
  es.onerror = () => {
    dropped = true;
    // The browser retries by itself unless the server answered with an error status (CLOSED).
    if (es.readyState === EventSource.CLOSED && shared.source === es) {
      setTimeout(
        () => shared.source === es && shared.listeners.size > 0 && open(true),
        RETRY_MS,
      );
    }
  };
}

// Lifecycle events of a libvirt outage never arrive: on its end every listener re-reads.
function onLibvirtStatus(connected: boolean) {
  const back = connected && shared.libvirtDown;
  shared.libvirtDown = !connected;
  if (back) { for (const l of shared.listeners) l.onReconnect?.(); }
}
