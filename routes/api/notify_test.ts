// /api/notify on libvirt's test driver, delivering to real servers on loopback: a real SMTP
// server (npm's smtp-server) gets the mail for a failed backup and a fired alert; ntfy, Gotify
// and webhook bodies arrive at a loopback HTTP server; a dead SMTP server holds nothing up and
// gets its mail once it is back; secrets are never read back. The backup fails for real
// (tests/support/backup_failure.ts: libvirt refuses its copy into a second pool).

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { vmSample } from "../../tests/support/vm_sample.ts";
import { captureServer, smtpServer } from "../../tests/support/smtp_server.ts";
import { COPY_FAILED, OTHER_POOL } from "../../tests/support/backup_failure.ts";
import type { Backup } from "../../shared/backups.ts";
import type { NotifyRule, NotifyTarget, TestResult } from "../../shared/notify.ts";
import { DEFAULT_DOMAINS, type TestApp, withTestApp } from "../../tests/harness/test_app.ts";
import { notifyFeature } from "../../lib/notify/feature.ts";

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as T;
}

/** Loopback is where the tests' servers are: allowed, as an admin would allow a local relay. */
function allowLoopback({ ctx }: TestApp) {
  ctx.imageSettings.set({ ...ctx.imageSettings.get(), allowedSources: ["127.0.0.1"] });
}

/** A backup of db into the other pool: it fails. */
async function failedBackup({ req, ctx }: TestApp): Promise<Backup> {
  await json(await req("PUT", "/api/backups/settings", { pool: "other" }), 200);
  const started = await json<Backup>(await req("POST", "/api/vms/db/backups", {}), 202);
  const done = await ctx.backups.waitFor(started.id).then(() => null, () => null);
  assertEquals(done, null, "the backup must fail");
  const rec = ctx.backups.get(started.id);
  assertEquals(rec.status, "failed");
  return rec;
}

const emailTarget = (port: number, extra: Record<string, unknown> = {}) => ({
  name: "ops mail",
  kind: "email",
  config: {
    host: "127.0.0.1",
    port,
    security: "none",
    user: "kvmm",
    from: "kvm@example.test",
    to: ["ops@example.test"],
  },
  secret: "s3cret-pass",
  ...extra,
});

const withNotify = (fn: (t: TestApp) => Promise<void>) =>
  withTestApp(
    async (t) => {
      allowLoopback(t);
      t.ctx.features.get(notifyFeature).start();
      await fn(t);
    },
    DEFAULT_DOMAINS,
    { nodeDevices: OTHER_POOL },
  );

Deno.test("notify - a failed backup and a fired alert arrive as mail at a loopback SMTP server", async () => {
  const smtp = await smtpServer({ login: { user: "kvmm", pass: "s3cret-pass" } });
  try {
    await withNotify(async (t) => {
      const { req, ctx } = t;
      const target = await json<NotifyTarget>(
        await req("POST", "/api/notify/targets", emailTarget(smtp.port)),
        201,
      );
      await json<NotifyRule>(
        await req("POST", "/api/notify/rules", {
          name: "failures",
          kinds: ["backup-failed", "alert-fired"],
          targetIds: [target.id],
        }),
        201,
      );
      const backup = await failedBackup(t);
      const [mail] = await smtp.until(1);
      assertEquals([mail.from, mail.to, mail.user], [
        "kvm@example.test",
        ["ops@example.test"],
        "kvmm",
      ]);
      assertMatch(mail.raw, /Subject: \[KVM Manager\] Backup of db failed/);
      assertMatch(backup.error ?? "", COPY_FAILED);
      assertMatch(mail.raw.replace(/=\r\n/g, ""), COPY_FAILED);

      // An alert fires on web: its rule's severity and reading reach the mail.
      const web = DEFAULT_DOMAINS[0].name;
      const vm = (await ctx.vms.listVms()).find((v) => v.name === web)!;
      await ctx.monitoring.alerts.createRule({
        name: "cpu-hot",
        metric: "cpu",
        threshold: 50,
        consecutive: 1,
        severity: "critical",
      });
      ctx.monitoring.alerts.check(Date.now(), [vmSample(vm.id, web, 97)]);
      const mails = await smtp.until(2);
      assertMatch(mails[1].raw, /Subject: \[KVM Manager\] Alert cpu-hot fired on web/);
      assertMatch(mails[1].raw, /Severity: critical/);

      // Each target shows its last result; the password is never read back.
      await ctx.features.get(notifyFeature).queue.idle();
      const [listed] = await json<NotifyTarget[]>(await req("GET", "/api/notify/targets"), 200);
      assertEquals([listed.last?.status, listed.last?.error, listed.pending], ["sent", null, 0]);
      assertEquals(listed.secretSet, true);
      assert(!JSON.stringify(listed).includes("s3cret-pass"), "no secret in the answer");
    });
  } finally {
    await smtp.close();
  }
});

