// The auth building blocks on a real (in-memory) store: tokens, sessions, grants, the login
// limiter and console tickets (what each route needs: routes/middleware/auth_need_test.ts).

import { AppError } from "../errors.ts";
import { openStore } from "../store.ts";
import {
  assert,
  assertEquals,
  assertMatch,
  assertRejects,
  assertThrows,
} from "../../tests/support/assert.ts";
import { UserAccess } from "./access.ts";
import {
  ACCOUNT_MAX_ATTEMPTS,
  ADDRESS_MAX_ATTEMPTS,
  addressBucket,
  type Attempt,
  LoginLimiter,
  MAX_PENDING,
  PENDING_RETRY_AFTER_S,
  WINDOW_MS,
} from "./login_limiter.ts";
import { AuthService, OWNER_GRANT_TTL_MS, SignInRefused } from "./service.ts";
import { DEFAULT_AUTH } from "../config.ts";
import { SESSION_MAX_MS, Sessions } from "./sessions.ts";
import { ConsoleTickets, TICKET_TTL_MS } from "./tickets.ts";
import { ApiTokens } from "./tokens.ts";
import type { HostAccounts } from "./pam.ts";

const VM_A = "11111111-2222-3333-4444-555555555555";
const VM_B = "66666666-7777-8888-9999-000000000000";

/** Host accounts as a table: the service's own logic runs; PAM itself is tested in pam_test. */
function accountsOf(table: Record<string, { password: string; groups: string[] }>): HostAccounts {
  return {
    authenticate: (user, password) =>
      Promise.resolve(
        table[user]?.password === password
          ? { ok: true }
          : { ok: false, reason: "bad-credentials", message: "Authentication failure" },
      ),
    groupsOf: (user) => Promise.resolve(table[user]?.groups ?? null),
    canonicalName: (user) => Promise.resolve(Object.hasOwn(table, user) ? user : null),
    close: () => {},
  };
}

Deno.test("an API token is shown once, stored as a hash, verified, and dies when revoked", () => {
  using store = openStore(null);
  const tokens = new ApiTokens(store);
  const { token, secret } = tokens.create({ name: "ci", owner: "alice", role: "viewer" });
  assert(/^kvmm_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/.test(secret), secret);
  const row = store.db.prepare("SELECT * FROM api_tokens").get()!;
  // The random part is base64url and may itself hold "_", so take all of it, not split("_")[2].
  const randomPart = secret.slice("kvmm_".length + 16 + 1);
  assert(!JSON.stringify(row).includes(randomPart), "the secret itself is not stored");
  assertEquals(tokens.verify(secret)?.role, "viewer");
  assertEquals(tokens.verify(secret)?.token?.name, "ci");
  assertEquals(tokens.verify(secret.slice(0, -1) + (secret.endsWith("a") ? "b" : "a")), null);
  assertEquals(tokens.verify("kvmm_garbage"), null);
  assertEquals(
    assertThrows(() => tokens.create({ name: "ci", owner: "alice", role: "viewer" }), AppError)
      .code,
    "TOKEN_EXISTS",
  );
  tokens.revoke(token.id);
  assertEquals(tokens.verify(secret), null);
  assert(tokens.get(token.id)!.revokedAt !== null);
  // The name is free again once revoked.
  tokens.create({ name: "ci", owner: "alice", role: "admin" });
  assertEquals(assertThrows(() => tokens.revoke("0000000000000000"), AppError).status, 404);
  assertEquals(
    assertThrows(() => tokens.create({ name: "", owner: "a", role: "viewer" }), AppError).code,
    "INVALID_INPUT",
  );
  assertEquals(
    assertThrows(() => tokens.create({ name: "x", owner: "a", role: "root" as never }), AppError)
      .code,
    "INVALID_INPUT",
  );
});

