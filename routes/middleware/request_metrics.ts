// Counts every answered request by method, route pattern and status for /metrics.

import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { routeOf } from "./audit.ts";
import type { RequestCounter } from "../../lib/metrics/prometheus.ts";

export function requestMetrics(counter: RequestCounter): MiddlewareHandler {
  return async (c, next) => {
    // Before next(): an answered WebSocket upgrade closes the request.
    const method = c.req.method;
    await next();
    // The pattern, never the path: one series per route, not one per VM or file. A remote
    // host's request is answered by middleware (routes/app.ts): its route is the one matched.
    const answered = routePath(c);
    const pattern = answered && answered !== "/*" ? answered : routeOf(c);
    counter.count(method, pattern ?? "unmatched", c.res.status);
  };
}
