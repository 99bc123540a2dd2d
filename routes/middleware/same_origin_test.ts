// Origins are compared whole (scheme, host, port), and a WebSocket without an Origin needs a
// bearer token.

import { Hono } from "hono";
import { AppError } from "../../lib/errors.ts";
import { assertEquals } from "../../tests/support/assert.ts";
import { sameOrigin } from "./same_origin.ts";

function appWith(opts: Parameters<typeof sameOrigin>[0] = {}): Hono {
  const app = new Hono();
  app.use("*", sameOrigin(opts));
  app.all("*", (c) => c.json({ ok: true }));
  app.onError((err, c) =>
    c.json({ code: (err as AppError).code, message: err.message }, (err as AppError).status as 403)
  );
  return app;
}

const post = (app: Hono, url: string, headers: Record<string, string>) =>
  app.request(url, { method: "POST", headers });

Deno.test("same origin - scheme, host and port must all match", async () => {
  const app = appWith({ loopbackOnly: false });
  const cases: [string, string, number][] = [
    ["https://kvm.example:8420/api/x", "https://kvm.example:8420", 200],
    ["https://kvm.example/api/x", "https://kvm.example", 200],
    ["https://kvm.example/api/x", "https://KVM.example:443", 200],
    // The same host over plain HTTP is another origin: it could be a network attacker's page.
    ["https://kvm.example:8420/api/x", "http://kvm.example:8420", 403],
    ["https://kvm.example:8420/api/x", "https://kvm.example:8421", 403],
    ["https://kvm.example:8420/api/x", "https://evil.example:8420", 403],
    ["https://kvm.example:8420/api/x", "null", 403],
  ];
  for (const [url, origin, status] of cases) {
    const res = await post(app, url, { origin });
    assertEquals(res.status, status, `${origin} → ${url}`);
    if (status === 403) assertEquals((await res.json()).code, "CROSS_ORIGIN");
    else await res.body?.cancel();
  }
});

Deno.test("same origin - a trusted TLS proxy's X-Forwarded-Proto counts, nobody else's", async () => {
  const headers = { origin: "https://kvm.example", "x-forwarded-proto": "https" };
  const trusting = appWith({ loopbackOnly: false, trustsProxy: () => true });
  assertEquals((await post(trusting, "http://kvm.example/api/x", headers)).status, 200);
  const untrusting = appWith({ loopbackOnly: false });
  assertEquals((await post(untrusting, "http://kvm.example/api/x", headers)).status, 403);
});

Deno.test("same origin - a WebSocket upgrade without Origin needs a bearer token", async () => {
  const app = appWith();
  const upgrade = { upgrade: "websocket", connection: "Upgrade" };
  let res = await app.request("http://127.0.0.1:8420/api/vms/x/vnc", {
    headers: { ...upgrade, cookie: "kvmm_session=abc" },
  });
  assertEquals(res.status, 403);
  assertEquals(
    (await res.json()).message,
    "A WebSocket without an Origin header needs an API token (Authorization: Bearer)",
  );
  res = await app.request("http://127.0.0.1:8420/api/vms/x/vnc", {
    headers: { ...upgrade, authorization: "Bearer s3cret" },
  });
  assertEquals(res.status, 200);
  res = await app.request("http://127.0.0.1:8420/api/vms/x/vnc", {
    headers: { ...upgrade, origin: "http://127.0.0.1:8420", cookie: "kvmm_session=abc" },
  });
  assertEquals(res.status, 200);
  // A plain GET without Origin (a link, a script's read) is not an upgrade: it passes here.
  res = await app.request("http://127.0.0.1:8420/api/vms");
  assertEquals(res.status, 200);
});
