// API tokens' expiry and rotation on a real store, with a clock the test moves; and a data
// folder from before expiry and rotation, opened by this build, keeping its tokens.

import { AppError } from "../errors.ts";
import { APP_SCHEMA, openStore, Store } from "../store.ts";
import { hashSecret } from "../secrets.ts";
import { assert, assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { API_TOKEN_LIFETIME } from "./schema.ts";
import { ApiTokens } from "./tokens.ts";

const DAY = 86_400_000;

/** A clock that stands still until the test moves it. */
function clock(start = Date.UTC(2026, 10, 29, 12)) {
  let now = start;
  return { now: () => now, pass: (ms: number) => void (now += ms) };
}

const codeOf = (fn: () => unknown) => assertThrows(fn, AppError).code;

Deno.test("tokens - a token with an expiry works until then and never after", () => {
  using store = openStore(null);
  const time = clock();
  const tokens = new ApiTokens(store, time.now);
  const { token, secret } = tokens.create({
    name: "ci",
    owner: "alice",
    role: "viewer",
    expiresInDays: 2,
  });
  assertEquals(token.expiresAt, new Date(time.now() + 2 * DAY).toISOString());
  time.pass(2 * DAY - 1);
  assertEquals(tokens.verify(secret)?.user, "alice");
  time.pass(1);
  assertEquals(tokens.verify(secret), null, "refused from its expiry on");
  // Listed, still not revoked: the list tells expired from revoked by expiresAt.
  assertEquals(tokens.list()[0].revokedAt, null);
  // Without an expiry a token never stops by itself.
  const forever = tokens.create({ name: "cron", owner: "alice", role: "viewer" });
  assertEquals(forever.token.expiresAt, null);
  time.pass(3650 * DAY);
  assertEquals(tokens.verify(forever.secret)?.token?.name, "cron");
});

Deno.test("tokens - an expiry must be 1 to 3650 whole days", () => {
  using store = openStore(null);
  const tokens = new ApiTokens(store);
  for (const expiresInDays of [0, -1, 3651, 1.5, Number.NaN, "7" as unknown as number]) {
    assertEquals(
      codeOf(() => tokens.create({ name: "x", owner: "a", role: "viewer", expiresInDays })),
      "INVALID_INPUT",
      String(expiresInDays),
    );
  }
  assert(tokens.create({ name: "x", owner: "a", role: "viewer", expiresInDays: 3650 }).secret);
  assertEquals(tokens.list().length, 1, "nothing was stored for a refused expiry");
});

Deno.test("tokens - an expired token's name may be used again; the old row is kept, renamed", () => {
  using store = openStore(null);
  const time = clock();
  const tokens = new ApiTokens(store, time.now);
  const old = tokens.create({ name: "ci", owner: "alice", role: "viewer", expiresInDays: 1 });
  assertEquals(
    codeOf(() => tokens.create({ name: "ci", owner: "alice", role: "viewer" })),
    "TOKEN_EXISTS",
  );
  time.pass(DAY);
  const fresh = tokens.create({ name: "ci", owner: "alice", role: "viewer" });
  assertEquals(fresh.token.name, "ci");
  assertEquals(tokens.get(old.token.id)?.name, `ci (expired ${old.token.id})`);
  assertEquals(tokens.verify(old.secret), null);
});

Deno.test("tokens - rotation: the new secret works, the old one during its grace and never after", () => {
  using store = openStore(null);
  const time = clock();
  const tokens = new ApiTokens(store, time.now);
  const made = tokens.create({
    name: "deploy",
    owner: "alice",
    role: "operator",
    vms: ["11111111-2222-3333-4444-555555555555"],
    expiresInDays: 30,
  });
  const rotated = tokens.rotate(made.token.id, 600);
  assert(rotated.secret !== made.secret);
  assert(rotated.secret.startsWith(`kvmm_${made.token.id}_`), "the same id");
  // Everything but the secret stays.
  const { oldSecretUntil, ...kept } = rotated.token;
  const { oldSecretUntil: none, ...before } = made.token;
  assertEquals(kept, before);
  assertEquals(none, null);
  assertEquals(oldSecretUntil, new Date(time.now() + 600_000).toISOString());
  assertEquals(tokens.verify(rotated.secret)?.vms, ["11111111-2222-3333-4444-555555555555"]);
  time.pass(600_000 - 1);
  assertEquals(tokens.verify(made.secret)?.token?.id, made.token.id, "the old one in its grace");
  assertEquals(tokens.get(made.token.id)?.oldSecretUntil, oldSecretUntil);
  time.pass(1);
  assertEquals(tokens.verify(made.secret), null, "the old one after its grace");
  assertEquals(tokens.get(made.token.id)?.oldSecretUntil, null);
  assertEquals(tokens.verify(rotated.secret)?.role, "operator");
  // Only the hashes are stored, the new one and the old one.
  const row = store.db.prepare("SELECT * FROM api_tokens").get()!;
  for (const secret of [made.secret, rotated.secret]) {
    assert(!JSON.stringify(row).includes(secret.slice(-43)), "no secret itself is stored");
  }
  assertEquals(row.previous_hash, hashSecret(made.secret));
});

Deno.test("tokens - a grace of 0 cuts the old secret at once; a second rotation ends the first one's grace", () => {
  using store = openStore(null);
  const time = clock();
  const tokens = new ApiTokens(store, time.now);
  const first = tokens.create({ name: "ci", owner: "alice", role: "viewer" });
  const second = tokens.rotate(first.token.id);
  assertEquals(tokens.verify(first.secret), null);
  assertEquals(second.token.oldSecretUntil, null);
  assertEquals(tokens.verify(second.secret)?.user, "alice");
  const third = tokens.rotate(first.token.id, 3600);
  assertEquals(tokens.verify(second.secret)?.user, "alice", "in its grace");
  const fourth = tokens.rotate(first.token.id, 3600);
  assertEquals(tokens.verify(second.secret), null, "two rotations ago");
  assertEquals(tokens.verify(third.secret)?.user, "alice", "one rotation ago, in its grace");
  assertEquals(tokens.verify(fourth.secret)?.user, "alice");
});

Deno.test("tokens - the old secret stops with the token: at its expiry, or when it is revoked", () => {
  using store = openStore(null);
  const time = clock();
  const tokens = new ApiTokens(store, time.now);
  const a = tokens.create({ name: "a", owner: "alice", role: "viewer", expiresInDays: 1 });
  tokens.rotate(a.token.id, 30 * 86_400);
  time.pass(DAY);
  assertEquals(tokens.verify(a.secret), null, "the grace does not outlive the expiry");
  const b = tokens.create({ name: "b", owner: "alice", role: "viewer" });
  const newB = tokens.rotate(b.token.id, 3600);
  tokens.revoke(b.token.id);
  assertEquals(tokens.verify(b.secret), null);
  assertEquals(tokens.verify(newB.secret), null);
});

Deno.test("tokens - a revoked, expired or unknown token is not rotated, and a grace is bounded", () => {
  using store = openStore(null);
  const time = clock();
  const tokens = new ApiTokens(store, time.now);
  const revoked = tokens.create({ name: "r", owner: "alice", role: "viewer" });
  tokens.revoke(revoked.token.id);
  const revokedRefusal = assertThrows(() => tokens.rotate(revoked.token.id), AppError);
  assertEquals([revokedRefusal.code, revokedRefusal.status], ["TOKEN_REVOKED", 409]);
  assertEquals(revokedRefusal.message, "The token r is revoked: make a new one instead");
  const expiring = tokens.create({ name: "e", owner: "alice", role: "viewer", expiresInDays: 1 });
  time.pass(DAY);
  const expiredRefusal = assertThrows(() => tokens.rotate(expiring.token.id), AppError);
  assertEquals([expiredRefusal.code, expiredRefusal.status], ["TOKEN_PAST_EXPIRY", 409]);
  assertEquals(codeOf(() => tokens.rotate("0000000000000000")), "TOKEN_NOT_FOUND");
  const live = tokens.create({ name: "l", owner: "alice", role: "viewer" });
  for (const grace of [-1, 30 * 86_400 + 1, 0.5]) {
    assertEquals(codeOf(() => tokens.rotate(live.token.id, grace)), "INVALID_INPUT", `${grace}`);
  }
  assertEquals(tokens.verify(live.secret)?.user, "alice", "a refused rotation changes nothing");
  assertEquals(tokens.verify(revoked.secret), null);
});

Deno.test("tokens - a data folder from before expiry and rotation opens and keeps its tokens", () => {
  const dir = Deno.makeTempDirSync({ prefix: "kvmm-tokens-" });
  const path = `${dir}/kvm-manager.db`;
  try {
    const step = APP_SCHEMA.migrations.indexOf(API_TOKEN_LIFETIME);
    assert(step > 0, "the expiry and rotation columns are a migration of the app store");
    const secret = `kvmm_00112233aabbccdd_${"A".repeat(43)}`;
    {
      // The store as the previous release left it, with a token its code made.
      using old = Store.open(path, {
        migrations: APP_SCHEMA.migrations.slice(0, step),
        quickCheck: true,
      });
      old.db.prepare(
        `INSERT INTO api_tokens (id, name, owner, role, vms, secret_hash, created_at)
         VALUES ('00112233aabbccdd', 'backup', 'root', 'viewer', '"*"', ?, 1)`,
      ).run(hashSecret(secret));
    }
    using store = openStore(dir);
    const tokens = new ApiTokens(store);
    assertEquals(tokens.verify(secret)?.token?.name, "backup");
    const [listed] = tokens.list();
    assertEquals([listed.expiresAt, listed.oldSecretUntil], [null, null]);
    // And the new columns work on it.
    const rotated = tokens.rotate(listed.id, 60);
    assertEquals(tokens.verify(secret)?.user, "root");
    assertEquals(tokens.verify(rotated.secret)?.user, "root");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
