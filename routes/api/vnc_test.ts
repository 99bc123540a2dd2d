import { assertEquals } from "../../lib/testing/assert.ts";
import { withTestApp } from "../test_app.ts";

const upgrade = {
  upgrade: "websocket",
  connection: "Upgrade",
  "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
  "sec-websocket-version": "13",
};

Deno.test("vnc - refuses plain HTTP, unknown VMs, stopped VMs and VMs without VNC", async () => {
  await withTestApp(async ({ app }) => {
    const cases: [string, Record<string, string>, number, string][] = [
      ["/api/vms/web/vnc", {}, 426, "This endpoint speaks WebSocket only"],
      ["/api/vms/web/vnc", { upgrade: "websocket" }, 426, "This endpoint speaks WebSocket only"],
      ["/api/vms/nope/vnc", upgrade, 404, "VM not found: nope"],
      ["/api/vms/db/vnc", upgrade, 409, "VM is not running"],
      ["/api/vms/cache/vnc", upgrade, 409, "VNC not configured for this VM"],
    ];
    for (const [path, headers, status, message] of cases) {
      const res = await app.request(`http://localhost${path}`, { headers });
      const body = await res.json();
      assertEquals(res.status, status, path);
      assertEquals(body.message, message, path);
    }
  });
});

Deno.test("vnc - a host or port in the request is ignored", async () => {
  await withTestApp(async ({ app }) => {
    // "db" is stopped: were the query used as a target, this would try to connect instead.
    const res = await app.request(
      "http://localhost/api/vms/db/vnc?host=127.0.0.1&port=22",
      { headers: upgrade },
    );
    assertEquals(res.status, 409);
    assertEquals((await res.json()).message, "VM is not running");
  });
});