Deno.test("a session ends after its idle time and after its lifetime, and never before", () => {
  using store = openStore(null);
  let now = 1_000_000;
  const sessions = new Sessions(store, 30 * 60_000, () => now);
  const { secret, csrf } = sessions.create("alice", "operator", [VM_A], "10.0.0.1");
  assertEquals(sessions.lookup(secret)?.csrf, csrf);
  assertEquals(sessions.lookup("wrong"), null);
  now += 29 * 60_000;
  assert(sessions.lookup(secret), "still alive inside the idle window");
  now += 29 * 60_000;
  assert(sessions.lookup(secret), "each request moved the idle window on");
  now += 31 * 60_000;
  assertEquals(sessions.lookup(secret), null);
  const second = sessions.create("alice", "operator", [VM_A], null);
  for (let t = 0; t < SESSION_MAX_MS; t += 20 * 60_000) {
    now += 20 * 60_000;
    sessions.lookup(second.secret);
  }
  now += 20 * 60_000;
  assertEquals(sessions.lookup(second.secret), null, "past the 24 h lifetime");
  const third = sessions.create("bob", "viewer", "*", null);
  sessions.updateUser("bob", "operator", [VM_B]);
  assertEquals(sessions.lookup(third.secret)?.identity.vms, [VM_B]);
  sessions.endUser("bob");
  assertEquals(sessions.lookup(third.secret), null);
  // An open console asking again (touch: false) does not keep its session alive.
  const fourth = sessions.create("carol", "operator", [VM_A], null);
  now += 29 * 60_000;
  assert(sessions.lookup(fourth.secret, { touch: false }), "alive, not touched");
  now += 2 * 60_000;
  assertEquals(sessions.lookup(fourth.secret, { touch: false }), null, "idle for 31 minutes");
});

Deno.test("only root and members of a configured group get a grant; assignments override", () => {
  using store = openStore(null);
  const access = new UserAccess(store, DEFAULT_AUTH);
  assertEquals(access.grantFor("root", []), { role: "admin", vms: "*", source: "root" });
  assertEquals(access.grantFor("alice", ["users", "libvirt"])?.role, "admin");
  assertEquals(access.grantFor("op", ["kvm-manager-operators"])?.role, "operator");
  assertEquals(access.grantFor("v", ["kvm-manager-viewers"])?.role, "viewer");
  assertEquals(access.grantFor("mallory", ["users", "sudo"]), null);
  access.set("alice", "operator", [VM_A], "root");
  assertEquals(access.grantFor("alice", ["libvirt"]), {
    role: "operator",
    vms: [VM_A],
    source: "assigned",
  });
  access.set("mallory", "admin", "*", "root");
  assertEquals(access.grantFor("mallory", ["users"]), null, "an assignment is no way in");
  assertEquals(assertThrows(() => access.set("root", "viewer", "*", "x"), AppError).status, 400);
  assertEquals(assertThrows(() => access.set("a b", "viewer", "*", "x"), AppError).status, 400);
  access.remove("alice");
  assertEquals(access.grantFor("alice", ["libvirt"])?.source, "group");
  assertEquals(assertThrows(() => access.remove("alice"), AppError).status, 404);
});

Deno.test("the login limiter counts attempts when they start, per address and per account", () => {
  let now = 0;
  const limiter = new LoginLimiter(() => now);
  const fail = (ip: string, user: string) => {
    const a = limiter.begin(ip, user);
    a.finish(false);
  };
  // Attempts still at PAM count: the address is full before any of them has failed.
  const started: Attempt[] = [];
  for (let i = 0; i < ADDRESS_MAX_ATTEMPTS; i++) {
    started.push(limiter.begin("10.0.0.1", `u${i}`));
    started.at(-1)!.pamDone();
    started.at(-1)!.finish(false);
  }
  const full = assertThrows(() => limiter.begin("10.0.0.1", "other"), AppError);
  assertEquals([full.status, full.code], [429, "TOO_MANY_ATTEMPTS"]);
  assertEquals(full.details?.retryAfter, WINDOW_MS / 1000);
  assertEquals(limiter.retryAfter("10.0.0.1"), WINDOW_MS / 1000);
  limiter.begin("10.0.0.2", "other").finish(true);
  now += WINDOW_MS + 1;
  assertEquals(limiter.retryAfter("10.0.0.1"), 0, "the window passes");

  // One account from many addresses: its bucket fills, other accounts are not touched.
  for (let i = 0; i < ACCOUNT_MAX_ATTEMPTS; i++) fail(`10.1.0.${i}`, "alice");
  const account = assertThrows(() => limiter.begin("10.2.0.1", "Alice"), AppError);
  assertMatch(account.message, /for this account/);
  limiter.begin("10.2.0.1", "bob").finish(true);
});

