// /api/tokens on the whole app in memory: a token made with an expiry and refused past it, and
// POST /api/tokens/:id/rotate (the new secret once, the old one for its grace period, who may,
// and what it refuses). Time passing is written into the store, where the tokens keep it.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { type TestApp, withTestApp } from "../../tests/harness/test_app.ts";

const DAY = 86_400_000;

/** A request with this bearer secret only (not the harness's admin token). */
const as = (t: TestApp, secret: string, method: string, path: string, body?: unknown) =>
  t.app.request(`http://localhost${path}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** The status a bearer secret gets on a read every role may make. */
const statusOf = async (t: TestApp, secret: string) => {
  const res = await as(t, secret, "GET", "/api/vms");
  await res.body?.cancel();
  return res.status;
};

/**
 * Moves a stored time of one token into the past, as if that much time had gone by (in the app
 * store, which the audit log shares).
 */
const lapse = (t: TestApp, id: string, column: "expires_at" | "previous_until") =>
  t.ctx.audit.store.db.prepare(`UPDATE api_tokens SET ${column} = ? WHERE id = ?`)
    .run(Date.now() - 1, id);

const create = async (t: TestApp, body: Record<string, unknown>) => {
  const res = await t.req("POST", "/api/tokens", { role: "viewer", ...body });
  return { status: res.status, body: await res.json() };
};

Deno.test("tokens API - a token made with an expiry lists it and is refused past it", async () => {
  await withTestApp(async (t) => {
    const before = Date.now();
    const made = await create(t, { name: "weekly", expiresInDays: 7 });
    assertEquals(made.status, 201);
    const expiresAt = Date.parse(made.body.token.expiresAt);
    assert(expiresAt >= before + 7 * DAY && expiresAt <= Date.now() + 7 * DAY, made.body.token);
    const forever = await create(t, { name: "forever" });
    assertEquals(forever.body.token.expiresAt, null);
    const nullExpiry = await create(t, { name: "null", expiresInDays: null });
    assertEquals([nullExpiry.status, nullExpiry.body.token.expiresAt], [201, null]);
    const { tokens } = await (await t.req("GET", "/api/tokens")).json();
    const listed = tokens.find((k: { name: string }) => k.name === "weekly");
    assertEquals([listed.expiresAt, listed.oldSecretUntil], [made.body.token.expiresAt, null]);

    assertEquals(await statusOf(t, made.body.secret), 200);
    lapse(t, made.body.token.id, "expires_at");
    const refused = await as(t, made.body.secret, "GET", "/api/vms");
    assertEquals(refused.status, 401);
    const why = await refused.json();
    assertEquals(why.code, "TOKEN_EXPIRED");
    assert(/^The API token expired on \d{4}-\d\d-\d\dT.*: make a new one$/.test(why.message), why);
    // Only the token's own secret learns that: another secret with its id is just unknown.
    const guessed = made.body.secret.slice(0, -1) + (made.body.secret.endsWith("a") ? "b" : "a");
    const unknown = await as(t, guessed, "GET", "/api/vms");
    assertEquals([unknown.status, (await unknown.json()).code], [401, "UNAUTHENTICATED"]);
  });
});

Deno.test("tokens API - an expiry is 1 to 3650 whole days, checked before anything is made", async () => {
  await withTestApp(async (t) => {
    for (const expiresInDays of [0, 3651, 1.5, "7", -3]) {
      const refused = await create(t, { name: "bad", expiresInDays });
      assertEquals([refused.status, refused.body.code], [400, "INVALID_INPUT"], `${expiresInDays}`);
      assertEquals(
        refused.body.message,
        "Expiry must be a whole number of days from 1 to 3650, or none",
      );
    }
    assertEquals(t.ctx.auth.tokens.list().filter((k) => k.name === "bad"), []);
    assertEquals((await create(t, { name: "bad", expiresInDays: 3650 })).status, 201);
  });
});

Deno.test("tokens API - rotate answers a new secret once; the old one works for its grace, then never", async () => {
  await withTestApp(async (t) => {
    const made = await create(t, { name: "deploy", expiresInDays: 30 });
    const { id } = made.body.token;
    const res = await t.req("POST", `/api/tokens/${id}/rotate`, { graceSeconds: 600 });
    assertEquals(res.status, 200);
    const rotated = await res.json();
    assert(rotated.secret.startsWith(`kvmm_${id}_`) && rotated.secret !== made.body.secret);
    for (const kept of ["id", "name", "owner", "role", "vms", "expiresAt", "createdAt"]) {
      assertEquals(rotated.token[kept], made.body.token[kept], kept);
    }
    const until = Date.parse(rotated.token.oldSecretUntil);
    assert(Math.abs(until - (Date.now() + 600_000)) < 5_000, rotated.token.oldSecretUntil);
    assertEquals(await statusOf(t, rotated.secret), 200);
    assertEquals(await statusOf(t, made.body.secret), 200, "the old secret in its grace");
    lapse(t, id, "previous_until");
    assertEquals(await statusOf(t, made.body.secret), 401, "the old secret after its grace");
    assertEquals(await statusOf(t, rotated.secret), 200);
    // The list no longer offers the old secret's end, and no answer holds a secret.
    const listed = await (await t.req("GET", "/api/tokens")).text();
    assert(!listed.includes(rotated.secret.slice(-43)) && !listed.includes("kvmm_"));
    assertEquals(
      JSON.parse(listed).tokens.find((k: { id: string }) => k.id === id).oldSecretUntil,
      null,
    );

    // Recorded as token.rotate, without the secret.
    const page = t.ctx.audit.query({ action: "token.rotate" });
    assertEquals(page.entries.map((e) => [e.result, e.status]), [["ok", 200]]);
    assert(!JSON.stringify(page).includes(rotated.secret.slice(-43)));
  });
});

Deno.test("tokens API - rotate without a body or with grace 0 cuts the old secret at once", async () => {
  await withTestApp(async (t) => {
    for (const body of [undefined, { graceSeconds: 0 }]) {
      const made = await create(t, { name: `now-${body === undefined}` });
      const res = await t.req("POST", `/api/tokens/${made.body.token.id}/rotate`, body);
      assertEquals(res.status, 200, JSON.stringify(body));
      const rotated = await res.json();
      assertEquals(rotated.token.oldSecretUntil, null);
      assertEquals(await statusOf(t, made.body.secret), 401);
      assertEquals(await statusOf(t, rotated.secret), 200);
    }
  });
});

Deno.test("tokens API - rotate refuses a revoked, expired or unknown token and a grace out of bounds", async () => {
  await withTestApp(async (t) => {
    const rotate = async (id: string, body: unknown = { graceSeconds: 60 }) => {
      const res = await t.req("POST", `/api/tokens/${id}/rotate`, body);
      return [res.status, (await res.json()) as { code: string; message: string }] as const;
    };
    const revoked = await create(t, { name: "gone" });
    assertEquals((await t.req("DELETE", `/api/tokens/${revoked.body.token.id}`)).status, 200);
    assertEquals(await rotate(revoked.body.token.id), [409, {
      code: "TOKEN_REVOKED",
      message: "The token gone is revoked: make a new one instead",
    }]);
    const expired = await create(t, { name: "old", expiresInDays: 1 });
    lapse(t, expired.body.token.id, "expires_at");
    assertEquals(await rotate(expired.body.token.id), [409, {
      code: "TOKEN_PAST_EXPIRY",
      message: "The token old has expired: make a new one instead",
    }]);
    const [status, unknown] = await rotate("0000000000000000");
    assertEquals([status, unknown.code], [404, "TOKEN_NOT_FOUND"]);
    const live = await create(t, { name: "live" });
    for (const graceSeconds of [-1, 30 * 86_400 + 1, 2.5, "60"]) {
      const [status, body] = await rotate(live.body.token.id, { graceSeconds });
      assertEquals([status, body.code], [400, "INVALID_INPUT"], `${graceSeconds}`);
    }
    assertEquals(await statusOf(t, live.body.secret), 200, "refusals changed nothing");
    // The refusals are in the audit trail too.
    const results = t.ctx.audit.query({ action: "token.rotate" }).entries.map((e) => e.status);
    assertEquals(results.filter((s) => s === 409).length, 2);
  });
});

Deno.test("tokens API - only those who may revoke a token may rotate it", async () => {
  await withTestApp(async (t) => {
    const made = await create(t, { name: "target" });
    const path = `/api/tokens/${made.body.token.id}`;
    for (const role of ["operator", "viewer"] as const) {
      const secret = t.tokenFor(role);
      for (const [method, to] of [["DELETE", path], ["POST", `${path}/rotate`]]) {
        const res = await as(t, secret, method, to, method === "POST" ? {} : undefined);
        assertEquals(res.status, 403, `${role} ${method} ${to}`);
        await res.body?.cancel();
      }
    }
    assertEquals(await statusOf(t, made.body.secret), 200, "still its own secret");
  });
});

Deno.test("tokens API - an admin rotates only her own tokens; another's she may revoke", async () => {
  await withTestApp(async (t) => {
    // A token of another account (an admin too): a new secret would act as its owner.
    const bobs = t.ctx.auth.tokens.create({ name: "bobs", owner: "bob", role: "admin" });
    const res = await t.req("POST", `/api/tokens/${bobs.token.id}/rotate`, { graceSeconds: 600 });
    assertEquals(res.status, 403);
    assertEquals(
      (await res.json()).message,
      "Only bob, who made this token, may rotate it; revoke it instead",
    );
    assertEquals(t.ctx.auth.tokens.get(bobs.token.id)?.oldSecretUntil, null, "not rotated");
    const revoked = await t.req("DELETE", `/api/tokens/${bobs.token.id}`);
    assertEquals(revoked.status, 200);
    await revoked.body?.cancel();
  });
});

Deno.test("tokens API - an old secret in its grace period uses the API but manages no token", async () => {
  await withTestApp(async (t) => {
    const made = await create(t, { name: "leaked", role: "admin" });
    const id = made.body.token.id;
    const res = await t.req("POST", `/api/tokens/${id}/rotate`, { graceSeconds: 3600 });
    const rotated = await res.json();
    const old = made.body.secret;
    assertEquals(await statusOf(t, old), 200, "the old secret reads in its grace");
    const attempts: [string, string, unknown][] = [
      ["POST", `/api/tokens/${id}/rotate`, { graceSeconds: 0 }],
      ["POST", "/api/tokens", { name: "mine", role: "admin" }],
      ["DELETE", `/api/tokens/${id}`, undefined],
    ];
    for (const [method, path, body] of attempts) {
      const refused = await as(t, old, method, path, body);
      const answer = await refused.json();
      assertEquals([refused.status, answer.code], [403, "FORBIDDEN"], `${method} ${path}`);
      assertEquals(
        answer.message,
        "This is the old secret of token leaked, kept only for its grace period: it may not make, rotate or revoke tokens",
      );
    }
    assertEquals(await statusOf(t, rotated.secret), 200, "the new secret still works");
    assertEquals(t.ctx.auth.tokens.list().some((k) => k.name === "mine"), false);
    // The audit trail tells which secret each came with: a leaked old one shows as such.
    const made2 = await as(t, rotated.secret, "POST", "/api/tokens", {
      name: "by-new",
      role: "viewer",
    });
    assertEquals(made2.status, 201);
    await made2.body?.cancel();
    const byLeaked = t.ctx.audit.query({}).entries.filter((e) => e.tokenName === "leaked")
      .map((e) => [e.action, e.status, e.tokenOldSecret]);
    assertEquals(byLeaked, [
      ["token.create", 201, false],
      ["token.revoke", 403, true],
      ["token.create", 403, true],
      ["token.rotate", 403, true],
    ]);
  });
});

Deno.test("tokens API - a token that expires makes only tokens that expire by then", async () => {
  await withTestApp(async (t) => {
    const weekly = await create(t, { name: "weekly", role: "admin", expiresInDays: 7 });
    const secret = weekly.body.secret;
    for (const body of [{ name: "forever" }, { name: "longer", expiresInDays: 8 }]) {
      const refused = await as(t, secret, "POST", "/api/tokens", { role: "viewer", ...body });
      assertEquals(refused.status, 403, body.name);
      assert(
        /^This token expires on .*: a token it makes must expire by then$/.test(
          (await refused.json()).message,
        ),
      );
    }
    const shorter = await as(t, secret, "POST", "/api/tokens", {
      name: "shorter",
      role: "viewer",
      expiresInDays: 6,
    });
    assertEquals(shorter.status, 201);
    await shorter.body?.cancel();
  });
});
