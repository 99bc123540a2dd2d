// Start at boot in order through the API on the test driver: a VM's boot order set, read,
// kept in its domain XML and removed, libvirt's autostart handed over, and bad bodies refused.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { VmStartup } from "../../shared/startup.ts";
import type { Vm } from "../../shared/vms.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

Deno.test("vm startup - set, read, keep in the XML and remove a boot order", async () => {
  await withTestApp(async ({ req }) => {
    // db starts with the host by libvirt's autostart first.
    assertEquals((await req("PATCH", "/api/vms/db", { autostart: true })).status, 200);
    let r = await req("GET", "/api/vms/db/startup");
    let body = await r.json() as VmStartup;
    assertEquals(r.status, 200, JSON.stringify(body));
    assertEquals(body.startup, null);
    assertEquals(body.libvirtAutostart, true);

    r = await req("PUT", "/api/vms/db/startup", { order: 10, upDelay: 30, waitForAgent: true });
    body = await r.json();
    assertEquals(r.status, 200, JSON.stringify(body));
    assertEquals(body.startup, { order: 10, upDelay: 30, waitForAgent: true, downTimeout: 180 });
    // libvirtd would start it at once when it starts: its flag goes off, ours starts it.
    assertEquals(body.libvirtAutostart, false);
    const vm = await (await req("GET", "/api/vms/db")).json() as Vm;
    assertEquals(vm.autostart, true);
    const xml = await (await req("GET", "/api/vms/db/xml")).text();
    assertMatch(
      xml,
      /<kvmmstart:startup xmlns:kvmmstart="https:\/\/github.com\/kvm-manager\/xmlns\/startup\/1" order="10" up="30" agent="yes" down="180"\/>/,
    );

    // A running VM takes it too (live and for the next boot); the sequence is in order.
    r = await req("PUT", "/api/vms/web/startup", { order: 2, downTimeout: 0 });
    assertEquals(r.status, 200, await r.clone().text());
    const plan = await (await req("GET", "/api/host/startup")).json() as {
      name: string;
      running: boolean;
    }[];
    assertEquals(plan.map((p) => [p.name, p.running]), [["web", true], ["db", false]]);

    // Removing the order gives the start back to libvirt's autostart.
    r = await req("DELETE", "/api/vms/db/startup");
    body = await r.json();
    assertEquals(r.status, 200, JSON.stringify(body));
    assertEquals(body.startup, null);
    assertEquals(body.libvirtAutostart, true);
    // Autostart off on a VM with an order removes the order; libvirt's flag stays off.
    assertEquals((await req("PATCH", "/api/vms/web", { autostart: false })).status, 200);
    body = await (await req("GET", "/api/vms/web/startup")).json();
    assertEquals([body.startup, body.libvirtAutostart], [null, false]);
  });
});

Deno.test("vm startup - refuses bad bodies in words naming the field", async () => {
  await withTestApp(async ({ req }) => {
    const cases: [unknown, string, RegExp][] = [
      [{}, "order", /^order must be a whole number from 0 to 9999$/],
      [{ order: -1 }, "order", /^order must be a whole number from 0 to 9999$/],
      [{ order: 10000 }, "order", /^order must be a whole number from 0 to 9999$/],
      [{ order: 1.5 }, "order", /^order must be a whole number from 0 to 9999$/],
      [{ order: "1" }, "order", /^order must be a whole number from 0 to 9999$/],
      [{ order: 1, upDelay: 3601 }, "upDelay", /^upDelay must be a whole number from 0 to 3600$/],
      [{ order: 1, upDelay: -5 }, "upDelay", /^upDelay must be a whole number from 0 to 3600$/],
      [{ order: 1, downTimeout: 4000 }, "downTimeout", /^downTimeout must be a whole number/],
      [{ order: 1, waitForAgent: "yes" }, "waitForAgent", /^waitForAgent must be true or false$/],
      [{ order: 1, onboot: true }, "onboot", /^Unknown field "onboot": expected order, upDelay/],
    ];
    for (const [input, field, words] of cases) {
      const r = await req("PUT", "/api/vms/db/startup", input);
      const body = await r.json();
      assertEquals(r.status, 400, JSON.stringify(input));
      assertEquals(body.code, "INVALID_OPTIONS", JSON.stringify(input));
      assertEquals(body.field, field, JSON.stringify(input));
      assertMatch(body.message, words);
    }
    const notObject = await req("PUT", "/api/vms/db/startup", [1]);
    assertEquals(notObject.status, 400);
    assertMatch((await notObject.json()).message, /Body must be a JSON object like/);
    const missing = await req("PUT", "/api/vms/nope/startup", { order: 1 });
    assertEquals(missing.status, 404);
    assertEquals((await missing.json()).code, "VM_NOT_FOUND");
    // Nothing was written by the refusals.
    const body = await (await req("GET", "/api/vms/db/startup")).json() as VmStartup;
    assert(body.startup === null);
  });
});
