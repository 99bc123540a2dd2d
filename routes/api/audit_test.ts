// The audit API in memory: paging through filtered entries, the action list, and every
// refused filter in words a user can act on.

import { Hono } from "hono";
import { AuditLog } from "../../lib/audit/log.ts";
import { AUDIT_STEPS } from "../../lib/audit/schema.ts";
import type { AuditEntryInput, AuditPage } from "../../shared/audit.ts";
import { AppError } from "../../lib/errors.ts";
import { Store } from "../../lib/store.ts";
import { assertEquals } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import { auditRoutes } from "./audit.ts";

const VM = "6b5a6f1e-0000-4000-8000-000000000001";

/** /api/audit over a log holding `n` entries, one a minute from 08:00 on 2026-01-10. */
async function withApi(n: number, fn: (get: (q: string) => Promise<Response>) => Promise<void>) {
  using store = Store.open(":memory:", { migrations: AUDIT_STEPS, quickCheck: false });
  const log = new AuditLog(store);
  for (let i = 0; i < n; i++) {
    const entry: AuditEntryInput = {
      at: new Date(Date.parse("2026-01-10T08:00:00Z") + i * 60_000).toISOString(),
      user: i % 2 ? "bob" : "alice",
      via: "session",
      action: i % 3 ? "vm.start" : "pool.delete",
      method: "POST",
      path: `/api/vms/${VM}/start`,
      target: i % 3 ? VM : "images",
      status: i % 5 ? 200 : 403,
      result: i % 5 ? "ok" : "denied",
    };
    log.record(entry);
  }
  const app = new Hono();
  app.route("/api/audit", auditRoutes(log));
  // As routes/app.ts answers an AppError.
  app.onError((err, c) =>
    c.json({ code: (err as AppError).code, message: err.message }, (err as AppError).status as 400)
  );
  await fn(async (q) => await app.request(`http://localhost/api/audit${q}`));
}

async function json<R>(res: Response, status: number): Promise<R> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as R;
}

Deno.test("audit API - pages newest first through filtered entries", async () => {
  await withApi(30, async (get) => {
    const all = await json<AuditPage>(await get(""), 200);
    assertEquals([all.entries.length, all.entries[0].id, all.nextBefore], [30, 30, null]);

    // Bob's starts are the odd minutes not divisible by 3: ids 2, 6, 8, 12, 14, 18, 20, 24, 26, 30.
    const first = await json<AuditPage>(await get("?user=bob&action=vm.start&limit=5"), 200);
    assertEquals([first.entries.map((e) => e.id), first.nextBefore], [[30, 26, 24, 20, 18], 18]);
    const second = await json<AuditPage>(
      await get(`?user=bob&action=vm.start&limit=5&before=${first.nextBefore}`),
      200,
    );
    assertEquals([second.entries.map((e) => e.id), second.nextBefore], [[14, 12, 8, 6, 2], null]);

    const window = await json<AuditPage>(
      await get("?since=2026-01-10T08:10:00Z&until=2026-01-10T08:13:00Z&target=images"),
      200,
    );
    assertEquals(window.entries.map((e) => [e.id, e.at, e.target]), [
      [13, "2026-01-10T08:12:00.000Z", "images"],
    ]);
    const denied = await json<AuditPage>(await get("?result=denied&action=pool.*"), 200);
    assertEquals(denied.entries.map((e) => e.id), [16, 1]);
    // Blank fields, as an empty form sends them, filter nothing.
    const blank = await json<AuditPage>(await get("?user=&action=&since=&limit="), 200);
    assertEquals(blank.entries.length, 30);
  });
});

Deno.test("audit API - lists the actions recorded", async () => {
  await withApi(0, async (get) => {
    assertEquals(await json(await get("/actions"), 200), { actions: [] });
  });
  await withApi(4, async (get) => {
    assertEquals(await json(await get("/actions"), 200), { actions: ["pool.delete", "vm.start"] });
  });
});

Deno.test("audit API - every wrong filter is INVALID_FILTER, saying what to send", async () => {
  await withApi(1, async (get) => {
    const refused = async (q: string) => {
      const body = await json<ApiError>(await get(q), 400);
      assertEquals(body.code, "INVALID_FILTER");
      return body.message;
    };
    assertEquals(
      await refused("?limit=0"),
      "limit must be a whole number from 1 to 500",
    );
    assertEquals(await refused("?limit=1e2"), "limit must be a whole number from 1 to 500");
    assertEquals(await refused("?limit=501"), "limit must be a whole number from 1 to 500");
    assertEquals(
      await refused("?before=-1"),
      `before must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`,
    );
    assertEquals(await refused("?result=maybe"), "result must be one of ok, error, denied");
    assertEquals(
      await refused("?since=last%20week"),
      "since must be an ISO 8601 date, or a time with its zone, such as 2026-01-10T08:00:00Z",
    );
    assertEquals(
      await refused("?since=2026-01-11&until=2026-01-10"),
      "since must be earlier than until",
    );
    assertEquals(
      await refused("?who=alice"),
      "Unknown filter who: use user, action, target, result, since, until, before, limit",
    );
  });
});