Deno.test("notify - ntfy, Gotify and webhook bodies arrive at a loopback HTTP server", async () => {
  const http = captureServer();
  try {
    await withNotify(async (t) => {
      const { req } = t;
      const ids: string[] = [];
      for (
        const body of [
          {
            name: "phone",
            kind: "ntfy",
            config: { url: `${http.url}/ntfy/`, topic: "kvm-alerts" },
            secret: "tk_ntfy",
          },
          {
            name: "gotify",
            kind: "gotify",
            config: { url: `${http.url}/gotify` },
            secret: "AppTok",
          },
          {
            name: "chat",
            kind: "webhook",
            config: {
              url: `${http.url}/hook?x=1`,
              method: "PUT",
              headers: { "X-Source": "kvmm" },
              bodyTemplate: '{"text": "{{title}} on {{host}}", "sev": "{{severity}}"}',
              contentType: "application/json",
            },
            secret: "Bearer hook-token",
          },
        ]
      ) {
        ids.push(
          (await json<NotifyTarget>(await req("POST", "/api/notify/targets", body), 201)).id,
        );
      }
      await json(
        await req("POST", "/api/notify/rules", {
          name: "backups",
          kinds: ["backup-failed"],
          minSeverity: "warning",
          targetIds: ids,
        }),
        201,
      );
      await failedBackup(t);
      const got = await http.until(3);
      const by = (prefix: string) => got.find((r) => r.path.startsWith(prefix))!;

      const ntfy = by("/ntfy/");
      assertEquals([ntfy.method, ntfy.path], ["POST", "/ntfy/kvm-alerts"]);
      assertEquals(ntfy.headers.get("title"), "Backup of db failed");
      assertEquals(ntfy.headers.get("priority"), "5");
      assertEquals(ntfy.headers.get("authorization"), "Bearer tk_ntfy");
      assertMatch(ntfy.body, COPY_FAILED);

      const gotify = by("/gotify/");
      assertEquals([gotify.method, gotify.path], ["POST", "/gotify/message"]);
      assertEquals(gotify.headers.get("x-gotify-key"), "AppTok");
      const message = JSON.parse(gotify.body);
      assertEquals([message.title, message.priority], ["Backup of db failed", 8]);

      const hook = by("/hook");
      assertEquals([hook.method, hook.path], ["PUT", "/hook?x=1"]);
      assertEquals(hook.headers.get("x-source"), "kvmm");
      assertEquals(hook.headers.get("authorization"), "Bearer hook-token");
      assertEquals(JSON.parse(hook.body), {
        text: `Backup of db failed on ${Deno.hostname()}`,
        sev: "critical",
      });
    });
  } finally {
    await http.close();
  }
});

/** A server that takes connections and never answers: an SMTP server that hangs. */
function blackHole() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns: Deno.Conn[] = [];
  (async () => {
    for await (const conn of listener) conns.push(conn);
  })().catch(() => {});
  return {
    port: (listener.addr as Deno.NetAddr).port,
    get connections() {
      return conns.length;
    },
    /** Idempotent. */
    close() {
      for (const c of [listener, ...conns.splice(0)]) {
        try {
          c.close();
        } catch {
          // Closed already.
        }
      }
    },
  };
}

Deno.test("notify - a dead SMTP server holds nothing up; its mail arrives once it is back", async () => {
  const hole = blackHole();
  const port = hole.port;
  const http = captureServer();
  let smtp: Awaited<ReturnType<typeof smtpServer>> | null = null;
  try {
    await withNotify(async (t) => {
      const { req, ctx } = t;
      const mail = await json<NotifyTarget>(
        await req("POST", "/api/notify/targets", {
          ...emailTarget(port),
          config: { ...emailTarget(port).config, user: "" },
          secret: undefined,
        }),
        201,
      );
      const hook = await json<NotifyTarget>(
        await req("POST", "/api/notify/targets", {
          name: "hook",
          kind: "webhook",
          config: { url: `${http.url}/h` },
        }),
        201,
      );
      await json(
        await req("POST", "/api/notify/rules", {
          name: "all",
          kinds: ["backup-failed"],
          targetIds: [mail.id, hook.id],
        }),
        201,
      );
      await failedBackup(t);
      // The mail server took the connection and says nothing: the webhook goes on regardless.
      await http.until(1);
      await until(() => Promise.resolve(hole.connections > 0));
      const during = (await json<NotifyTarget[]>(await req("GET", "/api/notify/targets"), 200))
        .find((x) => x.id === mail.id)!;
      assertEquals([during.pending, during.last?.status], [1, "pending"]);
      // It goes away: the attempt fails and the mail waits for its retry.
      hole.close();
      await until(async () => {
        const m = (await json<NotifyTarget[]>(await req("GET", "/api/notify/targets"), 200))
          .find((x) => x.id === mail.id)!;
        return m.pending === 1 && m.last?.status === "pending" && m.last.error !== null;
      });
      smtp = await smtpServer({ port });
      // The next attempt finds it (a restart tries waiting mail at once; here without the wait).
      await ctx.features.get(notifyFeature).close();
      ctx.features.get(notifyFeature).start();
      const [got] = await smtp.until(1);
      assertMatch(got.raw, /Backup of db failed/);
      assertEquals(http.requests.length, 1, "the webhook got its one message");
    });
  } finally {
    hole.close();
    await http.close();
    await (smtp as { close(): Promise<void> } | null)?.close();
  }
});

