// The audit log on an in-memory store: recording, every filter, paging, trimming, the action
// list and the refusals of a wrong filter.

import { AppError } from "../errors.ts";
import { assert, assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { Store } from "../store.ts";
import { AuditLog, checkFilter } from "./log.ts";
import { AUDIT_STEPS } from "./schema.ts";
import type { AuditEntryInput, AuditFilter } from "../../shared/audit.ts";

const openAuditStore = () => Store.open(":memory:", { migrations: AUDIT_STEPS, quickCheck: false });

const VM = "6b5a6f1e-0000-4000-8000-000000000001";

/** An entry at minute `n` after 08:00 on 2026-01-10. */
const entry = (n: number, extra: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
  at: new Date(Date.parse("2026-01-10T08:00:00Z") + n * 60_000).toISOString(),
  user: "alice",
  via: "session",
  action: "vm.start",
  method: "POST",
  path: `/api/vms/${VM}/start`,
  target: VM,
  status: 200,
  result: "ok",
  ...extra,
});

/** A log holding a small, varied history (ids 1–6). */
function seeded(store: Store): AuditLog {
  const log = new AuditLog(store);
  log.record(entry(0));
  log.record(entry(1, { user: "bob", via: "token", tokenName: "ci", action: "vm.stop" }));
  log.record(entry(2, {
    action: "pool.create",
    path: "/api/pools",
    target: "images",
    status: 409,
    result: "error",
    errorCode: "ALREADY_EXISTS",
    message: "Pool images already exists",
  }));
  log.record(entry(3, { user: "-", via: "anonymous", status: 401, result: "denied" }));
  log.record(entry(4, { action: "vm.delete", method: "DELETE", path: `/api/vms/${VM}` }));
  log.record(
    entry(5, { user: "bob", action: "auth.login", path: "/api/auth/login", target: null }),
  );
  return log;
}

const ids = (log: AuditLog, filter: AuditFilter) => log.query(filter).entries.map((e) => e.id);

Deno.test("audit log - records an entry and reads it back whole", () => {
  using store = openAuditStore();
  const log = new AuditLog(store);
  log.record(
    entry(1, { via: "token", tokenName: "ci", tokenOldSecret: true, ip: "192.0.2.7" }),
  );
  log.record({ ...entry(2), at: undefined, target: undefined });
  const { entries, nextBefore } = log.query({});
  assertEquals(nextBefore, null);
  assertEquals(entries[1], {
    id: 1,
    at: "2026-01-10T08:01:00.000Z",
    user: "alice",
    via: "token",
    tokenName: "ci",
    tokenOldSecret: true,
    ip: "192.0.2.7",
    action: "vm.start",
    method: "POST",
    path: `/api/vms/${VM}/start`,
    target: VM,
    status: 200,
    result: "ok",
    errorCode: null,
    message: null,
  });
  assertEquals(
    [entries[0].id, entries[0].target, entries[0].tokenName, entries[0].tokenOldSecret],
    [2, null, null, false],
  );
  assert(Date.now() - Date.parse(entries[0].at) < 60_000, "a missing time is now");
});

Deno.test("audit log - every filter narrows the answer, newest first", () => {
  using store = openAuditStore();
  const log = seeded(store);
  assertEquals(ids(log, {}), [6, 5, 4, 3, 2, 1]);
  assertEquals(ids(log, { user: "bob" }), [6, 2]);
  assertEquals(ids(log, { action: "vm.start" }), [4, 1]);
  assertEquals(ids(log, { action: "vm.*" }), [5, 4, 2, 1]);
  assertEquals(ids(log, { action: "pool.*" }), [3]);
  assertEquals(ids(log, { target: "images" }), [3]);
  assertEquals(ids(log, { result: "denied" }), [4]);
  assertEquals(ids(log, { result: "error" }), [3]);
  assertEquals(ids(log, { since: "2026-01-10T08:02:00Z", until: "2026-01-10T08:04:00Z" }), [4, 3]);
  assertEquals(ids(log, { since: "2026-01-10T09:02:00+01:00" }), [6, 5, 4, 3]);
  assertEquals(ids(log, { until: "2026-01-10" }), []);
  assertEquals(ids(log, { user: "alice", action: "vm.*", result: "ok" }), [5, 1]);
  const [failed] = log.query({ target: "images" }).entries;
  assertEquals([failed.errorCode, failed.message, failed.status], [
    "ALREADY_EXISTS",
    "Pool images already exists",
    409,
  ]);
});

Deno.test("audit log - pages with before and nextBefore until the oldest row", () => {
  using store = openAuditStore();
  const log = seeded(store);
  const first = log.query({ limit: 4 });
  assertEquals([first.entries.map((e) => e.id), first.nextBefore], [[6, 5, 4, 3], 3]);
  const second = log.query({ limit: 4, before: first.nextBefore! });
  assertEquals([second.entries.map((e) => e.id), second.nextBefore], [[2, 1], null]);
  // Exactly a page left: no next page, rather than an empty one.
  assertEquals(log.query({ limit: 2, before: 3 }).nextBefore, null);
  const bob = log.query({ user: "bob", limit: 1 });
  assertEquals([bob.entries.map((e) => e.id), bob.nextBefore], [[6], 6]);
  assertEquals(ids(log, { user: "bob", limit: 1, before: 6 }), [2]);
});

