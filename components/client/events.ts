// One shared EventSource on /api/events per page, fanned out to the islands that listen. On the
// all-hosts view it is every host's stream (?host=all), each event naming its host: a listener
// hears the other hosts' events only when it asks for them, and the page's host's otherwise.

import { allHostsView, currentHost, withHost } from "./host.ts";
import { ALL_HOSTS } from "../../shared/hosts.ts";
import { eventsPath } from "../../shared/api_paths.ts";
import type { AppEvent, HostEvent } from "../../shared/events.ts";

type Listener = {
  onEvent: (e: HostEvent) => void;
  onReconnect?: () => void;
  /** Hears every host's events on the all-hosts view, not only the page's host's. */
  allHosts?: boolean;
};

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
  "agent-heartbeat": true,
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
  /**
   * The hosts whose last connection status said libvirt was unreachable (the all-hosts stream
   * names each event's host; one host's stream is the page's host).
   */
  libvirtDown: Set<string>;
}

// Each page bundle (the page's islands, the connection banner) carries its own copy of this
// module; keeping the state on globalThis makes them share one stream per page.
const shared: Shared = ((globalThis as { kvmmEvents?: Shared }).kvmmEvents ??= {
  listeners: new Set(),
  source: null,
  libvirtDown: new Set(),
});

/**
 * Calls `onEvent` for every server event. `onReconnect` runs when events may have been missed:
 * the stream came back after a drop, or the server got its libvirt connection back. The
 * listener should then re-read what it shows.
 */
export function subscribeEvents(
  onEvent: Listener["onEvent"],
  onReconnect?: Listener["onReconnect"],
  { allHosts = false }: { allHosts?: boolean } = {},
): () => void {
  const listener = { onEvent, onReconnect, allHosts };
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
  shared.libvirtDown.add(currentHost());
}

function open(isRetry: boolean) {
  const es = new EventSource(withHost(eventsPath(), allHostsView() ? ALL_HOSTS : currentHost()));
  shared.source = es;
  let dropped = isRetry;
  for (const type of EVENT_TYPES) {
    es.addEventListener(type, (m) => {
      const event = JSON.parse((m as MessageEvent<string>).data) as HostEvent;
      const host = event.host ?? currentHost();
      for (const l of shared.listeners) if (hears(l, host)) l.onEvent(event);
      if (event.type === "connection-status-changed") onLibvirtStatus(host, event.status.connected);
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
function onLibvirtStatus(host: string, connected: boolean) {
  const back = connected && shared.libvirtDown.delete(host);
  if (!connected) shared.libvirtDown.add(host);
  if (back) { for (const l of shared.listeners) if (hears(l, host)) l.onReconnect?.(); }
}

/** Whether `l` is told of `host`'s events: the page's host's, or any host's when it asked. */
const hears = (l: Listener, host: string) => l.allHosts || host === currentHost();
