// One authorisation path for sessions and API tokens: every declared route is called by the same
// account and role once signed in (a session cookie with its CSRF token) and once with an API
// token, and the answers must agree on whether the caller may do it (the status when either is
// refused, and the words of a refusal). Roles: viewer, operator, admin, and an operator granted one
// VM only. The one declared difference: a route declared `sessionOnly` (second factors) refuses
// every token with its own words, and the session as its role says. Each pair of calls is made token first, then session, on a fresh test node per role,
// so what the first call changed (a VM started) only moves the second from one success or
// not-found to another, never across the line this test watches.
//
// Then the tasks: a task another account started, and one the same account started, are stopped
// (or not) alike by its session and its token.

import { assert, assertEquals } from "../tests/support/assert.ts";
import { type Declared } from "./declare.ts";
import { withTestApp } from "../tests/harness/test_app.ts";
import { createApp } from "./app.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "./middleware/auth.ts";
import type { Role } from "../shared/auth.ts";

/** The test node's VM "web" (routes/test_app fixtures): the one VM the limited grant has. */
const VM = "0a4e1e5c-0000-4000-8000-000000000001";
const USER = "root";

function samplePath(route: Declared): string {
  return route.path
    .replace(":action", "start")
    .replace(":id", VM)
    .replace(/:(\w+)\{[^}]*\}/g, "a/b")
    .replace(/:(\w+)/g, "x");
}

/** Whether an answer is a refusal of the caller (not of the request's content). */
const refused = (status: number) => status === 401 || status === 403;

interface Answer {
  status: number;
  code?: string;
  message?: string;
}

/** The status, and a refusal's words; any other body is left unread (event streams never end). */
async function answerOf(res: Response): Promise<Answer> {
  if (!refused(res.status)) {
    await res.body?.cancel();
    return { status: res.status };
  }
  const body = await res.json().catch(() => null);
  return { status: res.status, code: body?.code, message: body?.message };
}

const GRANTS: { role: Role; vms: "*" | string[] }[] = [
  { role: "viewer", vms: "*" },
  { role: "operator", vms: "*" },
  { role: "operator", vms: [VM] },
  { role: "admin", vms: "*" },
];

for (const grant of GRANTS) {
  const who = `${grant.role}${grant.vms === "*" ? "" : " of one VM"}`;
  Deno.test(`session and token walk - a ${who}'s session and token are answered alike on every route`, async () => {
    await withTestApp(async ({ ctx }) => {
      const app = createApp(ctx);
      const session = ctx.auth.sessions.create(USER, grant.role, grant.vms, null);
      const token = ctx.auth.tokens.create({
        name: `walk-${crypto.randomUUID()}`,
        owner: USER,
        role: grant.role,
        vms: grant.vms,
      }).secret;
      const call = (route: Declared, via: "session" | "token") => {
        const method = route.method.toUpperCase();
        const headers: Record<string, string> = { accept: "application/json" };
        if (via === "token") headers.authorization = `Bearer ${token}`;
        else {
          headers.cookie = `${SESSION_COOKIE}=${session.secret}`;
          headers[CSRF_HEADER] = session.csrf;
          headers.origin = "http://localhost";
        }
        const body = method === "GET" || method === "HEAD" ? undefined : "{}";
        if (body) headers["content-type"] = "application/json";
        return Promise.resolve(
          app.request(`http://localhost${samplePath(route)}`, { method, headers, body }),
        ).then(answerOf);
      };
      const differ: string[] = [];
      let walked = 0;
      for (const route of app.declared) {
        if (route.access === "public") continue;
        // The sign-out ends the session the rest of the walk uses.
        if (/\/(logout|sign-out)$/.test(route.path)) continue;
        const where = `${route.method.toUpperCase()} ${route.path}`;
        const byToken = await call(route, "token");
        const bySession = await call(route, "session");
        walked++;
        if (route.sessionOnly && !refused(bySession.status)) {
          assertEquals([byToken.status, byToken.message], [403, route.sessionOnly], where);
          continue;
        }
        if (!refused(byToken.status) && !refused(bySession.status)) continue;
        if (byToken.status !== bySession.status || byToken.message !== bySession.message) {
          differ.push(
            `${where}: token ${byToken.status} ${byToken.code ?? ""} "${byToken.message ?? ""}", ` +
              `session ${bySession.status} ${bySession.code ?? ""} "${bySession.message ?? ""}"`,
          );
        }
      }
      assert(walked > 150, `only ${walked} routes walked`);
      assertEquals(differ, [], `${who}: answers that differ`);
    });
  });
}

Deno.test("session and token walk - a task is stopped, or refused, alike through a session and a token", async () => {
  await withTestApp(async ({ ctx }) => {
    const app = createApp(ctx);
    const session = ctx.auth.sessions.create(USER, "operator", "*", null);
    const token = ctx.auth.tokens.create({
      name: `walk-${crypto.randomUUID()}`,
      owner: USER,
      role: "operator",
      vms: "*",
    }).secret;
    const cancel = async (id: number, via: "session" | "token") => {
      const headers: Record<string, string> = via === "token"
        ? { authorization: `Bearer ${token}` }
        : { cookie: `${SESSION_COOKIE}=${session.secret}`, [CSRF_HEADER]: session.csrf };
      const res = await app.request(`http://localhost/api/tasks/${id}/cancel`, {
        method: "POST",
        headers,
      });
      const body = await res.json();
      return { status: res.status, code: body.code, message: body.message };
    };
    // A download (admins start them) by another account, and one by this account.
    const start = (user: string) =>
      ctx.tasks.start({ action: "image.download", user, hostId: "local", cancel: () => {} }).id;
    for (const via of ["token", "session"] as const) {
      const theirs = await cancel(start("someone-else"), via);
      assertEquals(
        [theirs.status, theirs.code, theirs.message],
        [
          403,
          "FORBIDDEN",
          'Only someone-else, who started "Download image", or an admin may cancel it',
        ],
        `another account's task, by ${via}`,
      );
      const mine = await cancel(start(USER), via);
      assertEquals(mine.status, 200, `the account's own task, by ${via}: ${mine.message}`);
    }
  });
});
