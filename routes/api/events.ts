// /api/events: the server-sent event stream of VM and connection changes.

import { streamSSE } from "hono/streaming";
import type { AppContext } from "../../lib/context.ts";
import type { AppEvent } from "../../shared/events.ts";
import { DeclaredApp } from "../declare.ts";

const HEARTBEAT_MS = 15_000;

export function eventRoutes({ events, vms, tasks }: AppContext): DeclaredApp {
  const app = new DeclaredApp();
  app.GET(
    "/",
    "Server-sent events: changes to VMs, storage, networks, alerts, jobs, the connection",
    {
      access: "read",
      responses: { 200: "An event stream (text/event-stream), the connection status first" },
    },
    (c) =>
      streamSSE(c, async (stream) => {
        const identity = c.get("identity");
        const queue: AppEvent[] = [];
        let wake: (() => void) | null = null;
        const unsubscribe = events.subscribe((e) => {
          // A grant limited to some VMs is told of the tasks GET /api/tasks shows it, no more.
          if (e.type === "task-changed" && !tasks.maySee(identity, e.task)) return;
          queue.push(e);
          wake?.();
        });
        stream.onAbort(() => {
          unsubscribe();
          wake?.();
        });
        try {
          // The current connection status first, so a client knows where it stands.
          await stream.writeSSE({
            event: "connection-status-changed",
            data: JSON.stringify({ type: "connection-status-changed", status: vms.connection() }),
          });
          while (!stream.aborted) {
            const next = queue.shift();
            if (next) {
              await stream.writeSSE({ event: next.type, data: JSON.stringify(next) });
              continue;
            }
            let timer: ReturnType<typeof setTimeout> | undefined;
            const beat = new Promise<"beat">((r) =>
              timer = setTimeout(() => r("beat"), HEARTBEAT_MS)
            );
            const woken = new Promise<"event">((r) => wake = () => r("event"));
            const why = await Promise.race([beat, woken]);
            clearTimeout(timer);
            wake = null;
            if (why === "beat" && !stream.aborted) await stream.write(": keepalive\n\n");
          }
        } finally {
          unsubscribe();
        }
      }),
  );
  return app;
}
