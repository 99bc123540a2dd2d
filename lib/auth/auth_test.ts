// The auth building blocks on a real (in-memory) store: tokens, sessions, grants, the login
// limiter, console tickets and the route table.

import { AppError } from "../errors.ts";
import { openStore } from "../store.ts";
import { assert, assertEquals, assertRejects, assertThrows } from "../testing/assert.ts";
import { UserAccess } from "./access.ts";
import { LoginLimiter, MAX_FAILURES, WINDOW_MS } from "./login_limiter.ts";
import { mayPower, meets, needOf } from "./permissions.ts";
import { AuthService } from "./service.ts";
import { DEFAULT_AUTH } from "../config.ts";
import { SESSION_MAX_MS, Sessions } from "./sessions.ts";
import { ConsoleTickets, TICKET_TTL_MS } from "./tickets.ts";
import { ApiTokens } from "./tokens.ts";
import type { HostAccounts } from "./pam.ts";
import type { Identity } from "./types.ts";

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
    close: () => {},
  };
}

Deno.test("an API token is shown once, stored as a hash, verified, and dies when revoked", () => {
  using store = openStore(null);
  const tokens = new ApiTokens(store);
  const { token, secret } = tokens.create({ name: "ci", owner: "alice", role: "viewer" });
  assert(/^kvmm_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/.test(secret), secret);
  const row = store.db.prepare("SELECT * FROM api_tokens").get()!;
  assert(!JSON.stringify(row).includes(secret.split("_")[2]), "the secret itself is not stored");
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

Deno.test("the login limiter refuses an address after repeated failures, not others", () => {
  let now = 0;
  const limiter = new LoginLimiter(() => now);
  for (let i = 0; i < MAX_FAILURES; i++) {
    assertEquals(limiter.retryAfter("10.0.0.1"), 0);
    limiter.failed("10.0.0.1");
  }
  assert(limiter.retryAfter("10.0.0.1") > 0);
  assertEquals(limiter.retryAfter("10.0.0.2"), 0, "another address is not locked out");
  now += WINDOW_MS + 1;
  assertEquals(limiter.retryAfter("10.0.0.1"), 0, "the window passes");
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

Deno.test("the route table: public, reads, VM power for operators, admin for the rest", () => {
  assertEquals(needOf("GET", "/login").kind, "public");
  assertEquals(needOf("GET", "/static/app.css").kind, "public");
  assertEquals(needOf("POST", "/api/auth/login").kind, "public");
  assertEquals(needOf("GET", "/api/auth/me").kind, "signed-in");
  assertEquals(needOf("GET", "/api/vms").kind, "read");
  assertEquals(needOf("GET", "/").kind, "read");
  assertEquals(needOf("POST", `/api/vms/${VM_A}/start`), { kind: "vm", vm: VM_A });
  assertEquals(needOf("POST", `/api/vms/${VM_A}/console-ticket`), { kind: "vm", vm: VM_A });
  assertEquals(needOf("GET", `/api/vms/${VM_A}/vnc`), { kind: "vm", vm: VM_A });
  assertEquals(needOf("POST", `/api/vms/${VM_A}/clone`).kind, "admin");
  assertEquals(needOf("DELETE", `/api/vms/${VM_A}`).kind, "admin");
  assertEquals(needOf("GET", `/api/vms/${VM_A}/guest/file`).kind, "admin");
  assertEquals(needOf("GET", `/api/vms/${VM_A}/xml`).kind, "admin");
  assertEquals(needOf("GET", "/api/pools/default/volumes/a.qcow2/content").kind, "admin");
  assertEquals(needOf("GET", "/api/tokens").kind, "admin");
  assertEquals(needOf("GET", "/agent/kvmm-agent.js").kind, "admin");
  assertEquals(needOf("PUT", "/api/settings/metrics").kind, "admin");
  const viewer: Identity = { user: "v", role: "viewer", vms: "*", via: "session" };
  const operator: Identity = { user: "o", role: "operator", vms: [VM_A], via: "session" };
  assert(meets(viewer, { kind: "read" }));
  assert(!meets(viewer, { kind: "vm", vm: VM_A }));
  assert(!meets(operator, { kind: "admin" }));
  assert(mayPower(operator, VM_A) && !mayPower(operator, VM_B) && !mayPower(viewer, VM_A));
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
  assertEquals(await codeOf("mallory", "pw"), "NOT_ALLOWED");
  assertEquals(await codeOf(7, "x"), "INVALID_INPUT");
  for (let i = 0; i < MAX_FAILURES; i++) await codeOf("alice", "x", "10.0.0.7");
  assertEquals(await codeOf("alice", "s3cret", "10.0.0.7"), "TOO_MANY_ATTEMPTS");
  const ok = await auth.login("alice", "s3cret", "10.0.0.8");
  assertEquals(ok.identity, { user: "alice", role: "admin", vms: "*", via: "session" });
  assertEquals(auth.identify({ cookie: ok.secret })?.csrf, ok.csrf);
  auth.logout(ok.secret);
  assertEquals(auth.identify({ cookie: ok.secret }), null);
  assertEquals(auth.identify({ bearer: "kvmm_nope" }), null);
  auth.close();
});
