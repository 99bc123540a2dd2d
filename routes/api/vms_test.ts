import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { Vm, VmStats, VmSummary } from "../../shared/vms.ts";
import { eventually, withTestApp } from "../../tests/harness/test_app.ts";

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as T;
}

async function stateOf(req: (m: string, p: string) => Promise<Response>, id: string) {
  return (await json<Vm>(await req("GET", `/api/vms/${id}`), 200)).state;
}

Deno.test("vms - list returns every VM with state, vCPUs and memory", async () => {
  await withTestApp(async ({ req }) => {
    const list = await json<VmSummary[]>(await req("GET", "/api/vms"), 200);
    assertEquals(list.map((v) => [v.name, v.state, v.cpuCount, v.memoryMb]), [
      ["cache", "paused", 1, 256],
      ["db", "stopped", 4, 4096],
      ["web", "running", 2, 1024],
    ]);
    assertMatch(list[0].id, /^[0-9a-f-]{36}$/);
  });
});

Deno.test("vms - details parse disks, NICs, graphics and sizes", async () => {
  await withTestApp(async ({ req }) => {
    const vm = await json<Vm>(await req("GET", "/api/vms/web"), 200);
    assertEquals(vm.name, "web");
    assertEquals(vm.state, "running");
    assertEquals(vm.cpuCount, 2);
    assertEquals(vm.description, "test domain web");
    assertEquals(vm.disks.length, 1);
    assertEquals(vm.disks[0].target, "vda");
    assertEquals(vm.disks[0].format, "qcow2");
    assertEquals(vm.disks[0].sizeBytes, 2 * 1024 ** 3);
    assertEquals(vm.diskSizeGb, 2);
    assertEquals(vm.networkInterfaces[0].network, "default");
    assertEquals(vm.networkInterfaces[0].model, "virtio");
    assertEquals(vm.graphics[0].type, "vnc");
    // The same VM by UUID.
    const byId = await json<Vm>(await req("GET", `/api/vms/${vm.id}`), 200);
    assertEquals(byId.name, "web");
  });
});

Deno.test("vms - unknown VM is 404 with the contract's words", async () => {
  await withTestApp(async ({ req }) => {
    for (
      const [method, path] of [
        ["GET", "/api/vms/nope"],
        ["GET", "/api/vms/00000000-0000-4000-8000-000000000000"],
        ["GET", "/api/vms/nope/stats"],
        ["POST", "/api/vms/nope/start"],
        ["DELETE", "/api/vms/nope"],
      ]
    ) {
      const err = await json<ApiError>(await req(method, path), 404);
      assertEquals(err.code, "VM_NOT_FOUND");
      assertMatch(err.message, /^VM not found: /);
    }
  });
});

Deno.test("vms - lifecycle actions change state and refuse wrong states with 409", async () => {
  await withTestApp(async ({ req }) => {
    const refuse = async (path: string, message: string) => {
      const err = await json<ApiError>(await req("POST", path), 409);
      assertEquals(err.message, message);
    };
    await refuse("/api/vms/web/start", "VM is already running");
    await refuse("/api/vms/web/resume", "VM is not paused");
    await refuse("/api/vms/db/stop", "VM is not running");
    await refuse("/api/vms/db/pause", "VM is not running");
    await refuse("/api/vms/db/reboot", "VM is not running");
    await refuse("/api/vms/db/reset", "VM is not running");
    await refuse("/api/vms/db/force-stop", "VM is not running");
    await refuse("/api/vms/cache/pause", "VM is already paused");

    await json(await req("POST", "/api/vms/db/start"), 200);
    assertEquals(await stateOf(req, "db"), "running");
    await json(await req("POST", "/api/vms/db/pause"), 200);
    assertEquals(await stateOf(req, "db"), "paused");
    await json(await req("POST", "/api/vms/db/resume"), 200);
    assertEquals(await stateOf(req, "db"), "running");
    await json(await req("POST", "/api/vms/db/reboot"), 200);
    await json(await req("POST", "/api/vms/db/reset"), 200);
    assertEquals(await stateOf(req, "db"), "running");
    await json(await req("POST", "/api/vms/db/stop"), 200);
    assertEquals(await stateOf(req, "db"), "stopped");
    await json(await req("POST", "/api/vms/web/force-stop"), 200);
    assertEquals(await stateOf(req, "web"), "stopped");
  });
});

Deno.test("vms - unknown action and unknown route are 404 JSON, never 500", async () => {
  await withTestApp(async ({ req }) => {
    const a = await json<ApiError>(await req("POST", "/api/vms/web/explode"), 404);
    assertMatch(a.message, /Unknown action: explode/);
    const b = await json<ApiError>(await req("GET", "/api/nothing-here"), 404);
    assertEquals(b.code, "NOT_FOUND");
    assertEquals(await stateOf(req, "web"), "running");
  });
});

Deno.test("vms - a refusal speaks the request's language: German for accept-language de", async () => {
  await withTestApp(async ({ app, req }) => {
    const german = (method: string, path: string) =>
      app.request(`http://localhost${path}`, { method, headers: { "accept-language": "de" } });
    const refused = await json<ApiError>(await german("POST", "/api/vms/db/stop"), 409);
    assertEquals(refused, { code: "INVALID_STATE", message: "Die VM läuft nicht" });
    const running = await json<ApiError>(await german("DELETE", "/api/vms/web"), 409);
    assertEquals(
      running.message,
      "Eine laufende VM kann nicht gelöscht werden. Sie zuerst ausschalten.",
    );
    // The same refusal without the header stays English, as the CLI and scripts get it.
    const english = await json<ApiError>(await req("POST", "/api/vms/db/stop"), 409);
    assertEquals(english.message, "VM is not running");
  });
});

