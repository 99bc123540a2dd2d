// Counts every answered request by method, route pattern and status for /metrics.

import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { RequestCounter } from "../../lib/metrics/prometheus.ts";

export function requestMetrics(counter: RequestCounter): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // The pattern, never the path: one series per route, not one per VM or file.
    const pattern = routePath(c);
    counter.count(c.req.method, pattern && pattern !== "/*" ? pattern : "unmatched", c.res.status);
  };
}