Deno.test("notify - targets: secrets write-only, Test button, refusals with codes", async () => {
  const http = captureServer();
  const failing = captureServer(500);
  try {
    await withNotify(async ({ req }) => {
      const made = await json<NotifyTarget>(
        await req("POST", "/api/notify/targets", {
          name: "g",
          kind: "gotify",
          config: { url: http.url },
          secret: "TOKEN-1",
        }),
        201,
      );
      assertEquals([made.secretSet, "secret" in made], [true, false]);
      // A replace without the secret keeps it: the Test message still carries it.
      await json(
        await req("PUT", `/api/notify/targets/${made.id}`, {
          name: "g2",
          kind: "gotify",
          config: { url: http.url },
        }),
        200,
      );
      const ok = await json<TestResult>(
        await req("POST", `/api/notify/targets/${made.id}/test`),
        200,
      );
      assertEquals(ok, { ok: true, error: null, code: null });
      assertEquals(http.requests[0].headers.get("x-gotify-key"), "TOKEN-1");

      const bad = await json<NotifyTarget>(
        await req("POST", "/api/notify/targets", {
          name: "bad",
          kind: "webhook",
          config: { url: `${failing.url}/x` },
        }),
        201,
      );
      const failed = await json<TestResult>(
        await req("POST", `/api/notify/targets/${bad.id}/test`),
        200,
      );
      assertEquals(failed, { ok: false, error: "Answered 500 Internal Server Error", code: null });
      const shown = (await json<NotifyTarget[]>(await req("GET", "/api/notify/targets"), 200))
        .find((x) => x.id === bad.id)!;
      assertEquals([shown.last?.status, shown.last?.error], [
        "failed",
        "Answered 500 Internal Server Error",
      ]);

      const refused = async (body: unknown, code: string) => {
        const res = await req("POST", "/api/notify/targets", body);
        const err = await json<{ code: string; message: string }>(res, 400);
        assertEquals(err.code, code, err.message);
        return err.message;
      };
      await refused({ name: "x", kind: "pager", config: {} }, "INVALID_NOTIFY_TARGET");
      assertMatch(
        await refused(
          { name: "x", kind: "webhook", config: { url: "file:///etc/passwd" } },
          "INVALID_NOTIFY_TARGET",
        ),
        /http/,
      );
      await refused(
        { name: "x", kind: "gotify", config: { url: http.url }, secret: "x".repeat(5000) },
        "INVALID_NOTIFY_TARGET",
      );
      const rule = await req("POST", "/api/notify/rules", {
        name: "r",
        kinds: ["backup-failed"],
        targetIds: ["nope"],
      });
      assertEquals((await json<{ code: string }>(rule, 400)).code, "INVALID_NOTIFY_RULE");
      await json(
        await req("POST", "/api/notify/rules", {
          name: "r",
          kinds: ["backup-failed"],
          targetIds: [made.id],
        }),
        201,
      );
      const inUse = await req("DELETE", `/api/notify/targets/${made.id}`);
      assertEquals((await json<{ code: string }>(inUse, 409)).code, "NOTIFY_TARGET_IN_USE");
      const gone = await req("POST", "/api/notify/targets/nope/test");
      assertEquals((await json<{ code: string }>(gone, 404)).code, "NOTIFY_TARGET_NOT_FOUND");
    });
  } finally {
    await http.close();
    await failing.close();
  }
});

Deno.test("notify - an address the outbound rules refuse is never connected to", async () => {
  const http = captureServer();
  try {
    await withTestApp(async ({ req }) => {
      const made = await json<NotifyTarget>(
        await req("POST", "/api/notify/targets", {
          name: "h",
          kind: "webhook",
          config: { url: `${http.url}/h` },
        }),
        201,
      );
      const result = await json<TestResult>(
        await req("POST", `/api/notify/targets/${made.id}/test`),
        200,
      );
      assertEquals(result.ok, false);
      assertMatch(result.error ?? "", /^Refused: .*loopback.*Images › Outbound connections/);
      assertEquals(result.code, "URL_REFUSED", "the page links the allowance");
      assertEquals(http.requests.length, 0);
    });
  } finally {
    await http.close();
  }
});

async function until(check: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!await check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}
