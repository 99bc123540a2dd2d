// Counts every answered request by method, route pattern and status for /metrics.

import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { RequestCounter } from "../../lib/metrics/prometheus.ts";

export function requestMetrics(counter: RequestCounter): MiddlewareHandler {
  return async (c, next) => {
    // Before next(): an answered WebSocket upgrade closes the request.
    const method = c.req.method;
    await next();
    // The pattern, never the path: one series per route, not one per VM or file.
    const pattern = routePath(c);
    counter.count(method, pattern && pattern !== "/*" ? pattern : "unmatched", c.res.status);
  };
}