Deno.test("audit log - keeps the newest rows, trimming in batches", () => {
  using store = openAuditStore();
  const log = new AuditLog(store, { keep: 10, trimEvery: 5 });
  const count = () => Number(store.db.prepare("SELECT count(*) AS n FROM audit_log").get()?.n);
  // The first record after start trims, then every fifth: records 1, 6, 11, 16…
  for (let i = 1; i <= 10; i++) log.record(entry(i));
  assertEquals(count(), 10);
  log.record(entry(11));
  assertEquals(count(), 10, "the eleventh trims the oldest");
  for (let i = 12; i <= 15; i++) log.record(entry(i));
  assertEquals(count(), 14, "no trim between batches");
  log.record(entry(16));
  const left = log.query({ limit: 500 }).entries.map((e) => e.id);
  assertEquals([left.length, left[0], left[left.length - 1]], [10, 16, 7]);
  log.record(entry(17));
  assertEquals(count(), 11);
  // A restart trims on its first record.
  new AuditLog(store, { keep: 10, trimEvery: 5 }).record(entry(18));
  assertEquals(count(), 10);
});

Deno.test("audit log - filters and the trim use indexes, never a scan of the table", () => {
  using store = openAuditStore();
  const plan = (sql: string, ...args: (string | number)[]) =>
    store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args).map((r) => String(r.detail))
      .join("; ");
  for (const column of ["user", "action", "target"]) {
    const detail = plan(
      `SELECT * FROM audit_log WHERE ${column} = ? ORDER BY id DESC LIMIT 101`,
      "x",
    );
    assert(detail.includes(`USING INDEX audit_log_${column}`), detail);
    assert(!detail.includes("TEMP B-TREE"), `${column} needs no sort: ${detail}`);
  }
  // The trim deletes by primary key range; its subquery walks back only `keep` rows.
  const trim = plan(
    "DELETE FROM audit_log WHERE id <= (SELECT id FROM audit_log ORDER BY id DESC LIMIT 1 OFFSET ?)",
    10,
  );
  assert(trim.startsWith("SEARCH audit_log USING INTEGER PRIMARY KEY"), trim);
});

Deno.test("audit log - lists each recorded action once, sorted", () => {
  using store = openAuditStore();
  assertEquals(new AuditLog(store).actions(), []);
  const log = seeded(store);
  assertEquals(log.actions(), ["auth.login", "pool.create", "vm.delete", "vm.start", "vm.stop"]);
});

Deno.test("audit log - a wrong filter is INVALID_FILTER in words that say what to send", () => {
  const refused = (filter: Record<string, unknown>) => {
    const err = assertThrows(() => checkFilter(filter as AuditFilter), AppError);
    assertEquals([err.status, err.code], [400, "INVALID_FILTER"]);
    return err.message;
  };
  assertEquals(refused({ limit: 0 }), "limit must be a whole number from 1 to 500");
  assertEquals(refused({ limit: 501 }), "limit must be a whole number from 1 to 500");
  assertEquals(refused({ limit: 2.5 }), "limit must be a whole number from 1 to 500");
  assertEquals(
    refused({ before: 0 }),
    `before must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`,
  );
  assertEquals(refused({ result: "failed" }), "result must be one of ok, error, denied");
  assertEquals(
    refused({ since: "yesterday" }),
    "since must be an ISO 8601 date, or a time with its zone, such as 2026-01-10T08:00:00Z",
  );
  // Without a zone the time would be read in the server's own.
  assertEquals(refused({ until: "2026-01-10T08:00" }).startsWith("until must be"), true);
  assertEquals(refused({ since: "2026-02-30" }).startsWith("since must be"), true);
  assertEquals(
    refused({ since: "2026-01-10T09:00:00Z", until: "2026-01-10T08:00:00Z" }),
    "since must be earlier than until",
  );
  assertEquals(refused({ user: "" }), "user must be 1–256 characters without control characters");
  assertEquals(refused({ target: "a\nb" }).startsWith("target must be"), true);
  assertEquals(refused({ action: "x".repeat(257) }).startsWith("action must be"), true);
  assertEquals(checkFilter({ since: "2026-01-10T09:00:00+01:00" }), {
    user: undefined,
    action: undefined,
    target: undefined,
    result: undefined,
    since: "2026-01-10T08:00:00.000Z",
    until: undefined,
    before: undefined,
    limit: 100,
  });
});

Deno.test("audit log - a failed write is logged, never thrown at the request", () => {
  const store = openAuditStore();
  const log = new AuditLog(store);
  store.close();
  const errors: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  try {
    log.record(entry(1));
  } finally {
    console.error = original;
  }
  assertEquals(errors.length, 1);
  assertEquals(errors[0][0], "Audit log: cannot record vm.start by alice:");
});
