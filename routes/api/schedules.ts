// Scheduled operations API (mounted at /api/schedules): jobs, "Run now", run history and the
// next-runs preview of the form. Owner: the scheduler work (issue 6).

import { z } from "zod";
import type { AppContext } from "../../lib/context.ts";
import { AppError } from "../../lib/errors.ts";
import { RUN_LIMIT_MAX } from "../../lib/scheduler/scheduler.ts";
import {
  PREVIEW_CODES,
  PreviewBody,
  SCHEDULE_CODES,
  ScheduleBody,
} from "../../lib/scheduler/input.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { t } from "../../shared/i18n/t.ts";

function limitOf(value: string | undefined): number {
  if (value === undefined) return 50;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > RUN_LIMIT_MAX) {
    throw new AppError(
      "BAD_REQUEST",
      t("limit must be a whole number from 1 to {{max}}", { max: RUN_LIMIT_MAX }),
    );
  }
  return limit;
}

export function scheduleRoutes({ scheduler }: AppContext): DeclaredApp {
  // Admins change jobs; everyone signed in may read them.
  const app = new DeclaredApp({ access: "admin", writesStore: true });

  const limit = z.string().optional().meta({
    description: `How many runs, newest first: 1 to ${RUN_LIMIT_MAX} (default 50)`,
  });

  app.GET("/", "List scheduled jobs", {
    access: "read",
    answer: "ScheduleList",
  }, reply(() => ({ schedules: scheduler.list() })));
  app.POST("/", "Create a scheduled job", {
    body: { schema: ScheduleBody, ...SCHEDULE_CODES },
    responses: { 201: "The job" },
    answer: "Schedule",
  }, reply((_, body) => scheduler.create(body)));
  app.POST("/preview", "The next five runs of a timing (for the form; changes nothing)", {
    audit: null,
    writesStore: false,
    body: { schema: PreviewBody, ...PREVIEW_CODES },
    answer: "SchedulePreview",
  }, reply((_, body) => scheduler.preview(body)));
  app.GET(
    "/runs",
    "Recent runs of every job",
    { access: "read", query: { limit }, answer: "ScheduleRunList" },
    (c) => c.json({ runs: scheduler.runs(null, limitOf(c.req.query("limit"))) }),
  );

  app.GET("/:id", "One scheduled job", {
    access: "read",
    answer: "Schedule",
  }, reply(({ id }) => scheduler.get(id)));
  app.PUT("/:id", "Replace a scheduled job", {
    // Checked by the service once the job is found and not kept by a profile (404 and 409 come
    // before a bad body): the schema only describes the body.
    body: { schema: ScheduleBody, check: false },
    answer: "Schedule",
  }, reply(({ id }, body) => scheduler.replace(id, body)));
  app.DELETE("/:id", "Delete a scheduled job", {
    responses: { 204: "Deleted" },
  }, reply(({ id }) => scheduler.delete(id)));
  app.POST("/:id/run", "Run a scheduled job now", {
    responses: { 202: "{runId} of the run started" },
    answer: "ScheduleRunStarted",
  }, reply(({ id }) => scheduler.runNow(id)));
  app.GET(
    "/:id/runs",
    "Recent runs of one job",
    { access: "read", query: { limit }, answer: "ScheduleRunList" },
    (c) => c.json({ runs: scheduler.runs(c.req.param("id"), limitOf(c.req.query("limit"))) }),
  );

  return app;
}
