// /api/vms/:id/migrate and /migration on libvirt's test driver: every refusal at the boundary
// with its status, code and words, and a migration that libvirt itself refuses (the test driver
// cannot migrate), which ends the job "failed" with libvirt's words. Real migrations between
// two libvirtd: tests/qemu_migrate_test.ts.

import { Hono } from "hono";
import { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError } from "../../lib/errors.ts";
import { hostNotFound } from "../../lib/hosts/registry.ts";
import { MigrationService } from "../../lib/migration/service.ts";
import type { MigrationJob, MigrationProgressEvent } from "../../shared/migration.ts";
import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { writeTestNode } from "../../tests/support/test_node.ts";
import { migrationRoutesFor } from "./migration.ts";

const STOPPED = "kvmm-migration-route-stopped";

async function withService(
  fn: (
    req: (method: string, path: string, body?: unknown) => Promise<Response>,
    events: MigrationProgressEvent[],
  ) => Promise<void>,
) {
  const node = await writeTestNode([{ name: "other-vm" }]);
  const source = new LibvirtClient({ uri: "test:///default" });
  const target = new LibvirtClient({ uri: node.uri });
  const events: MigrationProgressEvent[] = [];
  const service = new MigrationService({
    client: source,
    emit: (e) => events.push(e),
    hostId: "local",
    destination: (id) => {
      if (id === "other") return { id, name: "Other", uri: node.uri, client: target };
      if (id === "down") {
        return { id, name: "Down", uri: "qemu+tcp://192.0.2.1/system", client: unconnected };
      }
      throw hostNotFound(id);
    },
    pollMs: 50,
  });
  const unconnected = new LibvirtClient({ uri: "test:///default?down" });
  const app = new Hono().route("/api/vms", migrationRoutesFor(service));
  app.onError((err, c) =>
    err instanceof AppError
      ? c.json({ code: err.code, message: err.message }, err.status as 400)
      : c.json({ code: "INTERNAL_ERROR", message: String(err) }, 500)
  );
  try {
    assert(await source.connect(), "test:///default connects");
    assert(await target.connect(), "the node file connects");
    await source.call(
      "domainDefine",
      `<domain type='test'><name>${STOPPED}</name><memory>65536</memory><vcpu>1</vcpu>` +
        `<os><type>hvm</type></os></domain>`,
    );
    await fn(
      (method, path, body) =>
        Promise.resolve(app.request(`http://localhost${path}`, {
          method,
          body: typeof body === "string"
            ? body
            : body === undefined
            ? undefined
            : JSON.stringify(body),
        })),
      events,
    );
  } finally {
    await service.close();
    await source.call("domainUndefine", STOPPED, 0).catch(() => {});
    await Promise.all([source.close(), target.close(), unconnected.close()]);
    await node.remove();
  }
}

async function refused(res: Response, status: number, code: string): Promise<string> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  assertEquals(body.code, code, body.message);
  return body.message;
}

Deno.test("migration API - refuses bad requests with clear words", async () => {
  await withService(async (req) => {
    assertEquals(
      await refused(await req("POST", "/api/vms/test/migrate", "{"), 400, "BAD_REQUEST"),
      'Body must be a JSON object like {"to": "host-id", "live": true}',
    );
    assertEquals(
      await refused(await req("POST", "/api/vms/test/migrate", {}), 400, "BAD_REQUEST"),
      '"to" must name the destination host (its id from GET /api/hosts)',
    );
    assertEquals(
      await refused(
        await req("POST", "/api/vms/test/migrate", { to: "nope" }),
        404,
        "HOST_NOT_FOUND",
      ),
      "Host not found: nope",
    );
    assertEquals(
      await refused(await req("POST", "/api/vms/test/migrate", { to: "local" }), 400, "SAME_HOST"),
      'The VM is on host "local" already; choose another host to migrate it to',
    );
    assertEquals(
      await refused(
        await req("POST", "/api/vms/test/migrate", { to: "down" }),
        409,
        "HOST_NOT_CONNECTED",
      ),
      'Host "Down" is not connected: not connected yet',
    );
    assertEquals(
      await refused(
        await req("POST", "/api/vms/nope/migrate", { to: "other" }),
        404,
        "VM_NOT_FOUND",
      ),
      "VM not found: nope",
    );
    assertEquals(
      await refused(
        await req("POST", "/api/vms/test/migrate", { to: "other", offline: true }),
        409,
        "INVALID_STATE",
      ),
      "A running VM cannot be migrated offline: migrate it live, or stop it first",
    );
    assertEquals(
      await refused(
        await req("POST", `/api/vms/${STOPPED}/migrate`, { to: "other", live: true }),
        409,
        "INVALID_STATE",
      ),
      "A stopped VM can only be migrated offline",
    );
    assertEquals(
      await refused(await req("GET", "/api/vms/test/migration"), 404, "NO_MIGRATION"),
      "No migration of VM test since KVM Manager started",
    );
    await refused(await req("DELETE", "/api/vms/test/migration"), 404, "NO_MIGRATION");
  });
});

Deno.test("migration API - none=null answers 200 null for a VM without one, 404 without it", async () => {
  await withService(async (req) => {
    const none = await req("GET", "/api/vms/test/migration?none=null");
    assertEquals(none.status, 200);
    assertEquals(await none.json(), null);
    await refused(await req("GET", "/api/vms/test/migration"), 404, "NO_MIGRATION");
  });
});

Deno.test("migration API - a migration libvirt refuses fails with libvirt's words", async () => {
  await withService(async (req, events) => {
    const [first, second] = await Promise.all([
      req("POST", "/api/vms/test/migrate", { to: "other" }),
      req("POST", "/api/vms/test/migrate", { to: "other" }),
    ]);
    const [ok, busy] = first.status === 202 ? [first, second] : [second, first];
    const job = await ok.json() as MigrationJob;
    assertEquals(ok.status, 202);
    assertEquals(
      { ...job, id: "", startedAt: "" },
      {
        id: "",
        vmId: "6695eb01-f6a4-8304-79aa-97f2502e193f",
        name: "test",
        from: "local",
        to: "other",
        toName: "Other",
        live: true,
        copyStorage: false,
        offline: false,
        state: "running",
        startedAt: "",
        progress: {
          phase: "starting",
          dataProcessed: 0,
          dataTotal: 0,
          dataRemaining: 0,
          percent: 0,
        },
      },
    );
    assertEquals(
      await refused(busy, 409, "MIGRATION_RUNNING"),
      "test is being migrated to Other already",
    );

    let status = job;
    for (let i = 0; i < 100 && status.state === "running"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await (await req("GET", "/api/vms/test/migration")).json();
    }
    assertEquals(status.state, "failed");
    assertEquals(status.errorCode, "NOT_SUPPORTED");
    assertEquals(
      status.error,
      "Migration of test to Other failed: this function is not supported by the connection " +
        "driver: virDomainMigrate3",
    );
    assertEquals(status.progress.phase, "failed");
    // By name and by UUID alike.
    assertEquals(
      await (await req("GET", `/api/vms/${job.vmId}/migration`)).json(),
      status,
    );
    assertEquals(events.map((e) => [e.type, e.state, e.phase]), [
      ["migration-progress", "running", "starting"],
      ["migration-progress", "failed", "failed"],
    ]);
    assertEquals(events[1].error, status.error);
    assertMatch(
      await refused(await req("DELETE", "/api/vms/test/migration"), 409, "MIGRATION_FINISHED"),
      /^No migration of test is running: the last one failed$/,
    );
  });
});
