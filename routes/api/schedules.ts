// Scheduled operations API (mounted at /api/schedules): jobs, "Run now", run history and the
// next-runs preview of the form. Owner: the scheduler work (issue 6).

import { Hono } from "hono";
import type { AppContext } from "../../lib/context.ts";
import { AppError } from "../../lib/errors.ts";
import { RUN_LIMIT_MAX } from "../../lib/scheduler/scheduler.ts";
import { jsonBody } from "../body.ts";

function limitOf(value: string | undefined): number {
  if (value === undefined) return 50;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > RUN_LIMIT_MAX) {
    throw new AppError("BAD_REQUEST", `limit must be a whole number from 1 to ${RUN_LIMIT_MAX}`);
  }
  return limit;
}

export function scheduleRoutes({ scheduler }: AppContext): Hono {
  const app = new Hono();

  app.get("/", (c) => c.json({ schedules: scheduler.list() }));
  app.post("/", async (c) => c.json(await scheduler.create(await jsonBody(c.req.raw)), 201));
  app.post("/preview", async (c) => c.json(scheduler.preview(await jsonBody(c.req.raw))));
  app.get("/runs", (c) => c.json({ runs: scheduler.runs(null, limitOf(c.req.query("limit"))) }));

  app.get("/:id", (c) => c.json(scheduler.get(c.req.param("id"))));
  app.put(
    "/:id",
    async (c) => c.json(await scheduler.replace(c.req.param("id"), await jsonBody(c.req.raw))),
  );
  app.delete("/:id", (c) => {
    scheduler.delete(c.req.param("id"));
    return c.body(null, 204);
  });
  app.post("/:id/run", (c) => c.json(scheduler.runNow(c.req.param("id")), 202));
  app.get(
    "/:id/runs",
    (c) => c.json({ runs: scheduler.runs(c.req.param("id"), limitOf(c.req.query("limit"))) }),
  );

  return app;
}
