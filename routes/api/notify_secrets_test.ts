// A target's kept secret stays with the server it was given for: a replace that points a webhook,
// ntfy or Gotify target at another origin, or an e-mail target at another SMTP host, port,
// security or user, without giving the secret again is refused (400 INVALID_NOTIFY_TARGET), and
// the new server gets nothing. And a failed Test shows no URL's query or password. Real loopback
// servers (tests/support/smtp_server.ts) on libvirt's test driver.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { captureServer, smtpServer } from "../../tests/support/smtp_server.ts";
import type { NotifyTarget, TestResult } from "../../shared/notify.ts";
import { type TestApp, withTestApp } from "../../tests/harness/test_app.ts";

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as T;
}

/** Loopback is where the tests' servers are: allowed, as an admin would allow a local relay. */
const withLoopback = (fn: (t: TestApp) => Promise<void>) =>
  withTestApp(async (t) => {
    t.ctx.imageSettings.set({ ...t.ctx.imageSettings.get(), allowedSources: ["127.0.0.1"] });
    await fn(t);
  });

/** PUT `body` to target `id`: refused with INVALID_NOTIFY_TARGET naming the secret. */
async function refusedMove({ req }: TestApp, id: string, body: unknown, what: RegExp) {
  const err = await json<{ code: string; message: string }>(
    await req("PUT", `/api/notify/targets/${id}`, body),
    400,
  );
  assertEquals(err.code, "INVALID_NOTIFY_TARGET", err.message);
  assertMatch(err.message, /^secret: give the .* again: .*changed/);
  assertMatch(err.message, what);
}

Deno.test("notify secrets - a webhook's Authorization does not follow its URL to another server", async () => {
  const home = captureServer();
  const other = captureServer();
  try {
    await withLoopback(async (t) => {
      const { req } = t;
      const hook = (url: string, extra: Record<string, unknown> = {}) => ({
        name: "prod-hook",
        kind: "webhook",
        config: { url },
        ...extra,
      });
      const made = await json<NotifyTarget>(
        await req(
          "POST",
          "/api/notify/targets",
          hook(`${home.url}/abc`, { secret: "Bearer PROD" }),
        ),
        201,
      );
      // Another port of the same address is another server.
      await refusedMove(t, made.id, hook(`${other.url}/steal`), /Authorization header/);
      await refusedMove(t, made.id, hook(`${home.url.replace("http:", "https:")}/abc`), /URL/);
      const test = () => req("POST", `/api/notify/targets/${made.id}/test`);
      assertEquals((await json<TestResult>(await test(), 200)).ok, true);
      assertEquals(other.requests.length, 0, "the other server got nothing");
      assertEquals(home.requests[0].headers.get("authorization"), "Bearer PROD");

      // Another path on the same server keeps it; the secret given again goes anywhere.
      await json(await req("PUT", `/api/notify/targets/${made.id}`, hook(`${home.url}/v2`)), 200);
      assertEquals((await json<TestResult>(await test(), 200)).ok, true);
      assertEquals(
        [home.requests[1].path, home.requests[1].headers.get("authorization")],
        ["/v2", "Bearer PROD"],
      );
      await json(
        await req(
          "PUT",
          `/api/notify/targets/${made.id}`,
          hook(`${other.url}/new`, { secret: "Bearer NEW" }),
        ),
        200,
      );
      assertEquals((await json<TestResult>(await test(), 200)).ok, true);
      assertEquals(other.requests[0].headers.get("authorization"), "Bearer NEW");
      // Removing it (null) while moving is fine: nothing is kept.
      const cleared = await json<NotifyTarget>(
        await req(
          "PUT",
          `/api/notify/targets/${made.id}`,
          hook(`${home.url}/x`, { secret: null }),
        ),
        200,
      );
      assertEquals(cleared.secretSet, false);
      // Nothing kept, nothing to follow: a target without a secret moves freely.
      await json(await req("PUT", `/api/notify/targets/${made.id}`, hook(`${other.url}/y`)), 200);
    });
  } finally {
    await home.close();
    await other.close();
  }
});

