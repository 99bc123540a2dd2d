// The server's own events reach a webhook target through its rules (the whole server started as
// `serve` starts it, on a test driver node): a pool past its rule's N % (read at start), a
// scheduled job that failed (starting a VM that runs), and a sign-in lockout (the server's own
// limiter refusing an address after its failed attempts). Rules made in the store before start.

import { startServer } from "../main.ts";
import type { Config } from "../lib/config.ts";
import { DB_FILE, Store } from "../lib/store.ts";
import { NotifyRecords } from "../lib/notify/records.ts";
import { ImageSettingsStore } from "../lib/images/settings.ts";
import { ADDRESS_MAX_ATTEMPTS } from "../lib/auth/login_limiter.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { captureServer } from "./support/smtp_server.ts";
import { writeTestNode } from "./support/test_node.ts";
import { DEFAULT_DOMAINS } from "./harness/test_app.ts";
import { notifyFeature } from "../lib/notify/feature.ts";

/** A pool 95 % full: the test driver's pools hold 100 GiB; one volume takes 95. */
const NEARLY_FULL = `<pool type='dir'><name>nearfull</name>
  <uuid>0c3f5d5e-7a51-4a8e-9d0b-5a2d1c9e3b77</uuid>
  <target><path>/var/lib/kvmm-testdriver/nearfull</path></target>
  <volume><name>big.raw</name><capacity unit='GiB'>95</capacity>
    <allocation unit='GiB'>95</allocation>
    <target><path>/var/lib/kvmm-testdriver/nearfull/big.raw</path></target></volume>
</pool>`;

Deno.test("notify events - a nearly full pool, a failed scheduled job and a sign-in lockout reach the webhook", async () => {
  const hook = captureServer();
  const node = await writeTestNode(DEFAULT_DOMAINS, NEARLY_FULL);
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-test-notify-events-" });
  try {
    {
      using store = Store.open(`${dataDir}/${DB_FILE}`);
      const images = new ImageSettingsStore(store);
      images.set({ ...images.get(), allowedSources: ["127.0.0.1"] });
      const records = new NotifyRecords(store);
      const target = records.createTarget({
        name: "hook",
        kind: "webhook",
        config: {
          url: `${hook.url}/h`,
          method: "POST",
          headers: {},
          bodyTemplate: "",
          contentType: "application/json",
        },
      });
      records.createRule({
        name: "ops",
        kinds: ["pool-full", "job-failed", "login-lockout"],
        minSeverity: "warning",
        hostId: null,
        poolPercent: 90,
        targetIds: [target.id],
        digestMinutes: 0,
        enabled: true,
      });
    }
    const config: Config = {
      uri: node.uri,
      uriSource: "flag",
      demo: true,
      listen: { hostname: "127.0.0.1", port: 0 },
      dataDir,
      tls: { mode: "off" },
    };
    const server = await startServer(config, { quiet: true });
    try {
      const bodies = async (count: number) =>
        (await hook.until(count)).map((r) => JSON.parse(r.body));

      // Read at start: 95 % is past the rule's 90; the default pool (1 %) is not.
      const [pool] = await bodies(1);
      assertEquals([pool.event, pool.severity], ["pool-full", "critical"]);
      assertEquals(pool.title, "Storage pool nearfull is 95 % full");

      // A job that starts web, which runs: the run fails.
      const token = server.ctx.auth.tokens.create({ name: "t", owner: "root", role: "admin" })
        .secret;
      const api = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        assert(res.ok, `${method} ${path}: ${res.status} ${text}`);
        return JSON.parse(text);
      };
      const web = (await api("GET", "/api/vms")).find((v: { name: string }) => v.name === "web");
      const job = await api("POST", "/api/schedules", {
        name: "morning start",
        operation: "start",
        vmIds: [web.id],
        timing: { kind: "daily", time: "08:00" },
        timezone: "UTC",
      });
      await api("POST", `/api/schedules/${job.id}/run`);
      const [, failed] = await bodies(2);
      assertEquals(failed.event, "job-failed");
      assertEquals(failed.title, "Scheduled job morning start failed");
      assertMatch(failed.text, /web: /);

      // Failed sign-ins from one address until the limiter locks it: told once.
      const limiter = server.ctx.auth.limiter;
      for (let i = 0; i < ADDRESS_MAX_ATTEMPTS; i++) {
        const attempt = limiter.begin("203.0.113.9", `guess${i}`);
        await attempt.turn();
        attempt.pamDone();
        attempt.finish(false);
      }
      for (let i = 0; i < 3; i++) {
        let refused = false;
        try {
          limiter.begin("203.0.113.9", "again");
        } catch {
          refused = true;
        }
        assert(refused, "the address is locked out");
      }
      const [, , lockout] = await bodies(3);
      assertEquals(lockout.event, "login-lockout");
      assertEquals(lockout.title, "Sign-in locked out for address 203.0.113.9");
      await server.ctx.features.get(notifyFeature).queue.idle();
      await new Promise((r) => setTimeout(r, 300));
      assertEquals(hook.requests.length, 3, "each told once");
    } finally {
      await server.close();
    }
  } finally {
    await hook.close();
    await node.remove();
    await Deno.remove(dataDir, { recursive: true });
  }
});
