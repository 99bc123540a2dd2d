// Changes waiting for a running VM's next boot, through the API on the test driver (which keeps
// a running domain's persistent definition apart from its live one, as QEMU's driver does).

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { Task } from "../../shared/tasks.ts";
import type { Vm, VmSummary } from "../../shared/vms.ts";
import { jsonOf, withTestApp } from "../../tests/harness/test_app.ts";

/** Polls `fn` until it answers true (an async `eventually`). */
async function until(fn: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!await fn()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

Deno.test("vm pending - vCPUs and memory changed on a running VM are listed old → new", async () => {
  await withTestApp(async (t) => {
    const edit = await jsonOf(t, "PATCH", "/api/vms/web", { cpuCount: 4, memoryMb: 2048 });
    assertEquals(edit.status, 200, JSON.stringify(edit.body));
    const web = (await jsonOf(t, "GET", "/api/vms/web")).body as Vm;
    // What runs stays; the definition has the new values.
    assertEquals([web.state, web.cpuCount, web.memoryMb], ["running", 2, 1024]);
    assertEquals(web.pending, [
      { field: "cpuCount", live: 2, next: 4 },
      { field: "maxCpuCount", live: 2, next: 4 },
      { field: "memoryMb", live: 1024, next: 2048 },
      { field: "currentMemoryMb", live: 1024, next: 2048 },
    ]);
    // A stopped VM has one definition: nothing waits, whatever was changed.
    assertEquals((await jsonOf(t, "PATCH", "/api/vms/db", { cpuCount: 2 })).status, 200);
    assertEquals(((await jsonOf(t, "GET", "/api/vms/db")).body as Vm).pending, []);

    // The list marks it once compared (in the background), and only it.
    await until(async () => {
      const list = (await jsonOf(t, "GET", "/api/vms")).body as VmSummary[];
      return list.find((vm) => vm.name === "web")?.changesPending === true;
    });
    const list = (await jsonOf(t, "GET", "/api/vms")).body as VmSummary[];
    assertEquals(list.filter((vm) => vm.changesPending).map((vm) => vm.name), ["web"]);
  });
});

Deno.test("vm pending - a change back to what runs leaves nothing pending, list included", async () => {
  await withTestApp(async (t) => {
    await jsonOf(t, "PATCH", "/api/vms/web", { bootOrder: ["cdrom", "hd"] });
    let web = (await jsonOf(t, "GET", "/api/vms/web")).body as Vm;
    assertEquals(web.pending, [{ field: "bootOrder", live: ["hd"], next: ["cdrom", "hd"] }]);
    await until(async () =>
      ((await jsonOf(t, "GET", "/api/vms")).body as VmSummary[])
        .some((vm) => vm.name === "web" && vm.changesPending)
    );
    await jsonOf(t, "PATCH", "/api/vms/web", { bootOrder: ["hd"] });
    web = (await jsonOf(t, "GET", "/api/vms/web")).body as Vm;
    assertEquals(web.pending, []);
    await until(async () =>
      !((await jsonOf(t, "GET", "/api/vms")).body as VmSummary[])
        .some((vm) => vm.changesPending)
    );
  });
});

Deno.test("vm pending - apply shuts down and starts, as a task; the new values then run", async () => {
  await withTestApp(async (t) => {
    await jsonOf(t, "PATCH", "/api/vms/web", { cpuCount: 3 });
    const applied = await jsonOf(t, "POST", "/api/vms/web/apply-pending");
    assertEquals(applied.status, 202, JSON.stringify(applied.body));
    assertEquals(applied.body.pending.map((c: { field: string }) => c.field), [
      "cpuCount",
      "maxCpuCount",
    ]);
    await until(async () => {
      const vm = (await jsonOf(t, "GET", "/api/vms/web")).body as Vm;
      return vm.state === "running" && vm.cpuCount === 3;
    });
    assertEquals(((await jsonOf(t, "GET", "/api/vms/web")).body as Vm).pending, []);
    // The task ends when the VM has started again.
    let task: Task | undefined;
    await until(async () => {
      const tasks = (await jsonOf(t, "GET", "/api/tasks")).body as Task[];
      task = tasks.find((x) => x.action === "vm.apply-pending");
      return task?.status === "succeeded";
    });
    assertEquals(task!.title, "Apply pending changes");
  });
});

Deno.test("vm pending - apply refuses a VM that is not running or has nothing pending", async () => {
  await withTestApp(async (t) => {
    let r = await jsonOf(t, "POST", "/api/vms/db/apply-pending");
    assertEquals([r.status, r.body.code, r.body.message], [
      409,
      "INVALID_STATE",
      "VM is not running",
    ]);
    r = await jsonOf(t, "POST", "/api/vms/web/apply-pending");
    assertEquals(r.status, 409);
    assertEquals(r.body.message, "Nothing waits for the next boot of this VM");
    r = await jsonOf(t, "POST", "/api/vms/nope/apply-pending");
    assertEquals(r.status, 404);
    // A viewer may not; an operator of the VM may (it is a power action).
    await jsonOf(t, "PATCH", "/api/vms/web", { memoryMb: 512 });
    const as = (token: string) =>
      t.app.request("http://localhost/api/vms/web/apply-pending", {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      });
    assertEquals((await as(t.tokenFor("viewer"))).status, 403);
    const web = (await jsonOf(t, "GET", "/api/vms/web")).body as Vm;
    const res = await as(t.tokenFor("operator", [web.id]));
    assertEquals(res.status, 202, await res.clone().text());
    await until(async () => ((await jsonOf(t, "GET", "/api/vms/web")).body as Vm).memoryMb === 512);
  });
});

Deno.test("vm pending - the OpenAPI document tells pending, changesPending and apply", async () => {
  await withTestApp(async (t) => {
    const doc = (await jsonOf(t, "GET", "/api/openapi.json")).body;
    const op = doc.paths["/api/vms/{id}/apply-pending"]?.post;
    assert(op, "apply-pending is in the document");
    assertMatch(op.summary, /graceful shutdown.*then a start/);
    assertMatch(
      doc.paths["/api/vms/{id}"].get.responses["200"].description,
      /`pending` lists .*\{field, device\?, live, next\}/,
    );
    assertMatch(doc.paths["/api/vms"].get.responses["200"].description, /changesPending/);
  });
});
