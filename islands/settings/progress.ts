// Follows one create/clone's `vm-create-progress` events on a private /api/events stream.
//
// Private rather than islands/client/events.ts: the stream must be open before the request is
// sent, or its first steps are lost, and the shared stream does not listen for progress.

import { withHost } from "../../components/client/host.ts";
import { eventsPath } from "../../shared/api_paths.ts";
import type { AppEvent } from "../../shared/events.ts";

export type Progress = Extract<AppEvent, { type: "vm-create-progress" }>;

// Without a stream (proxy buffering, server busy) the clone still runs, just without steps.
const OPEN_TIMEOUT_MS = 3000;
const LINGER_MS = 500;

/** Resolves once the stream is open (or gave up); call the returned function to close it. */
export function watchProgress(
  name: string,
  onProgress: (p: Progress) => void,
): Promise<() => void> {
  const es = new EventSource(withHost(eventsPath()));
  let done = false;
  es.addEventListener("vm-create-progress", (m) => {
    const p = JSON.parse((m as MessageEvent<string>).data) as Progress;
    if (p.name === name && !done) onProgress(p);
  });
  // The stream and the request are two connections: a quick clone's answer can arrive before
  // its last steps. Those are no longer shown, but the stream stays open a moment for them, so
  // the server is not left writing to a stream the page dropped mid-way.
  const close = () => {
    done = true;
    setTimeout(() => es.close(), LINGER_MS);
  };
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(close), OPEN_TIMEOUT_MS);
    // The server's first event is always the connection status: from then on nothing is missed.
    es.addEventListener("connection-status-changed", () => {
      clearTimeout(timer);
      resolve(close);
    }, { once: true });
    es.onerror = () => {
      clearTimeout(timer);
      resolve(close);
    };
  });
}