Deno.test("the login limiter: another account's success resets nothing; a success forgives only its own typos", () => {
  let now = 0;
  const limiter = new LoginLimiter(() => now);
  const ip = "192.0.2.7";
  for (let i = 0; i < ADDRESS_MAX_ATTEMPTS - 2; i++) limiter.begin(ip, "alice").finish(false);
  limiter.begin(ip, "carol").finish(false);
  // bob signs in from the same address: alice's guesses keep counting.
  limiter.begin(ip, "bob").finish(true);
  limiter.begin(ip, "alice").finish(false);
  assertEquals(
    assertThrows(() => limiter.begin(ip, "alice"), AppError).code,
    "TOO_MANY_ATTEMPTS",
    "bob's success did not reset the address",
  );
  now += 1000;
  // carol's own success from here frees carol's slot only.
  const other = new LoginLimiter(() => now);
  for (let i = 0; i < 3; i++) other.begin(ip, "carol").finish(false);
  for (let i = 0; i < ADDRESS_MAX_ATTEMPTS - 4; i++) other.begin(ip, "dave").finish(false);
  other.begin(ip, "carol").finish(true);
  for (let i = 0; i < 4; i++) other.begin(ip, "dave").finish(false);
  assertEquals(assertThrows(() => other.begin(ip, "dave"), AppError).code, "TOO_MANY_ATTEMPTS");
});

Deno.test("the login limiter bounds the PAM queue overall and per address", () => {
  const limiter = new LoginLimiter(() => 0);
  const first = limiter.begin("10.0.0.1", "a");
  const second = limiter.begin("10.0.0.1", "b");
  const third = assertThrows(() => limiter.begin("10.0.0.1", "c"), AppError);
  assertEquals([third.status, third.code], [429, "TOO_MANY_ATTEMPTS"]);
  assertEquals(third.details?.retryAfter, PENDING_RETRY_AFTER_S);
  first.finish(false);
  limiter.begin("10.0.0.1", "c");
  second.finish(false);
  // Everyone together: at most MAX_PENDING wait for PAM (each a different account and address,
  // so that all weigh the same and none gives way).
  const waiting: Attempt[] = [];
  for (let i = limiter.pending; i < MAX_PENDING; i++) {
    waiting.push(limiter.begin(`10.5.0.${i}`, `x${i}`));
  }
  const busy = assertThrows(() => limiter.begin("10.6.0.1", "y"), AppError);
  assertMatch(busy.message, /busy/);
  assertEquals(busy.details?.retryAfter, PENDING_RETRY_AFTER_S);
  // PAM's answer frees the queue's place (the failure delay after it does not hold one).
  waiting[0].pamDone();
  limiter.begin("10.6.0.1", "y");
  // An IPv6 host holds a /64: its addresses share one bucket.
  assertEquals(addressBucket("2001:db8:1:2::5"), addressBucket("2001:0db8:1:2:aaaa::9"));
  assertEquals(addressBucket("::ffff:10.0.0.1"), "10.0.0.1");
  assert(addressBucket("2001:db8:1:3::5") !== addressBucket("2001:db8:1:2::5"));
});

Deno.test("the login limiter: guesses from six addresses neither keep a seventh out of a full PAM queue nor ahead of it", async () => {
  const limiter = new LoginLimiter(() => 0, 2);
  const order: string[] = [];
  const inPam: Attempt[] = [];
  let refused = 0;
  for (let a = 1; a <= 6; a++) {
    for (let i = 0; i < 2; i++) {
      const ip = `10.7.0.${a}`;
      try {
        const g = limiter.begin(ip, "root");
        g.turn().then(() => {
          order.push(ip);
          inPam.push(g);
        }, () => order.push(`gave way: ${ip}`));
      } catch {
        refused++;
      }
    }
  }
  assertEquals(limiter.pending, MAX_PENDING, "the queue stays bounded");
  assert(refused > 0, "a full queue refuses guesses from addresses that asked as often");
  const right = limiter.begin("10.7.0.7", "alice");
  right.turn().then(() => order.push("right"));
  assertEquals(limiter.pending, MAX_PENDING);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  await settle();
  // Two guesses are inside PAM; a waiting guess of an address that asked twice gave way.
  assertEquals(order.slice(0, 2), ["10.7.0.1", "10.7.0.1"]);
  assertMatch(order[2], /^gave way: /);
  assert(!order.includes("right"), order.join());
  // PAM answers one guess: the address that asked least goes next.
  inPam[0].pamDone();
  await settle();
  assertEquals(order.at(-1), "right", order.join());
});

