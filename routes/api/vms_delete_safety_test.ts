// Deleting a VM's disks fails closed: another VM naming the same file by another spelling shares
// it, a linked clone in another pool keeps its base, and when the other VMs or the pools cannot
// be read no disk is deleted. On the test driver, whose volumes keep a backing store as given.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import type { DeletePlan } from "../../shared/vm_delete.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { Connection } from "../../ffi/libvirt/connection.ts";
import { LibvirtError } from "../../ffi/libvirt/error.ts";
import { storageOps } from "../../ffi/libvirt/ops/storage.ts";
import { deletePlan } from "../../lib/vms/delete_plan.ts";
import { domainDelete, domainExists } from "../../lib/vms/domains.ts";
import { TEST_POOL_PATH, writeTestNode } from "../../tests/support/test_node.ts";
import { at, domainXml, exists, json, volumeXml } from "../../tests/support/vm_delete.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

const OTHER_POOL = "kvmm-test-delfix-other";

/** "victim" (stopped) with its own disk, a second disk and an ISO. */
async function victim(client: LibvirtClient, second = "shared.qcow2") {
  for (const name of ["victim.qcow2", second, "install.iso"]) {
    await client.call("volumeCreate", "default", volumeXml(name));
  }
  await client.call(
    "domainDefine",
    domainXml("victim", [
      [at("victim.qcow2"), "vda", "disk"],
      [at(second), "vdb", "disk"],
      [at("install.iso"), "sda", "cdrom"],
    ]),
  );
}

/** `client` with `op` failing as a libvirt call would: the check's seam. */
function failing(client: LibvirtClient, op: string): LibvirtClient {
  const broken = Object.create(client) as LibvirtClient;
  broken.call =
    ((name: string, ...args: unknown[]) =>
      name === op
        ? Promise.reject(new LibvirtError(1, 0, `${op} failed`))
        : (client.call as (n: string, ...a: unknown[]) => Promise<unknown>)(
          name,
          ...args,
        )) as LibvirtClient["call"];
  return broken;
}

Deno.test("vms delete - another VM naming the same file another way shares it (F1)", async () => {
  await withTestApp(async ({ req, client }) => {
    await victim(client);
    await client.call(
      "domainDefine",
      domainXml("dotted", [[`${TEST_POOL_PATH}/./shared.qcow2`, "vda", "disk"]]),
    );
    await client.call(
      "domainDefine",
      domainXml("slashed", [[`/${at("shared.qcow2")}`, "vda", "disk"]]),
    );
    const plan = await json<DeletePlan>(await req("GET", "/api/vms/victim/delete-plan"), 200);
    const vdb = plan.volumes.find((v) => v.target === "vdb")!;
    assertEquals([vdb.keep, vdb.reason], ["shared", "also used by dotted, slashed"]);
    const done = await json<{ deletedDisks: string[] }>(
      await req("DELETE", "/api/vms/victim", { deleteDisks: true }),
      200,
    );
    assertEquals(done.deletedDisks, [at("victim.qcow2")]);
    assert(await exists(client, at("shared.qcow2")), "the shared disk stays");
  });
});

Deno.test("vms delete - a linked clone in another pool keeps its base (F2)", async () => {
  await withTestApp(async ({ req, client }) => {
    await victim(client, "base.qcow2");
    await client.call(
      "poolDefine",
      `<pool type='dir'><name>${OTHER_POOL}</name>
        <target><path>/var/lib/kvmm-testdriver/other</path></target></pool>`,
      { build: false, start: true, autostart: false },
    );
    await client.call("volumeCreate", OTHER_POOL, volumeXml("clone.qcow2", at("base.qcow2")));
    const plan = await json<DeletePlan>(await req("GET", "/api/vms/victim/delete-plan"), 200);
    const vdb = plan.volumes.find((v) => v.target === "vdb")!;
    assertEquals([vdb.keep, vdb.deletable], ["base", false]);
    assertEquals(vdb.reason, "the base of linked clones clone.qcow2");
    const done = await json<{ deletedDisks: string[] }>(
      await req("DELETE", "/api/vms/victim", { volumes: [at("victim.qcow2"), at("base.qcow2")] }),
      200,
    );
    assertEquals(done.deletedDisks, [at("victim.qcow2")]);
    assert(await exists(client, at("base.qcow2")), "the base stays");
  });
});

