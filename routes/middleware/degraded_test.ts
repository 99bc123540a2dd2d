import { Hono } from "hono";
import { AppError } from "../../lib/errors.ts";
import { assertEquals } from "../../tests/support/assert.ts";
import { appRouteTable } from "../../tests/harness/test_app.ts";
import { changesStore as changesStoreIn, degradedGuard } from "./degraded.ts";

// The real app's declarations decide (routes/declare.ts, writesStore).
const table = await appRouteTable();
const changesStore = (method: string, path: string) => changesStoreIn(table, method, path);

const REASON = "Database /x/kvm-manager.db is corrupt. … move it aside or restore a backup …";

function app(reason: string | null): Hono {
  const app = new Hono();
  app.use("*", degradedGuard(reason, () => table));
  app.all("*", (c) => c.json({ ok: true }));
  app.onError((err, c) =>
    err instanceof AppError
      ? c.json({ code: err.code, message: err.message }, err.status as 503)
      : c.json({ code: "INTERNAL_ERROR" }, 500)
  );
  return app;
}

const refused = [
  ["POST", "/api/templates"],
  ["PUT", "/api/templates/abc"],
  ["DELETE", "/api/templates/abc"],
  ["POST", "/api/schedules"],
  ["POST", "/api/schedules/j1/run"],
  ["DELETE", "/api/schedules/j1"],
  ["POST", "/api/vms/web-1/backups"],
  ["PUT", "/api/backups/settings"],
  ["POST", "/api/backups/b1/restore"],
  ["DELETE", "/api/backups/b1"],
  ["POST", "/api/alerts/rules"],
  ["PUT", "/api/alerts/rules/r1"],
  ["PUT", "/api/settings/metrics/retention"],
  ["POST", "/api/settings/metrics/cleanup"],
  ["POST", "/api/networks/default/forwards"],
  ["DELETE", "/api/networks/default/forwards/3"],
  ["POST", "/api/tokens"],
  ["DELETE", "/api/tokens/t1"],
  ["PUT", "/api/users/alice"],
  ["POST", "/api/hosts"],
  ["DELETE", "/api/hosts/h1"],
];

const allowed = [
  ["GET", "/api/templates"],
  ["GET", "/api/backups"],
  ["HEAD", "/api/schedules"],
  ["GET", "/api/tokens"],
  ["POST", "/api/schedules/preview"],
  ["POST", "/api/vms/web-1/start"],
  ["POST", "/api/vms/web-1/stop"],
  ["DELETE", "/api/vms/web-1"],
  ["GET", "/api/vms/web-1/vnc"],
  ["POST", "/api/vms/web-1/snapshots"],
  ["POST", "/api/networks/default/start"],
  ["POST", "/api/auth/login"],
  ["POST", "/api/auth/logout"],
  ["POST", "/api/templatesx"],
];

Deno.test("degraded - store changes are refused with 503 STORE_UNAVAILABLE and the reason", async () => {
  for (const [method, path] of refused) {
    assertEquals(changesStore(method, path), true, `${method} ${path}`);
    const res = await app(REASON).request(`http://localhost${path}`, { method });
    assertEquals(res.status, 503, `${method} ${path}`);
    assertEquals(await res.json(), { code: "STORE_UNAVAILABLE", message: REASON });
  }
});

Deno.test("degraded - reads, VM power, consoles and sign-in go on", async () => {
  for (const [method, path] of allowed) {
    assertEquals(changesStore(method, path), false, `${method} ${path}`);
    const res = await app(REASON).request(`http://localhost${path}`, { method });
    assertEquals(res.status, 200, `${method} ${path}`);
  }
});

Deno.test("degraded - a healthy store refuses nothing", async () => {
  for (const [method, path] of refused) {
    const res = await app(null).request(`http://localhost${path}`, { method });
    assertEquals(res.status, 200, `${method} ${path}`);
  }
});