Deno.test("the login limiter: one guess each from eight addresses at one account keeps no other account's right password out", async () => {
  const limiter = new LoginLimiter(() => 0, 2);
  const order: string[] = [];
  const inPam: Attempt[] = [];
  for (let a = 1; a <= MAX_PENDING; a++) {
    const ip = `10.8.${a}.1`;
    const g = limiter.begin(ip, "alice");
    g.turn().then(() => {
      order.push(ip);
      inPam.push(g);
    }, () => order.push(`gave way: ${ip}`));
  }
  assertEquals(limiter.pending, MAX_PENDING);
  // Eight guesses at alice weigh as one guesser's eight: bob's newest-first place is made.
  const right = limiter.begin("10.8.99.1", "bob");
  right.turn().then(() => order.push("right"));
  const settle = () => new Promise((r) => setTimeout(r, 0));
  await settle();
  assertEquals(limiter.pending, MAX_PENDING, "the queue stays bounded");
  assertEquals(order.filter((o) => o.startsWith("gave way")), ["gave way: 10.8.8.1"]);
  inPam[0].pamDone();
  await settle();
  assertEquals(order.at(-1), "right", order.join());
});

Deno.test("the login limiter: a busy refusal is not counted against the address that retries", () => {
  const limiter = new LoginLimiter(() => 0, 2);
  // Eight accounts from eight addresses, one try each: all weigh the same, so a newcomer waits.
  const first = [];
  for (let a = 1; a <= MAX_PENDING; a++) first.push(limiter.begin(`10.9.${a}.1`, `user${a}`));
  for (let retry = 0; retry < 3; retry++) {
    const err = assertThrows(() => limiter.begin("10.9.99.1", "carol"), AppError);
    assertMatch(err.message, /busy checking other sign-ins/);
  }
  // user1's attempt ends; user3 is tried again from elsewhere: both of user3's now weigh two.
  first[0].finish(false);
  limiter.begin("10.9.50.1", "user3");
  assertEquals(limiter.pending, MAX_PENDING);
  // Carol's three refusals were not asks: she weighs one, and takes the newest user3 place.
  limiter.begin("10.9.99.1", "carol");
  assertEquals(limiter.pending, MAX_PENDING);
});

Deno.test("the login limiter: guesses at an account neither lock out nor push out its owner at an address it signed in from", async () => {
  const limiter = new LoginLimiter(() => 0, 2);
  const own = limiter.begin("10.10.0.1", "alice");
  await own.turn();
  own.finish(true);
  // Twenty guesses at alice from ten addresses: the account's bucket is full for everyone else.
  for (let a = 1; a <= 10; a++) {
    for (let i = 0; i < 2; i++) {
      const guess = limiter.begin(`10.10.${a}.9`, "alice");
      await guess.turn();
      guess.finish(false);
    }
  }
  const locked = assertThrows(() => limiter.begin("10.10.50.9", "alice"), AppError);
  assertMatch(locked.message, /for this account/);
  // Eight sign-ins of four addresses that asked twice each fill the queue (each weighs two).
  for (let a = 1; a <= 4; a++) {
    limiter.begin(`10.11.${a}.1`, `u${a}a`).finish(false);
    for (let i = 0; i < 2; i++) limiter.begin(`10.11.${a}.1`, `u${a}-${i}`);
  }
  assertEquals(limiter.pending, MAX_PENDING);
  // Alice at her own address weighs one, not the guesses' twenty: she takes a place.
  const right = limiter.begin("10.10.0.1", "alice");
  assertEquals(limiter.pending, MAX_PENDING);
  right.finish(true);
});