Deno.test("vms - delete refuses a running VM, validates its body, deletes disks on request", async () => {
  await withTestApp(async ({ req, client }) => {
    const running = await json<ApiError>(
      await req("DELETE", "/api/vms/web", { deleteDisks: true }),
      409,
    );
    assertEquals(running.message, "Cannot delete running VM. Stop it first.");

    const bad = await json<ApiError>(await req("DELETE", "/api/vms/db", "{not json"), 400);
    assertEquals(bad.message, "Malformed JSON body");
    const wrongType = await json<ApiError>(
      await req("DELETE", "/api/vms/db", { deleteDisks: "yes" }),
      400,
    );
    assertEquals(wrongType.message, "deleteDisks must be true or false");
    assertEquals(await stateOf(req, "db"), "stopped"); // bad input changed nothing

    const disk = "/var/lib/kvmm-testdriver/pool/db.qcow2";
    assertEquals((await client.call("volumeInfo", disk)).capacity, 2 * 1024 ** 3);
    const done = await json<{ deletedDisks: string[] }>(
      await req("DELETE", "/api/vms/db", { deleteDisks: true }),
      200,
    );
    assertEquals(done.deletedDisks, [disk]);
    await json(await req("GET", "/api/vms/db"), 404);
    let gone = false;
    await client.call("volumeInfo", disk).catch(() => gone = true);
    assert(gone, "the disk volume was deleted");
  });
});

Deno.test("vms - delete without deleteDisks keeps the disk volume", async () => {
  await withTestApp(async ({ req, client }) => {
    await json(await req("DELETE", "/api/vms/db"), 200);
    await json(await req("GET", "/api/vms/db"), 404);
    const vol = await client.call("volumeInfo", "/var/lib/kvmm-testdriver/pool/db.qcow2");
    assertEquals(vol.capacity, 2 * 1024 ** 3);
  });
});

Deno.test("vms - stats are zeros for a stopped VM and filled for a running one", async () => {
  await withTestApp(async ({ req }) => {
    const off = await json<VmStats>(await req("GET", "/api/vms/db/stats"), 200);
    assertEquals(off.cpuUsagePercent, 0);
    assertEquals(off.memoryUsedMb, 0);
    assertEquals(off.diskReadBytes, 0);
    assert(off.timestamp > 0);
    const on = await json<VmStats>(await req("GET", "/api/vms/web/stats"), 200);
    assertMatch(on.vmId, /^[0-9a-f-]{36}$/);
    assertEquals(on.memoryAvailableMb, 1024);
  });
});

Deno.test("vms - actions produce vm-state-changed events with the re-read state", async () => {
  await withTestApp(async ({ req, events }) => {
    await json(await req("POST", "/api/vms/db/start"), 200);
    await eventually(() =>
      events.some((e) => e.type === "vm-state-changed" && e.name === "db" && e.state === "running")
    );
    await json(await req("DELETE", "/api/vms/cache"), 409); // paused: refused
    await json(await req("POST", "/api/vms/cache/force-stop"), 200);
    await json(await req("DELETE", "/api/vms/cache"), 200);
    await eventually(() => events.some((e) => e.type === "vm-deleted" && e.name === "cache"));
  });
});

/** Status counts of `answers`, e.g. {"200": 1, "409": 1}. */
function statuses(answers: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of answers) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

Deno.test("vms - 20 concurrent start pairs on one VM: one 200 and one 409 each, never 500", async () => {
  await withTestApp(async ({ req }) => {
    const all: Record<number, number> = {};
    for (let round = 0; round < 20; round++) {
      // The test driver says "already running" as an INTERNAL_ERROR: only one start at a
      // time per VM keeps the second start's answer the server's own 409.
      const pair = await Promise.all([
        req("POST", "/api/vms/db/start"),
        req("POST", "/api/vms/db/start"),
      ]);
      const bodies = await Promise.all(pair.map((r) => r.json()));
      for (const [k, v] of Object.entries(statuses(pair))) all[+k] = (all[+k] ?? 0) + v;
      assertEquals(statuses(pair), { 200: 1, 409: 1 }, JSON.stringify(bodies));
      assertEquals(bodies.find((b) => b.code)?.message, "VM is already running");
      await json(await req("POST", "/api/vms/db/force-stop"), 200);
    }
    assertEquals(all, { 200: 20, 409: 20 });
  });
});

Deno.test("vms - start racing force-stop and delete racing start answer 200/404/409, never 500", async () => {
  await withTestApp(async ({ req }) => {
    for (let round = 0; round < 20; round++) {
      const answers = await Promise.all([
        req("POST", "/api/vms/db/start"),
        req("POST", "/api/vms/db/force-stop"),
        req("POST", "/api/vms/db/start"),
      ]);
      const failed = answers.filter((r) => r.status >= 500);
      assertEquals(await Promise.all(failed.map((r) => r.text())), [], `round ${round}`);
      await req("POST", "/api/vms/db/force-stop");
    }
    const [del, start] = await Promise.all([
      req("DELETE", "/api/vms/db", { deleteDisks: true }),
      req("POST", "/api/vms/db/start"),
    ]);
    const outcome = [del.status, start.status];
    // Either the delete went first (the start finds no VM) or the start did (the delete
    // refuses a running VM): never both, never a running VM without its disk.
    assert(
      JSON.stringify(outcome) === "[200,404]" || JSON.stringify(outcome) === "[409,200]",
      `delete ${del.status} ${await del.text()}, start ${start.status} ${await start.text()}`,
    );
  });
});
