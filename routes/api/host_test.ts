import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { ConnectionStatus, HostInfo } from "../../shared/host.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

Deno.test("host - host info has the contract's fields and VM counts", async () => {
  await withTestApp(async ({ req }) => {
    const res = await req("GET", "/api/host");
    assertEquals(res.status, 200);
    const host: HostInfo = await res.json();
    assertEquals(host.totalVms, 3);
    assertEquals(host.activeVms, 2); // running + paused
    assertEquals(host.cpuThreads, 8);
    assertEquals(host.memoryTotalMb, 16384);
    assertMatch(host.libvirtVersion, /^\d+\.\d+\.\d+$/);
    assertMatch(host.qemuVersion, /^\d+\.\d+\.\d+$/);
    assertEquals(host.hypervisor, "Test driver (demo)");
    assert(host.hostname.length > 0);
    assert(host.cpuModel.length > 0);
  });
});

Deno.test("host - the version is deno.json's, with the build's commit", async () => {
  await withTestApp(async ({ req }) => {
    const res = await req("GET", "/api/version");
    assertEquals(res.status, 200);
    const body = await res.json();
    const denoJson = JSON.parse(
      await Deno.readTextFile(new URL("../../deno.json", import.meta.url)),
    );
    assertMatch(denoJson.version, /^\d+\.\d+\.\d+$/);
    assertEquals(body.version, denoJson.version);
    assertMatch(body.commit, /^([0-9a-f]{7,40}|unknown)$/);
  });
});

Deno.test("host - connection status reports the URI and demo mode", async () => {
  await withTestApp(async ({ req, ctx }) => {
    const status: ConnectionStatus = await (await req("GET", "/api/connection")).json();
    assertEquals(status, { connected: true, uri: ctx.config.uri, error: null, demo: true });
  });
});

Deno.test("host - cross-origin writes and foreign Host names are refused", async () => {
  await withTestApp(async ({ app }) => {
    const cross = await app.request("http://localhost/api/vms/web/force-stop", {
      method: "POST",
      headers: { origin: "http://evil.example" },
    });
    assertEquals(cross.status, 403);
    assertEquals((await cross.json()).code, "CROSS_ORIGIN");
    const rebound = await app.request("http://evil.example/api/vms");
    assertEquals(rebound.status, 403);
    const same = await app.request("http://localhost/api/vms", {
      headers: { origin: "http://localhost" },
    });
    assertEquals(same.status, 200);
    await same.body?.cancel();
  });
});
