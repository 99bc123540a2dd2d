// /api/vms/:id/filesystems on libvirt's test driver: a folder inside the storage roots is shared
// (shared memory added, the running VM's share pending until its next boot), listed, refused when
// outside the roots, with a bad or taken tag, or for a viewer; removed by tag. Where the host has
// no virtiofsd the service refuses with VIRTIOFSD_MISSING.

import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";
import type { VmFilesystem } from "../../shared/filesystems.ts";
import type { Vm } from "../../shared/vms.ts";
import { XmlFlags } from "../../ffi/libvirt/domain.ts";
import { AppError } from "../../lib/errors.ts";
import { SharedFolders, type SharedFoldersOptions } from "../../lib/filesystems/service.ts";
import { localVirtiofsSupport, remoteVirtiofsSupport } from "../../lib/filesystems/virtiofsd.ts";
import { hasSharedMemory } from "../../lib/xml/filesystem_xml.ts";
import { jsonOf, type TestApp, withTestApp } from "../../tests/harness/test_app.ts";

/** A folder under /srv (a default storage root) for the test, removed after it. */
async function withShareDir(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ dir: "/srv", prefix: "kvmm-vfs-api-" });
  try {
    await Deno.mkdir(`${dir}/share`);
    await Deno.mkdir(`${dir}/other`);
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const list = async (t: TestApp, vm: string) =>
  (await jsonOf(t, "GET", `/api/vms/${vm}/filesystems`)).body as VmFilesystem[];

Deno.test("filesystems api - share, list, pending at next boot, refuse, remove", async () => {
  await withShareDir(async (dir) => {
    await withTestApp(async (t) => {
      assertEquals(await list(t, "web"), []);
      const added = await jsonOf(t, "POST", "/api/vms/web/filesystems", {
        source: `${dir}/share`,
        tag: "data",
      });
      assertEquals(added.status, 201, JSON.stringify(added.body));
      // web runs without shared memory: the definition gets it, the guest at its next boot.
      assertEquals(added.body, { live: false, nextBoot: true, sharedMemoryAdded: true });
      assertEquals(await list(t, "web"), [
        { tag: "data", source: `${dir}/share`, readOnly: false, driver: "virtiofs" },
      ]);
      const defined = await t.client.call("domainXml", "web", XmlFlags.INACTIVE);
      assert(hasSharedMemory(defined), "no shared memory in the definition");
      const vm = (await jsonOf(t, "GET", "/api/vms/web")).body as Vm;
      assertEquals(vm.pending?.filter((c) => c.field === "filesystem"), [
        { field: "filesystem", device: "data", live: null, next: `${dir}/share` },
      ]);

      const refusals: [unknown, number, string, string][] = [
        [{ source: `${dir}/other`, tag: "data" }, 409, "SHARED_FOLDER_EXISTS", "tag"],
        [{ source: "/etc", tag: "etc" }, 400, "INVALID_SHARED_FOLDER", "source"],
        [{ source: `${dir}/share/../other`, tag: "x" }, 400, "INVALID_SHARED_FOLDER", "source"],
        [{ source: `${dir}/other`, tag: "no spaces" }, 400, "INVALID_SHARED_FOLDER", "tag"],
        [{ source: `${dir}/other`, tag: "x".repeat(37) }, 400, "INVALID_SHARED_FOLDER", "tag"],
        // Inside or around a folder shared already (a guest writes there as root and could swap
        // the other share's path), and another user's folder above it (virtiofsd runs as root).
        [{ source: `${dir}/share/inner`, tag: "nested" }, 400, "INVALID_SHARED_FOLDER", "source"],
        [{ source: dir, tag: "around" }, 400, "INVALID_SHARED_FOLDER", "source"],
        [{ source: `${dir}/theirs/x`, tag: "theirs" }, 400, "INVALID_SHARED_FOLDER", "source"],
      ];
      await Deno.mkdir(`${dir}/share/inner`);
      await Deno.mkdir(`${dir}/theirs/x`, { recursive: true });
      await Deno.chown(`${dir}/theirs`, 65534, 65534);
      for (const [body, status, code, field] of refusals) {
        const res = await jsonOf(t, "POST", "/api/vms/web/filesystems", body);
        assertEquals(
          [res.status, res.body.code, res.body.field],
          [status, code, field],
          JSON.stringify(body),
        );
      }

      // A stopped VM, read-only.
      const ro = await jsonOf(t, "POST", "/api/vms/db/filesystems", {
        source: `${dir}/other`,
        tag: "docs",
        readOnly: true,
      });
      assertEquals(ro.status, 201, JSON.stringify(ro.body));
      assertEquals((await list(t, "db"))[0].readOnly, true);

      // Sharing changes a VM: admins only.
      const viewer = t.tokenFor("viewer");
      const denied = await t.app.request(`http://localhost/api/vms/db/filesystems`, {
        method: "POST",
        headers: { authorization: `Bearer ${viewer}`, "content-type": "application/json" },
        body: JSON.stringify({ source: `${dir}/share`, tag: "v" }),
      });
      assertEquals(denied.status, 403);
      await denied.body?.cancel();

      const removed = await jsonOf(t, "DELETE", "/api/vms/web/filesystems/data");
      assertEquals([removed.status, removed.body], [200, { live: false, nextBoot: true }]);
      assertEquals(await list(t, "web"), []);
      const again = await jsonOf(t, "DELETE", "/api/vms/web/filesystems/data");
      assertEquals([again.status, again.body.code], [404, "SHARED_FOLDER_NOT_FOUND"]);
      const none = await jsonOf(t, "GET", "/api/vms/nosuch/filesystems");
      assertEquals(none.status, 404);
    });
  });
});

Deno.test("filesystems api - a host without virtiofsd refuses with VIRTIOFSD_MISSING", async () => {
  await withShareDir(async (dir) => {
    await withTestApp(async (t) => {
      const service = (support: SharedFoldersOptions["support"]) =>
        new SharedFolders({
          client: t.client,
          lock: (_id, fn) => fn(),
          roots: ["/srv"],
          local: true,
          dataDir: `${dir}/data`,
          support,
        });
      const noBinary = service(() =>
        localVirtiofsSupport({ helperDir: dir, find: () => Promise.resolve(null) })
      );
      const err = await assertRejects(
        () => noBinary.add("web", { source: `${dir}/share`, tag: "data" }),
        AppError,
      );
      assertEquals([err.code, err.status], ["VIRTIOFSD_MISSING", 422]);
      assert(/virtiofsd is not installed/.test(err.message), err.message);
      const noCaps = service(() => Promise.resolve(remoteVirtiofsSupport("<domainCapabilities/>")));
      const remote = await assertRejects(
        () => noCaps.add("web", { source: `${dir}/share`, tag: "data" }),
        AppError,
      );
      assertEquals(remote.code, "VIRTIOFSD_MISSING");
      assertEquals(await list(t, "web"), []);
    });
  });
});
