// /api/events: the server-sent event stream of VM and connection changes, one host's; with
// ?host=all (routes/api/all_hosts_events.ts) every host's at once, each event naming its host.

import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { AppContext } from "../../lib/context.ts";
import type { Identity } from "../../shared/auth.ts";
import type { HostEvent } from "../../shared/events.ts";
import { DeclaredApp } from "../declare.ts";

const HEARTBEAT_MS = 15_000;

export interface EventFeed {
  /** The events the stream opens with (the connection status, so a client knows where it is). */
  first: () => HostEvent[];
  /** Starts delivering events to `push`; returns its stop. */
  subscribe: (push: (e: HostEvent) => void) => () => void;
}

/** An SSE response of `feed`'s events until the client leaves, with a keepalive comment. */
export function eventStream(c: Context, feed: EventFeed): Response {
  return streamSSE(c, async (stream) => {
    const queue: HostEvent[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = feed.subscribe((e) => {
      queue.push(e);
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      wake?.();
    });
    try {
      queue.unshift(...feed.first());
      while (!stream.aborted) {
        const next = queue.shift();
        if (next) {
          await stream.writeSSE({ event: next.type, data: JSON.stringify(next) });
          continue;
        }
        let timer: ReturnType<typeof setTimeout> | undefined;
        const beat = new Promise<"beat">((r) => timer = setTimeout(() => r("beat"), HEARTBEAT_MS));
        const woken = new Promise<"event">((r) => wake = () => r("event"));
        const why = await Promise.race([beat, woken]);
        clearTimeout(timer);
        wake = null;
        if (why === "beat" && !stream.aborted) await stream.write(": keepalive\n\n");
      }
    } finally {
      unsubscribe();
    }
  });
}

/** Whether this caller is told of an event: a grant limited to some VMs sees only its tasks. */
export function mayHear(tasks: AppContext["tasks"], identity: Identity | undefined) {
  return (e: HostEvent) => e.type !== "task-changed" || tasks.maySee(identity, e.task);
}

export function eventRoutes({ events, vms, tasks }: AppContext): DeclaredApp {
  const app = new DeclaredApp();
  app.GET(
    "/",
    "Server-sent events: changes to VMs, storage, networks, alerts, jobs, the connection",
    {
      access: "read",
      responses: { 200: "An event stream (text/event-stream), the connection status first" },
    },
    (c) => {
      const hears = mayHear(tasks, c.get("identity"));
      return eventStream(c, {
        first: () => [{ type: "connection-status-changed", status: vms.connection() }],
        subscribe: (push) => events.subscribe((e) => hears(e) && push(e)),
      });
    },
  );
  return app;
}
