// The two replace routes whose body the service checks (PUT a scheduled job, PUT an alert rule):
// the OpenAPI document describes their bodies, yet a missing job or rule still answers 404
// before a bad body is looked at, and a body that is not JSON is still 400.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { AlertRule } from "../../shared/metrics.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

const MISSING = "6b5a6f1e-0000-4000-8000-00000000ffff";

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as T;
}

interface Operation {
  requestBody?: {
    required?: boolean;
    content: { "application/json": { schema: { properties?: Record<string, unknown> } } };
  };
}

Deno.test("replace routes - the document describes the bodies of PUT schedules and alert rules", async () => {
  await withTestApp(async ({ req }) => {
    const doc = await json<{ paths: Record<string, Record<string, Operation>> }>(
      await req("GET", "/api/openapi.json"),
      200,
    );
    const body = (path: string) => doc.paths[path].put.requestBody;
    const schedule = body("/api/schedules/{id}");
    assertEquals(schedule?.required, true);
    const job = schedule!.content["application/json"].schema.properties ?? {};
    for (const field of ["name", "operation", "vmIds", "timing", "timezone", "options"]) {
      assert(field in job, `PUT /api/schedules/{id} documents ${field}`);
    }
    const rule = body("/api/alerts/rules/{id}")?.content["application/json"].schema.properties;
    for (const field of ["name", "metric", "threshold", "vmId", "webhookUrl"]) {
      assert(field in (rule ?? {}), `PUT /api/alerts/rules/{id} documents ${field}`);
    }
  });
});

Deno.test("replace routes - a missing job or rule is 404 before a bad body; not JSON is 400", async () => {
  await withTestApp(async ({ req }) => {
    assertEquals(await json<ApiError>(await req("PUT", `/api/schedules/${MISSING}`, {}), 404), {
      code: "SCHEDULE_NOT_FOUND",
      message: `Scheduled job not found: ${MISSING}`,
    });
    assertEquals(
      await json<ApiError>(await req("PUT", `/api/alerts/rules/${MISSING}`, { name: 5 }), 404),
      { code: "ALERT_RULE_NOT_FOUND", message: `Alert rule not found: ${MISSING}` },
    );
    const rule = await json<AlertRule>(
      await req("POST", "/api/alerts/rules", { name: "hot", metric: "cpu", threshold: 90 }),
      201,
    );
    const malformed = { code: "BAD_REQUEST", message: "Malformed JSON body" };
    assertEquals(
      await json<ApiError>(await req("PUT", `/api/alerts/rules/${rule.id}`, "{not json"), 400),
      malformed,
    );
    assertEquals(
      await json<ApiError>(
        await req("PUT", `/api/alerts/rules/${rule.id}`, { threshold: 90 }),
        400,
      ),
      {
        code: "INVALID_ALERT_RULE",
        message: "name is required: 1-64 characters, not starting with '-' or '.', without '/', " +
          "'<', '>', invisible or control characters, nor a space at either end",
      },
    );
  });
});
