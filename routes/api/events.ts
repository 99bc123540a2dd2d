// /api/events: the server-sent event stream of VM and connection changes, one host's; with
// ?host=all (routes/api/all_hosts_events.ts) every host's at once, each event naming its host.

import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { AppContext } from "../../lib/context.ts";
import type { Identity } from "../../shared/auth.ts";
import type { HostEvent } from "../../shared/events.ts";
import { DeclaredApp } from "../declare.ts";
import type { OpenChannels } from "../../lib/auth/open_channels.ts";
// For its ContextVariableMap entries: c.get("identity"), c.get("callerNow").
import type {} from "../middleware/auth.ts";

const HEARTBEAT_MS = 15_000;

export interface EventFeed {
  /** The events the stream opens with (the connection status, so a client knows where it is). */
  first: () => HostEvent[];
  /** Starts delivering events to `push`; returns its stop. */
  subscribe: (push: (e: HostEvent) => void) => () => void;
}

/**
 * An SSE response of `feed`'s events until the client leaves, with a keepalive comment. It also
 * ends when the caller's access changes (`channels`: signed out, token revoked, role or VMs
 * changed), since what it may hear was decided when it opened; a browser's EventSource then
 * connects again, as the caller is now.
 */
export function eventStream(c: Context, feed: EventFeed, channels: OpenChannels): Response {
  const opened = c.get("identity");
  const callerNow = c.get("callerNow");
  return streamSSE(c, async (stream) => {
    const queue: HostEvent[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = feed.subscribe((e) => {
      queue.push(e);
      wake?.();
    });
    const untrack = channels.add({
      holderNow: () => callerNow(),
      allows: (holder) => sameGrant(holder, opened),
      close: () => stream.abort(),
      ended: () => stream.aborted,
    });
    stream.onAbort(() => {
      untrack();
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
      untrack();
      unsubscribe();
    }
  });
}

/** Whether `holder` may hear what a stream opened as `opened` hears: the same role and VMs. */
function sameGrant(holder: Identity, opened: Identity): boolean {
  return holder.role === opened.role && JSON.stringify(holder.vms) === JSON.stringify(opened.vms);
}

/** Whether this caller is told of an event: a grant limited to some VMs sees only its tasks. */
export function mayHear(tasks: AppContext["tasks"], identity: Identity | undefined) {
  return (e: HostEvent) => e.type !== "task-changed" || tasks.maySee(identity, e.task);
}

export function eventRoutes({ events, vms, tasks, auth }: AppContext): DeclaredApp {
  const app = new DeclaredApp();
  app.GET(
    "/",
    "Server-sent events: changes to VMs, storage, networks, alerts, jobs, the connection",
    {
      access: "read",
      responses: {
        200: {
          description: "An event stream (text/event-stream), the connection status first",
          media: "text/event-stream",
        },
      },
    },
    (c) => {
      const hears = mayHear(tasks, c.get("identity"));
      return eventStream(c, {
        first: () => [{ type: "connection-status-changed", status: vms.connection() }],
        subscribe: (push) => events.subscribe((e) => hears(e) && push(e)),
      }, auth.channels);
    },
  );
  return app;
}
