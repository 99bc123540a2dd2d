import { assertEquals } from "../../tests/support/assert.ts";
import type { QemuLogTail } from "../../shared/vm_state_reason.ts";
import type { Vm, VmSummary } from "../../shared/vms.ts";
import { eventually, jsonOf, withTestApp } from "../../tests/harness/test_app.ts";

const reasonsOf = async (t: Parameters<Parameters<typeof withTestApp>[0]>[0]) =>
  Object.fromEntries(
    ((await jsonOf(t, "GET", "/api/vms")).body as VmSummary[]).map((vm) => [
      vm.name,
      vm.stateReason,
    ]),
  );

Deno.test("vm state reason - a forced stop says so in the list, the details and the event; a pause by a user says nothing", async () => {
  await withTestApp(async (t) => {
    const before = await reasonsOf(t);
    // web booted and db never started: nothing worth telling. The test driver loads cache paused
    // with no reason (UNKNOWN), as libvirt tells a pause QEMU made on its own: an internal error.
    assertEquals(before, { cache: "internal-error", db: undefined, web: undefined });
    const cache = (await jsonOf(t, "GET", "/api/vms/cache")).body as Vm;
    assertEquals([cache.state, cache.stateReason], ["paused", "internal-error"]);

    assertEquals((await t.req("POST", "/api/vms/web/force-stop")).status, 200);
    assertEquals((await reasonsOf(t)).web, "destroyed");
    const web = (await jsonOf(t, "GET", "/api/vms/web")).body as Vm;
    assertEquals([web.state, web.stateReason], ["stopped", "destroyed"]);
    await eventually(() =>
      t.events.some((e) =>
        e.type === "vm-state-changed" && e.name === "web" && e.state === "stopped"
      )
    );
    const told = t.events.findLast((e) => e.type === "vm-state-changed" && e.name === "web");
    assertEquals(told?.type === "vm-state-changed" && told.stateReason, "destroyed");

    // Started again, the reason goes with the stop; the event tells no reason.
    assertEquals((await t.req("POST", "/api/vms/web/start")).status, 200);
    await eventually(() => {
      const last = t.events.findLast((e) => e.type === "vm-state-changed" && e.name === "web");
      return last?.type === "vm-state-changed" && last.state === "running";
    });
    const started = t.events.findLast((e) => e.type === "vm-state-changed" && e.name === "web");
    assertEquals(started?.type === "vm-state-changed" && "stateReason" in started, false);
    assertEquals((await reasonsOf(t)).web, undefined);

    assertEquals((await t.req("POST", "/api/vms/web/pause")).status, 200);
    const paused = (await jsonOf(t, "GET", "/api/vms/web")).body as Vm;
    assertEquals([paused.state, "stateReason" in paused], ["paused", false]);
  });
});

Deno.test("vm state reason - the QEMU log is for admins, and only of the local host's QEMU", async () => {
  await withTestApp(async (t) => {
    // The test driver is no local QEMU: the answer says where logs can be read.
    const { status, body } = await jsonOf(t, "GET", "/api/vms/web/qemu-log");
    assertEquals(status, 200);
    const tail = body as QemuLogTail;
    assertEquals([tail.available, tail.lines], [false, []]);
    assertEquals(tail.note, "The QEMU log can only be read for VMs on the local host.");

    assertEquals((await jsonOf(t, "GET", "/api/vms/nope/qemu-log")).status, 404);
    for (const role of ["viewer", "operator"] as const) {
      const res = await t.app.request("http://localhost/api/vms/web/qemu-log", {
        headers: { authorization: `Bearer ${t.tokenFor(role)}` },
      });
      assertEquals(res.status, 403, role);
      await res.body?.cancel();
    }
    const anonymous = await t.app.request("http://localhost/api/vms/web/qemu-log", {
      headers: { authorization: "Bearer nope" },
    });
    assertEquals(anonymous.status, 401);
    await anonymous.body?.cancel();
  });
});
