// DELETE /api/vms/:id takes the disks asked for: the delete plan marks ISOs, disks another VM
// uses, bases of linked clones and files outside any pool; the old deleteDisks flag takes only
// the VM's own disks. On the test driver, whose volumes keep a backing store as given.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { DeletePlan } from "../../shared/vm_delete.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { at, domainXml, exists, json, volumeXml } from "../../tests/support/vm_delete.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

const OUTSIDE = "/var/lib/kvmm-testdriver-outside/disk.img";

/** "victim" (stopped): its own disk, a shared one, a base, an ISO and a file outside any pool. */
async function setUp(client: LibvirtClient) {
  for (const name of ["victim.qcow2", "shared.qcow2", "base.qcow2", "install.iso"]) {
    await client.call("volumeCreate", "default", volumeXml(name));
  }
  await client.call("volumeCreate", "default", volumeXml("overlay.qcow2", at("base.qcow2")));
  await client.call(
    "domainDefine",
    domainXml("victim", [
      [at("victim.qcow2"), "vda", "disk"],
      [at("shared.qcow2"), "vdb", "disk"],
      [at("base.qcow2"), "vdc", "disk"],
      [OUTSIDE, "vdd", "disk"],
      [at("install.iso"), "sda", "cdrom"],
    ]),
  );
  await client.call(
    "domainDefine",
    domainXml("neighbour", [[at("shared.qcow2"), "vda", "disk"], [
      at("overlay.qcow2"),
      "vdb",
      "disk",
    ]]),
  );
}

Deno.test("vms delete - the plan lists every disk, marking ISO, shared, base and outside", async () => {
  await withTestApp(async ({ req, client }) => {
    await setUp(client);
    const plan = await json<DeletePlan>(await req("GET", "/api/vms/victim/delete-plan"), 200);
    assertEquals(plan.name, "victim");
    assertEquals(
      plan.volumes.map((v) => [v.target, v.keep, v.deletable]),
      [
        ["vda", null, true],
        ["vdb", "shared", true],
        ["vdc", "base", false],
        ["vdd", "outside", false],
        ["sda", "iso", true],
      ],
    );
    const reason = (target: string) => plan.volumes.find((v) => v.target === target)!.reason;
    assertEquals(reason("vdb"), "also used by neighbour");
    assertEquals(reason("vdc"), "the base of linked clones overlay.qcow2");
    assertEquals(reason("sda"), "an ISO (CD-ROM)");
    await json(await req("GET", "/api/vms/nope/delete-plan"), 404);
  });
});

Deno.test("vms delete - deleteDisks deletes only the VM's own disk, never an ISO, shared or base", async () => {
  await withTestApp(async ({ req, client }) => {
    await setUp(client);
    const done = await json<{ deletedDisks: string[]; keptDisks: { path: string }[] }>(
      await req("DELETE", "/api/vms/victim", { deleteDisks: true }),
      200,
    );
    assertEquals(done.deletedDisks, [at("victim.qcow2")]);
    assertEquals(
      done.keptDisks.map((k) => k.path).sort(),
      [at("base.qcow2"), at("install.iso"), at("shared.qcow2"), OUTSIDE].sort(),
    );
    assertEquals(await exists(client, at("victim.qcow2")), false);
    for (const kept of ["shared.qcow2", "base.qcow2", "install.iso", "overlay.qcow2"]) {
      assert(await exists(client, at(kept)), `${kept} stays`);
    }
  });
});

Deno.test("vms delete - the query's deleteDisks is as safe as the body's", async () => {
  await withTestApp(async ({ req, client }) => {
    await setUp(client);
    await json(await req("DELETE", "/api/vms/victim?deleteDisks=true"), 200);
    assertEquals(await exists(client, at("victim.qcow2")), false);
    for (const kept of ["shared.qcow2", "base.qcow2", "install.iso"]) {
      assert(await exists(client, at(kept)), `${kept} stays`);
    }
  });
});

Deno.test("vms delete - a misspelt key is refused, and the VM and its disks stay", async () => {
  await withTestApp(async ({ req, client }) => {
    await setUp(client);
    const err = await json<ApiError>(
      await req("DELETE", "/api/vms/victim", { deleteDisk: true }),
      400,
    );
    assertEquals(err.code, "BAD_REQUEST");
    assertMatch(err.message, /deleteDisk/);
    await json(await req("GET", "/api/vms/victim"), 200);
    assert(await exists(client, at("victim.qcow2")), "its disk stays");
  });
});

Deno.test("vms delete - volumes deletes exactly the listed disks, each one of the VM's", async () => {
  await withTestApp(async ({ req, client }) => {
    await setUp(client);
    // A path of another VM, or none at all, is refused before anything is touched.
    const foreign = await json<ApiError>(
      await req("DELETE", "/api/vms/victim", { volumes: [at("victim.qcow2"), at("db.qcow2")] }),
      400,
    );
    assertMatch(foreign.message, /^Not a disk of VM victim: .*db\.qcow2$/);
    const wrong = await json<ApiError>(
      await req("DELETE", "/api/vms/victim", { volumes: "all" }),
      400,
    );
    assertEquals(wrong.message, "volumes must be a list of disk paths");
    await json(await req("GET", "/api/vms/victim"), 200);

    // The ISO chosen by name goes; the own disk, not chosen, stays. The list wins over the flag.
    const done = await json<{ deletedDisks: string[]; keptDisks: { path: string }[] }>(
      await req("DELETE", "/api/vms/victim", {
        volumes: [at("install.iso"), at("base.qcow2")],
        deleteDisks: true,
      }),
      200,
    );
    assertEquals(done.deletedDisks, [at("install.iso")]);
    assert(done.keptDisks.some((k) => k.path === at("base.qcow2")), "a base stays even listed");
    await json(await req("GET", "/api/vms/victim"), 404);
    assertEquals(await exists(client, at("install.iso")), false);
    for (const kept of ["victim.qcow2", "shared.qcow2", "base.qcow2"]) {
      assert(await exists(client, at(kept)), `${kept} stays`);
    }
    assert(await exists(client, at("db.qcow2")), "the other VM's disk stays");
  });
});
