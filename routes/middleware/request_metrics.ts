// Counts every answered request by method, route pattern and status for /metrics.

import type { MiddlewareHandler } from "hono";
import type { RequestCounter } from "../../lib/metrics/prometheus.ts";
import type { RouteTable } from "../route_table.ts";

export function requestMetrics(
  counter: RequestCounter,
  routes: () => RouteTable,
): MiddlewareHandler {
  return async (c, next) => {
    // Before next(): an answered WebSocket upgrade closes the request.
    const method = c.req.method;
    await next();
    // The declared pattern, never the path: one series per route, not one per VM or file (a
    // remote host's request too, though middleware answers it: routes/app.ts).
    const pattern = routes().matchRequest(c.req)?.route.path;
    counter.count(method, pattern ?? "unmatched", c.res.status);
  };
}
