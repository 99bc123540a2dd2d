// Notifications across a server restart: the real server (`deno run main.ts serve` on a test
// driver node) has an e-mail target whose SMTP server is down when a backup fails. The mail waits
// in the store; the server is killed (SIGKILL); the SMTP server comes up on loopback; the next
// start delivers the mail, once.

import { startServeProcess } from "./harness/server_process.ts";
import { ApiTokens } from "../lib/auth/tokens.ts";
import { DB_FILE, Store } from "../lib/store.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { freePort, smtpServer, type SmtpTestServer } from "./support/smtp_server.ts";
import { COPY_FAILED, OTHER_POOL } from "./support/backup_failure.ts";
import { writeTestNode } from "./support/test_node.ts";
import { DEFAULT_DOMAINS } from "./harness/test_app.ts";
import type { NotifyTarget } from "../shared/notify.ts";

async function startServer(uri: string, dataDir: string, port: number) {
  return (await startServeProcess({ uri, dataDir, port })).child;
}

async function until<T>(check: () => Promise<T | null>, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await check();
    if (got !== null) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

Deno.test("notify restart - a mail queued while the SMTP server was down arrives after a kill -9 and restart", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-notify-" });
  const node = await writeTestNode(DEFAULT_DOMAINS, OTHER_POOL);
  const smtpPort = freePort();
  let child: Deno.ChildProcess | null = null;
  let smtp: SmtpTestServer | null = null;
  try {
    let token: string;
    {
      using store = Store.open(`${dir}/${DB_FILE}`);
      token = new ApiTokens(store).create({ name: "notify-test", owner: "root", role: "admin" })
        .secret;
    }
    const port = freePort();
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      assert(res.ok, `${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    child = await startServer(node.uri, dir, port);

    const images = await api("GET", "/api/images/settings");
    await api("PUT", "/api/images/settings", {
      allowedSources: ["127.0.0.1"],
      maxDownloadBytes: images.maxDownloadBytes,
    });
    const target: NotifyTarget = await api("POST", "/api/notify/targets", {
      name: "ops",
      kind: "email",
      config: {
        host: "127.0.0.1",
        port: smtpPort,
        security: "none",
        from: "kvm@example.test",
        to: ["ops@example.test"],
      },
    });
    await api("POST", "/api/notify/rules", {
      name: "backups",
      kinds: ["backup-failed"],
      targetIds: [target.id],
    });
    await api("PUT", "/api/backups/settings", { pool: "other" });
    const backup = await api("POST", "/api/vms/db/backups", {});
    await until(async () => {
      const b = await api("GET", `/api/backups/${backup.id}`);
      return b.status === "failed" ? b : null;
    }, "the backup to fail");
    // Tried once, refused (nothing listens), waiting for its retry.
    const waiting = await until(async () => {
      const [t] = (await api("GET", "/api/notify/targets")) as NotifyTarget[];
      return t.pending === 1 && t.last?.status === "pending" && t.last.error ? t : null;
    }, "the first attempt to fail");
    assertMatch(waiting.last!.error!, /ECONNREFUSED/);

    child.kill("SIGKILL");
    await child.status;
    child = null;

    smtp = await smtpServer({ port: smtpPort });
    child = await startServer(node.uri, dir, port);
    const [mail] = await smtp.until(1, 30_000);
    assertEquals(mail.to, ["ops@example.test"]);
    assertMatch(mail.raw, /Subject: \[KVM Manager\] Backup of db failed/);
    assertMatch(mail.raw.replace(/=\r\n/g, ""), COPY_FAILED);
    const sent = await until(async () => {
      const [t] = (await api("GET", "/api/notify/targets")) as NotifyTarget[];
      return t.last?.status === "sent" ? t : null;
    }, "the delivery to be recorded");
    assertEquals(sent.pending, 0);
    await new Promise((r) => setTimeout(r, 1500));
    assertEquals(smtp.mails.length, 1, "sent once");
  } finally {
    if (child) {
      child.kill("SIGKILL");
      await child.status;
    }
    await smtp?.close();
    await node.remove();
    await Deno.remove(dir, { recursive: true });
  }
});