Deno.test("notify secrets - a Gotify or ntfy token does not follow the URL to another server", async () => {
  const home = captureServer();
  const other = captureServer();
  try {
    await withLoopback(async (t) => {
      const { req } = t;
      for (
        const [kind, extra] of [["gotify", {}], ["ntfy", { topic: "alerts" }]] as const
      ) {
        const body = (url: string) => ({ name: kind, kind, config: { url, ...extra } });
        const made = await json<NotifyTarget>(
          await req("POST", "/api/notify/targets", { ...body(home.url), secret: "TOKEN" }),
          201,
        );
        await refusedMove(t, made.id, body(other.url), /token/);
      }
      assertEquals(other.requests.length, 0);
    });
  } finally {
    await home.close();
    await other.close();
  }
});

Deno.test("notify secrets - an SMTP password does not follow a changed host, port, security or user", async () => {
  const login = { user: "alerts", pass: "SMTP-PROD-PASSWORD" };
  const home = await smtpServer({ login });
  // A server of the editor's choosing that would take any AUTH with this password.
  const fake = await smtpServer({ login });
  try {
    await withLoopback(async (t) => {
      const { req } = t;
      const config = {
        host: "127.0.0.1",
        port: home.port,
        security: "none",
        user: "alerts",
        from: "a@example.test",
        to: ["ops@example.test"],
      };
      const body = (change: Record<string, unknown>) => ({
        name: "prod-mail",
        kind: "email",
        config: { ...config, ...change },
      });
      const made = await json<NotifyTarget>(
        await req("POST", "/api/notify/targets", { ...body({}), secret: login.pass }),
        201,
      );
      await refusedMove(t, made.id, body({ port: fake.port }), /SMTP password/);
      await refusedMove(t, made.id, body({ host: "localhost" }), /SMTP password/);
      await refusedMove(t, made.id, body({ security: "starttls" }), /SMTP password/);
      await refusedMove(t, made.id, body({ user: "other" }), /SMTP password/);
      // Other recipients on the same server keep it: the Test authenticates at home.
      await json(
        await req("PUT", `/api/notify/targets/${made.id}`, body({ to: ["boss@example.test"] })),
        200,
      );
      const sent = await json<TestResult>(
        await req("POST", `/api/notify/targets/${made.id}/test`),
        200,
      );
      assertEquals(sent, { ok: true, error: null, code: null });
      const [mail] = await home.until(1);
      assertEquals([mail.user, mail.to], ["alerts", ["boss@example.test"]]);
      assertEquals(fake.mails.length, 0, "the fake server got no mail and no password");
    });
  } finally {
    await home.close();
    await fake.close();
  }
});

/** A loopback server answering each request with garbage: fetch() fails, naming the URL. */
function garbageServer() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  (async () => {
    for await (const conn of listener) {
      conn.read(new Uint8Array(65536))
        .then(() => conn.write(new TextEncoder().encode("garbage\r\n\r\n")))
        .catch(() => {})
        .finally(() => conn.close());
    }
  })().catch(() => {});
  return { port: (listener.addr as Deno.NetAddr).port, close: () => listener.close() };
}

Deno.test("notify secrets - a failed Test shows the URL without its query or password", async () => {
  const server = garbageServer();
  try {
    await withLoopback(async ({ req }) => {
      const made = await json<NotifyTarget>(
        await req("POST", "/api/notify/targets", {
          name: "tokened",
          kind: "webhook",
          config: { url: `http://user:PASSW0RD@127.0.0.1:${server.port}/hook?token=QUERY-TOKEN` },
        }),
        201,
      );
      const result = await json<TestResult>(
        await req("POST", `/api/notify/targets/${made.id}/test`),
        200,
      );
      assertEquals(result.ok, false);
      const error = result.error ?? "";
      assertMatch(error, new RegExp(`^Cannot reach 127\\.0\\.0\\.1:${server.port}: `));
      assertMatch(error, new RegExp(`http://127\\.0\\.0\\.1:${server.port}/hook\\?…`));
      for (const secret of ["QUERY-TOKEN", "PASSW0RD"]) {
        assert(!error.includes(secret), `${secret} in ${error}`);
      }
      const [listed] = await json<NotifyTarget[]>(await req("GET", "/api/notify/targets"), 200);
      assert(!listed.last?.error?.includes("QUERY-TOKEN"), String(listed.last?.error));
    });
  } finally {
    server.close();
  }
});