Deno.test("vms delete - when other VMs cannot be read, no disk is deleted (F3)", async () => {
  await withTestApp(async ({ client }) => {
    await victim(client);
    const broken = failing(client, "diskUsers");
    const plan = await deletePlan({ client: broken, uuid: "victim" });
    assertEquals(
      plan.volumes.map((v) => [v.target, v.keep, v.deletable]),
      [["vda", "unknown", false], ["vdb", "unknown", false], ["sda", "iso", true]],
    );
    assertEquals(
      plan.volumes[0].reason,
      "could not check whether another VM uses it; left in place",
    );
    const done = await domainDelete({ client: broken, id: "victim", volumes: "own" });
    assertEquals(done.deletedDisks, []);
    assertEquals(
      done.keptDisks.map((k) => [k.path, k.reason]),
      [
        [at("victim.qcow2"), "could not check whether another VM uses it; left in place"],
        [at("shared.qcow2"), "could not check whether another VM uses it; left in place"],
        [at("install.iso"), "an ISO (CD-ROM)"],
      ],
    );
    assertEquals(await domainExists(client, done.uuid), false, "the VM itself is deleted");
    for (const kept of ["victim.qcow2", "shared.qcow2", "install.iso"]) {
      assert(await exists(client, at(kept)), `${kept} stays`);
    }
  });
});

Deno.test("vms delete - when a pool cannot be listed, no disk counts as its own (F3)", async () => {
  await withTestApp(async ({ client }) => {
    await victim(client);
    const broken = failing(client, "poolVolumes");
    const plan = await deletePlan({ client: broken, uuid: "victim" });
    assertEquals(
      plan.volumes.map((v) => [v.target, v.keep, v.deletable]),
      [["vda", "unknown", false], ["vdb", "unknown", false], ["sda", "iso", true]],
    );
    // Even named, an unchecked disk stays.
    const done = await domainDelete({
      client: broken,
      id: "victim",
      volumes: [at("victim.qcow2")],
    });
    assertEquals(done.deletedDisks, []);
    assert(await exists(client, at("victim.qcow2")), "the unchecked disk stays");
  });
});

Deno.test("storage ops - diskUsers skips a VM that goes away while it reads (F3)", async () => {
  const node = await writeTestNode([{ name: "web", disk: true }]);
  const conn = Connection.open(node.uri);
  try {
    const gone = conn.defineDomain(domainXml("gone", [[at("web.qcow2"), "vdb", "disk"]]));
    // The seam: the VM is undefined between the listing and the reads of its XML.
    const racing = {
      listAllDomains: () => {
        const doms = conn.listAllDomains();
        gone.undefine();
        return doms;
      },
    } as unknown as Connection;
    assertEquals(storageOps.diskUsers(racing, [at("web.qcow2")]), { [at("web.qcow2")]: ["web"] });
    gone.free();
  } finally {
    conn.close();
    await node.remove();
  }
});

Deno.test("storage ops - diskUsers sees a file named through a symlink (F1)", async () => {
  const node = await writeTestNode([]);
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-delfix-" });
  const conn = Connection.open(node.uri);
  try {
    await Deno.writeFile(`${dir}/disk.img`, new Uint8Array(0));
    await Deno.symlink(`${dir}/disk.img`, `${dir}/link.img`);
    using other = conn.defineDomain(domainXml("other", [[`${dir}/link.img`, "vda", "disk"]]));
    assertEquals(other.getName(), "other");
    assertEquals(storageOps.diskUsers(conn, [`${dir}//disk.img`]), {
      [`${dir}//disk.img`]: ["other"],
    });
  } finally {
    conn.close();
    await Deno.remove(dir, { recursive: true });
    await node.remove();
  }
});

Deno.test("vms delete - a cloud-init seed another VM uses says so; its own seed is named as such", async () => {
  await withTestApp(async ({ client }) => {
    for (const name of ["seeded.qcow2", "seeded-cidata.iso", "copy.qcow2", "lone-cidata.iso"]) {
      await client.call("volumeCreate", "default", volumeXml(name));
    }
    // A VM restored before seeds were taken out of restored copies: two VMs on one seed.
    await client.call(
      "domainDefine",
      domainXml("seeded", [
        [at("seeded.qcow2"), "vda", "disk"],
        [at("seeded-cidata.iso"), "sda", "cdrom"],
      ]),
    );
    await client.call(
      "domainDefine",
      domainXml("copy", [
        [at("copy.qcow2"), "vda", "disk"],
        [at("seeded-cidata.iso"), "sda", "cdrom"],
        [at("lone-cidata.iso"), "sdb", "cdrom"],
      ]),
    );
    const uuid = (await client.call("domainGet", "copy")).uuid;
    const plan = await deletePlan({ client, uuid });
    assertEquals(
      plan.volumes.map((v) => [v.target, v.keep, v.reason, v.deletable]),
      [
        ["vda", null, "", true],
        ["sda", "shared", "a cloud-init seed, also used by seeded", true],
        ["sdb", "iso", "its cloud-init seed (CD-ROM)", true],
      ],
    );
    // When the other VMs cannot be read, a seed is not called its own: it stays.
    const blind = await deletePlan({ client: failing(client, "diskUsers"), uuid });
    assertEquals(
      blind.volumes.filter((v) => v.target !== "vda").map((v) => [v.target, v.keep, v.deletable]),
      [["sda", "unknown", false], ["sdb", "unknown", false]],
    );
  });
});
