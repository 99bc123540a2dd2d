// A change sent again with its Idempotency-Key: answered from the first answer (waiting for it
// while it runs), per caller and path; refusals replayed too; answers that cannot be kept refuse
// the retry; keys are bounded in number and time; requests without a key are untouched.

import { Hono } from "hono";
import { AppError } from "../../lib/errors.ts";
import type { Identity } from "../../shared/auth.ts";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { idempotency, KEEP_MS, MAX_BODY, MAX_KEYS } from "./idempotency.ts";

const KEY = "0f4c7a1e-5b2d-4c8e-9a3f-1d2e3f4a5b6c";

function app(now = () => 0) {
  let runs = 0;
  let release: () => void = () => {};
  const app = new Hono();
  app.use("*", async (c, next) => {
    const user = c.req.header("x-user") ?? "alice";
    // "-": a public route's caller, before any sign-in.
    if (user !== "-") {
      c.set("identity", { user, role: "admin", vms: "*", via: "session" } as Identity);
    }
    await next();
  });
  app.use("*", idempotency(now));
  app.post("/api/networks", (c) => c.json({ name: "lab", run: ++runs }, 201));
  app.post("/api/slow", async (c) => {
    runs++;
    await new Promise<void>((r) => release = r);
    return c.json({ run: runs }, 201);
  });
  app.post("/api/refused", () => {
    runs++;
    throw new AppError("NAME_EXISTS", "Network name already exists: lab");
  });
  app.post("/api/big", (c) => c.json({ runs: ++runs, pad: "x".repeat(MAX_BODY) }));
  app.post("/api/text", (c) => c.text(`run ${++runs}`));
  app.onError((err, c) =>
    err instanceof AppError
      ? c.json({ code: err.code, message: err.message }, err.status as 400)
      : c.json({ code: "INTERNAL_ERROR" }, 500)
  );
  const send = async (path: string, key: string | null = KEY, user = "alice") => {
    const headers: Record<string, string> = { "x-user": user };
    if (key !== null) headers["idempotency-key"] = key;
    const res = await app.request(path, { method: "POST", headers });
    return { status: res.status, body: await res.json().catch(() => null), res };
  };
  return { send, runs: () => runs, release: () => release() };
}

Deno.test("idempotency - the same key again gets the first answer, and the change runs once", async () => {
  const t = app();
  const first = await t.send("/api/networks");
  const again = await t.send("/api/networks");
  assertEquals([first.status, first.body], [201, { name: "lab", run: 1 }]);
  assertEquals([again.status, again.body], [201, { name: "lab", run: 1 }]);
  assertEquals(again.res.headers.get("idempotency-replay"), "true");
  assertEquals(t.runs(), 1);
  // Another key, no key, another path or another caller: another request.
  assertEquals((await t.send("/api/networks", "another-key-1234")).body.run, 2);
  assertEquals((await t.send("/api/networks", null)).body.run, 3);
  assertEquals((await t.send("/api/networks", null)).body.run, 4);
  assertEquals((await t.send("/api/networks", KEY, "bob")).body.run, 5);
  // The query is part of the request: the same change on another host is another change.
  assertEquals((await t.send("/api/networks?host=lab2")).body.run, 6);
  assertEquals((await t.send("/api/networks?host=lab2")).body.run, 6, "and is replayed itself");
  // A public route's callers share no scope: an anonymous retry runs (sign-in is safe to retry),
  // and never gets another caller's answer.
  assertEquals((await t.send("/api/networks", KEY, "-")).body.run, 7);
  assertEquals((await t.send("/api/networks", KEY, "-")).body.run, 8);
});

Deno.test("idempotency - a retry while the first still runs waits for its answer", async () => {
  const t = app();
  const first = t.send("/api/slow");
  const retry = t.send("/api/slow");
  await new Promise((r) => setTimeout(r, 20));
  assertEquals(t.runs(), 1, "the retry did not run the change");
  t.release();
  assertEquals([(await first).body, (await retry).body], [{ run: 1 }, { run: 1 }]);
});

Deno.test("idempotency - a refusal is replayed as it was; what cannot be kept refuses the retry", async () => {
  const t = app();
  const refused = await t.send("/api/refused");
  assertEquals([refused.status, refused.body.code], [409, "NAME_EXISTS"]);
  assertEquals((await t.send("/api/refused")).body.code, "NAME_EXISTS");
  assertEquals(t.runs(), 1);
  for (const path of ["/api/big", "/api/text"]) {
    const first = await t.send(path);
    assertEquals(first.status, 200);
    const again = await t.send(path);
    assertEquals([again.status, again.body.code], [409, "ALREADY_DONE"], path);
    assert(again.body.message.includes("reload the page"), again.body.message);
  }
  assertEquals(t.runs(), 3, "neither ran twice");
});

Deno.test("idempotency - a malformed key is a 400; keys are bounded in number and in time", async () => {
  let clock = 0;
  const t = app(() => clock);
  for (const bad of ["short", "x".repeat(65), "has space in it", "semi;colon-key"]) {
    const res = await t.send("/api/networks", bad);
    assertEquals([res.status, res.body.code], [400, "INVALID_IDEMPOTENCY_KEY"], bad);
  }
  assertEquals(t.runs(), 0);
  await t.send("/api/networks");
  clock = KEEP_MS + 1;
  assertEquals((await t.send("/api/networks")).body.run, 2, "forgotten after KEEP_MS");
  for (let i = 0; i < MAX_KEYS; i++) await t.send("/api/networks", `bulk-key-${i}`);
  assertEquals((await t.send("/api/networks")).body.run, MAX_KEYS + 3, "the oldest went first");
});