Deno.test("the login limiter: an attempt pushed out of the queue is not counted against its address", async () => {
  const limiter = new LoginLimiter(() => 0, 2);
  for (let a = 1; a <= MAX_PENDING - 1; a++) limiter.begin(`10.12.${a}.1`, `v${a}`);
  // Two real failures make 10.12.99.1 heavier than a newcomer.
  for (let i = 0; i < 2; i++) limiter.begin("10.12.99.1", `w${i}`).finish(false);
  for (let round = 0; round < ADDRESS_MAX_ATTEMPTS; round++) {
    const pushed = limiter.begin("10.12.99.1", "w");
    let gaveWay = false;
    pushed.turn().catch(() => gaveWay = true);
    const newcomer = limiter.begin(`10.13.${round}.1`, `n${round}`);
    await new Promise((r) => setTimeout(r, 0));
    assert(gaveWay, `round ${round}: the heavier waiting attempt gives way`);
    pushed.finish(false);
    newcomer.finish(false);
  }
  // Ten pushes later the address may still try: only its two real failures count.
  limiter.begin("10.12.99.1", "w").finish(false);
});

Deno.test("a console ticket opens one VM once, for its user, before it expires", () => {
  let now = 0;
  const tickets = new ConsoleTickets(() => now);
  const a = tickets.issue("alice", VM_A).ticket;
  assertEquals(tickets.redeem(a, "alice", VM_B), false, "not for another VM");
  const b = tickets.issue("alice", VM_A).ticket;
  assertEquals(tickets.redeem(b, "bob", VM_A), false, "not for another user");
  const c = tickets.issue("alice", VM_A).ticket;
  assertEquals(tickets.redeem(c, "alice", VM_A), true);
  assertEquals(tickets.redeem(c, "alice", VM_A), false, "single use");
  const d = tickets.issue("alice", VM_A).ticket;
  now += TICKET_TTL_MS + 1;
  assertEquals(tickets.redeem(d, "alice", VM_A), false, "expired");
  assertEquals(tickets.redeem("", "alice", VM_A), false);
});

Deno.test("sign-in: wrong password, outsider, too many attempts, then a session with a grant", async () => {
  using store = openStore(null);
  const auth = new AuthService({
    store,
    settings: DEFAULT_AUTH,
    accounts: accountsOf({
      alice: { password: "s3cret", groups: ["libvirt"] },
      mallory: { password: "pw", groups: ["users"] },
    }),
    failureDelayMs: 0,
  });
  const codeOf = async (user: unknown, password: unknown, ip = "10.0.0.9") =>
    (await assertRejects(() => auth.login(user, password, ip), AppError)).code;
  assertEquals(await codeOf("alice", "nope"), "BAD_CREDENTIALS");
  assertEquals(await codeOf("nobody", "s3cret"), "BAD_CREDENTIALS", "same words as a bad password");
  const outsider = await assertRejects(
    () => auth.login("mallory", "pw", "10.0.0.9"),
    SignInRefused,
  );
  assertEquals(
    [outsider.status, outsider.code, outsider.message, outsider.reason],
    [401, "BAD_CREDENTIALS", "Wrong user name or password", "NOT_ALLOWED"],
    "a right password outside the groups is answered as a wrong one",
  );
  assertMatch(outsider.detail, /mallory may not use KVM Manager/);
  assertEquals(await codeOf(7, "x"), "INVALID_INPUT");
  // A huge name never becomes a limiter key: refused before anything counts it.
  assertEquals(await codeOf("u".repeat(60_000), "x", "10.0.0.6"), "INVALID_INPUT");
  assertEquals(auth.limiter.retryAfter("10.0.0.6"), 0);
  for (let i = 0; i < ADDRESS_MAX_ATTEMPTS; i++) await codeOf(`u${i}`, "x", "10.0.0.7");
  assertEquals(await codeOf("alice", "s3cret", "10.0.0.7"), "TOO_MANY_ATTEMPTS");
  const ok = await auth.login("alice", "s3cret", "10.0.0.8");
  assert("identity" in ok, "no second factor: the session opens at once");
  assertEquals(ok.identity, { user: "alice", role: "admin", vms: "*", via: "session" });
  assertEquals((await auth.identify({ cookie: ok.secret }))?.csrf, ok.csrf);
  auth.logout(ok.secret);
  assertEquals(await auth.identify({ cookie: ok.secret }), null);
  assertEquals(await auth.identify({ bearer: "kvmm_nope" }), null);
  auth.close();
});

