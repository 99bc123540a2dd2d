// GET /api/events?host=all: every host's event stream merged into one, each event naming its
// host, for the all-hosts view (its resource tree and VM table). One stream, however many hosts:
// a browser holds only a few connections per site. A host added while it is open joins it with
// its connection status; a removed host's events stop.

import type { MiddlewareHandler } from "hono";
import type { AppContext } from "../../lib/context.ts";
import type { HostHandle } from "../../lib/hosts/registry.ts";
import { ALL_HOSTS, LOCAL_HOST } from "../../shared/hosts.ts";
import type { HostEvent } from "../../shared/events.ts";
import { eventStream, mayHear } from "./events.ts";

const statusOf = (host: HostHandle<AppContext>): HostEvent => ({
  type: "connection-status-changed",
  status: host.ctx.vms.connection(),
  host: host.id,
});

/** Middleware on /api/events: answers ?host=all, leaves every other request to the host's route. */
export function allHostsEvents(ctx: AppContext): MiddlewareHandler {
  return async function allHostsEvents(c, next) {
    if (c.req.method !== "GET" || c.req.query("host") !== ALL_HOSTS) return await next();
    const hears = mayHear(ctx.tasks, c.get("identity"));
    return eventStream(c, {
      first: () => ctx.hosts.handles().map(statusOf),
      subscribe: (push) => {
        const following = new Map<string, { ctx: AppContext; stop: () => void }>();
        // Subscribes to hosts not followed yet and drops the removed ones; `announce`: a host
        // joining a stream already open is announced by its connection status.
        const follow = (announce: boolean) => {
          const hosts = ctx.hosts.handles();
          for (const [id, f] of following) {
            if (!hosts.some((h) => h.id === id && h.ctx === f.ctx)) {
              f.stop();
              following.delete(id);
            }
          }
          for (const host of hosts) {
            if (following.has(host.id)) continue;
            const stop = host.ctx.events.subscribe((e) => {
              // Every host's hub announces every task (one task log): the local copy is enough.
              if (e.type === "task-changed" && host.id !== LOCAL_HOST) return;
              if (hears(e)) push({ ...e, host: host.id });
            });
            following.set(host.id, { ctx: host.ctx, stop });
            if (announce) push(statusOf(host));
          }
        };
        follow(false);
        const unwatch = ctx.hosts.onChange(() => follow(true));
        return () => {
          unwatch();
          for (const f of following.values()) f.stop();
          following.clear();
        };
      },
    }, ctx.auth.channels);
  };
}
