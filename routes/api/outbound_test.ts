// Outbound requests over the API follow one address rule: alert webhooks to loopback (in each of
// its spellings), to a name that resolves to it and to a private address are refused by default,
// and nothing reaches the listener; the images' allowed sources let them through. A download's
// checksumUrl that is no URL is a 400 naming the field, never a 500.

import type { AlertEvent } from "../../shared/metrics.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { vmSample } from "../../tests/support/vm_sample.ts";
import { jsonOf, withTestApp } from "../../tests/harness/test_app.ts";

/** A listener on `hostname` that counts the requests it gets. */
function listener(hostname: string) {
  const seen: string[] = [];
  const server = Deno.serve({ hostname, port: 0, onListen: () => {} }, (req) => {
    seen.push(`${req.method} ${new URL(req.url).pathname}`);
    return new Response(null, { status: 204 });
  });
  return { port: server.addr.port, seen, close: () => server.shutdown() };
}

/** A loopback port nothing listens on. */
function closedPort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  l.close();
  return l.addr.port;
}

Deno.test("outbound - webhooks to loopback, a name for it and a private address are refused by default; the allowed sources let loopback through", async () => {
  const v4 = listener("127.0.0.1");
  const v6 = listener("::1");
  try {
    await withTestApp(async (t) => {
      const { body: vms } = await jsonOf(t, "GET", "/api/vms");
      const web = (vms as VmSummary[]).find((v) => v.name === "web")!;
      const hooks: Record<string, string> = {
        "v4": `http://127.0.0.1:${v4.port}/v4`,
        "v6": `http://[::1]:${v6.port}/v6`,
        "decimal": `http://2130706433:${v4.port}/decimal`,
        "mapped": `http://[::ffff:127.0.0.1]:${v4.port}/mapped`,
        "hex": `http://0x7f.1:${v4.port}/hex`,
        "name": `http://localhost:${v4.port}/name`,
        "tls name": `https://localhost:${closedPort()}/tls`,
        "private": `http://10.20.30.40:${v4.port}/private`,
      };
      for (const [name, webhookUrl] of Object.entries(hooks)) {
        const made = await jsonOf(t, "POST", "/api/alerts/rules", {
          name,
          metric: "cpu",
          threshold: 50,
          consecutive: 1,
          webhookUrl,
        });
        assertEquals(made.status, 201, JSON.stringify(made.body));
      }
      const { alerts } = t.ctx.monitoring;
      const errors = async () => {
        await alerts.settled();
        const { body } = await jsonOf(t, "GET", "/api/alerts?state=all");
        return Object.fromEntries((body as AlertEvent[]).map((e) => [e.ruleName, e.webhookError]));
      };

      alerts.check(Date.now(), [vmSample(web.id, "web", 90)]);
      const refused = await errors();
      const reasons: Record<string, RegExp> = {
        v4: /^Webhook refused: 127\.0\.0\.1 is 127\.0\.0\.1, a loopback address/,
        v6: /^Webhook refused: ::1 is ::1, a loopback address/,
        decimal: /^Webhook refused: 127\.0\.0\.1 is 127\.0\.0\.1, a loopback address/,
        mapped: /^Webhook refused: ::ffff:7f00:1 is ::ffff:7f00:1, a loopback address/,
        hex: /^Webhook refused: 127\.0\.0\.1 is 127\.0\.0\.1, a loopback address/,
        name: /^Webhook refused: localhost is 127\.0\.0\.1, a loopback address/,
        "tls name": /^Webhook refused: localhost is 127\.0\.0\.1, a loopback address/,
        private: /^Webhook refused: 10\.20\.30\.40 is 10\.20\.30\.40, a private address/,
      };
      for (const [name, reason] of Object.entries(reasons)) {
        assert(reason.test(refused[name] ?? ""), `${name}: ${refused[name]}`);
        assert(/Images › Outbound connections/.test(refused[name]!), refused[name]!);
      }
      assertEquals([v4.seen, v6.seen], [[], []], "nothing reached the listeners");

      // The admin allows loopback (not 10/8): the resolutions reach the listeners.
      const allowed = await jsonOf(t, "PUT", "/api/images/settings", {
        allowedSources: ["127.0.0.0/8", "::1"],
        maxDownloadBytes: 1024 ** 3,
      });
      assertEquals(allowed.status, 200, JSON.stringify(allowed.body));
      alerts.check(Date.now(), [vmSample(web.id, "web", 10)]);
      const after = await errors();
      const delivered = ["v4", "v6", "decimal", "mapped", "hex", "name"];
      assertEquals(delivered.map((n) => after[n]), delivered.map(() => null));
      // Let through to a port where nothing listens: the tunnel to it fails.
      assert(
        after["tls name"]?.startsWith("Webhook failed: Cannot reach localhost:"),
        `tls name: ${after["tls name"]}`,
      );
      assert(/a private address/.test(after.private ?? ""), `private: ${after.private}`);
      assertEquals(v4.seen.toSorted(), [
        "POST /decimal",
        "POST /hex",
        "POST /mapped",
        "POST /name",
        "POST /v4",
      ]);
      assertEquals(v6.seen, ["POST /v6"]);
    });
  } finally {
    await v4.close();
    await v6.close();
  }
});

Deno.test("outbound - a download's checksumUrl with a percent-encoded TAB in its host is a 400 naming checksumUrl", async () => {
  const local = listener("127.0.0.1");
  try {
    await withTestApp(async (t) => {
      const res = await jsonOf(t, "POST", "/api/images/downloads", {
        url: `http://127.0.0.1:${local.port}/a.iso`,
        pool: "default",
        checksumUrl: `http://127.0.0.1%2509:${local.port}/a.iso`,
      });
      assertEquals([res.status, res.body.code], [400, "URL_REFUSED"], JSON.stringify(res.body));
      assert(/^checksumUrl /.test(res.body.message), res.body.message);
      assertEquals(local.seen, []);
    });
  } finally {
    await local.close();
  }
});