Deno.test("sign-in: a wrong password and an account not allowed in are answered after the same delay", async () => {
  using store = openStore(null);
  const auth = new AuthService({
    store,
    settings: DEFAULT_AUTH,
    accounts: accountsOf({ mallory: { password: "pw", groups: ["users"] } }),
    failureDelayMs: 300,
  });
  const timed = async (user: string, password: string) => {
    const t0 = performance.now();
    const err = await assertRejects(() => auth.login(user, password, "10.3.0.1"), AppError);
    return { ms: performance.now() - t0, err };
  };
  const wrong = await timed("mallory", "nope");
  const outsider = await timed("mallory", "pw");
  assertEquals([wrong.err.code, wrong.err.message], [outsider.err.code, outsider.err.message]);
  // Neither before the delay.
  for (const { ms } of [wrong, outsider]) assert(ms >= 295, `answered in ${ms} ms`);
  auth.close();

  // Nor after more than it: with the service's clock past the delay once PAM answers (PAM took
  // all of it), both refusals come before a timer of 0 ms. The delay is counted on that clock
  // from the start, and neither path adds a wait of its own.
  using clockStore = openStore(null);
  let now = 1_000_000;
  const table = accountsOf({ mallory: { password: "pw", groups: ["users"] } });
  const clocked = new AuthService({
    store: clockStore,
    settings: DEFAULT_AUTH,
    accounts: {
      ...table,
      authenticate: async (user, password, ip) => {
        const result = await table.authenticate(user, password, ip);
        now += 300;
        return result;
      },
    },
    failureDelayMs: 300,
    now: () => now,
  });
  const settled: string[] = [];
  const timer = new Promise<void>((r) => setTimeout(() => r(void settled.push("timer")), 0));
  for (const [what, password] of [["wrong", "nope"], ["outsider", "pw"]]) {
    const err = await assertRejects(() => clocked.login("mallory", password, "10.3.0.2"), AppError);
    settled.push(`${what} ${err.code}`);
  }
  await timer;
  assertEquals(settled, ["wrong BAD_CREDENTIALS", "outsider BAD_CREDENTIALS", "timer"]);
  clocked.close();
});

Deno.test("an API token acts with the lower of its role and its owner's current one, and dies with the owner's access", async () => {
  using store = openStore(null);
  let now = 1_000_000;
  const table = {
    alice: { password: "a", groups: ["libvirt"] },
    olga: { password: "o", groups: ["kvm-manager-operators"] },
  } as Record<string, { password: string; groups: string[] }>;
  const auth = new AuthService({
    store,
    settings: DEFAULT_AUTH,
    accounts: accountsOf(table),
    now: () => now,
  });
  const roleOf = async (secret: string) =>
    (await auth.identify({ bearer: secret }))?.identity ?? null;
  const admin = (user: string) => ({
    user,
    role: "admin" as const,
    vms: "*" as const,
    via: "session" as const,
  });
  const { secret } = auth.createToken(admin("alice"), { name: "ci", role: "admin" });
  assertEquals((await roleOf(secret))?.role, "admin");
  // Demoted by an admin: at once.
  auth.assign("alice", "operator", [VM_A], "root");
  const demoted = await roleOf(secret);
  assertEquals([demoted?.role, demoted?.tokenRole, demoted?.vms], ["operator", "admin", [VM_A]]);
  assertEquals(
    (await auth.listTokens()).map((t) => [t.role, t.effectiveRole]),
    [["admin", "operator"]],
  );
  // The assignment removed: the groups decide again.
  auth.unassign("alice");
  assertEquals((await roleOf(secret))?.role, "admin");
  // Out of every allowed group on the host: refused once the remembered grant expires.
  table.alice.groups = ["users"];
  now += OWNER_GRANT_TTL_MS + 1;
  assertEquals(await roleOf(secret), null);
  assertEquals((await auth.listTokens())[0].effectiveRole, null);
  // The account deleted: the same.
  delete table.alice;
  now += OWNER_GRANT_TTL_MS + 1;
  assertEquals(await roleOf(secret), null);
  // An operator's token never acts above its owner; nobody mints above their own role.
  const op = auth.createToken({ ...admin("olga"), role: "operator", vms: [VM_B] }, {
    name: "op",
    role: "operator",
  });
  assertEquals(
    (await roleOf(op.secret))?.vms,
    "*".length ? "*" : [],
    "group operators have every VM",
  );
  const minted = assertThrows(
    () => auth.createToken({ ...admin("olga"), role: "operator" }, { name: "up", role: "admin" }),
    AppError,
  );
  assertEquals([minted.status, minted.code], [403, "FORBIDDEN"]);
  auth.close();
});
