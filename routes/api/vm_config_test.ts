import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { Vm } from "../../shared/vms.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

const vmOf = async (req: (m: string, p: string, b?: unknown) => Promise<Response>, id: string) =>
  await (await req("GET", `/api/vms/${id}`)).json() as Vm;

Deno.test("vm config - edit resources, description, autostart and boot options", async () => {
  await withTestApp(async ({ req }) => {
    const r = await req("PATCH", "/api/vms/db", {
      cpuCount: 3,
      memoryMb: 2048,
      description: "a & <b>",
      autostart: true,
      bootOrder: ["cdrom", "hd"],
      bootMenu: true,
    });
    const body = await r.json();
    assertEquals(r.status, 200, JSON.stringify(body));
    // db is shut off: everything lands in the definition, for the next boot.
    for (const c of body.changes as { field: string; live: boolean; nextBoot: boolean }[]) {
      assertEquals(c.live, c.field === "autostart", c.field);
      assert(c.nextBoot);
    }
    const vm = await vmOf(req, "db");
    assertEquals(vm.cpuCount, 3);
    assertEquals(vm.memoryMb, 2048);
    assertEquals(vm.description, "a & <b>");
    assertEquals(vm.autostart, true);
    assertEquals(vm.bootOrder, ["cdrom", "hd"]);
    assertEquals(vm.bootMenu, true);
  });
});

Deno.test("vm config - edit refuses bad values in the contract's words", async () => {
  await withTestApp(async ({ req }) => {
    const cases: [unknown, number, RegExp][] = [
      [{ cpuCount: 0 }, 400, /^Invalid CPU count: 0 \(must be 1-256\)$/],
      [{ memoryMb: 64 }, 400, /^Invalid memory size: 64 MiB \(minimum 128 MiB\)$/],
      [{ memoryMb: 10_000_000 }, 400, /^Memory exceeds available host memory/],
      [{ bootOrder: ["hd", "hd"] }, 400, /bootOrder must list distinct devices/],
      [{ name: "a<b" }, 400, /^Invalid VM name/],
      [{ name: "renamed" }, 409, /Cannot rename a running VM/],
      [{ name: "db" }, 409, /running VM/],
      [{ bogus: 1 }, 400, /Unknown field: bogus/],
    ];
    for (const [body, status, words] of cases) {
      const r = await req("PATCH", "/api/vms/web", body);
      const json = await r.json();
      assertEquals(r.status, status, JSON.stringify(body));
      assertMatch(json.message, words);
    }
    const r = await req("PATCH", "/api/vms/db", { name: "web" });
    assertEquals(r.status, 409);
    assertEquals((await r.json()).message, "VM name already exists: web");
  });
});

Deno.test("vm config - console type and clipboard for the next boot, refusals in words", async () => {
  await withTestApp(async ({ req }) => {
    let r = await req("PATCH", "/api/vms/db", { display: "spice", clipboard: true });
    assertEquals(r.status, 200, await r.clone().text());
    assertEquals((await r.json()).changes, [
      { field: "display", live: false, nextBoot: true },
      { field: "clipboard", live: false, nextBoot: true },
    ]);
    let vm = await vmOf(req, "db");
    assertEquals(vm.graphics.map((g) => g.type), ["spice"]);
    assertEquals(vm.clipboard, true);
    r = await req("PATCH", "/api/vms/db", { display: "vnc" });
    assertEquals(r.status, 200, await r.clone().text());
    vm = await vmOf(req, "db");
    assertEquals(vm.graphics.map((g) => g.type), ["vnc"]);
    assertEquals(vm.clipboard, true, "the clipboard stays, now QEMU's vdagent");
    const xml = await (await req("GET", "/api/vms/db/xml")).text();
    assertMatch(xml, /<channel type=["']qemu-vdagent["']>/);
    r = await req("PATCH", "/api/vms/db", { clipboard: false });
    assertEquals(r.status, 200);
    assertEquals((await vmOf(req, "db")).clipboard, false);
    assertEquals(
      (await vmOf(req, "db")).nextBoot,
      undefined,
      "a stopped VM has no pending console",
    );

    // A running VM keeps its display; the change waits for its next boot and is shown as such.
    r = await req("PATCH", "/api/vms/web", { display: "spice" });
    assertEquals(r.status, 200);
    const web = await vmOf(req, "web");
    assertEquals(web.graphics.map((g) => g.type), ["vnc"]);
    assertEquals(web.nextBoot, { display: "spice", clipboard: false });

    for (
      const [body, words] of [
        [{ display: "rdp" }, "Invalid display: rdp (must be vnc or spice)"],
        [{ clipboard: "yes" }, "clipboard must be true or false"],
      ] as const
    ) {
      const res = await req("PATCH", "/api/vms/db", body);
      assertEquals(res.status, 400, JSON.stringify(body));
      assertEquals((await res.json()).message, words);
    }
  });
});

Deno.test("vm config - rename a stopped VM", async () => {
  await withTestApp(async ({ req }) => {
    const r = await req("PATCH", "/api/vms/db", { name: "db2" });
    assertEquals(r.status, 200, await r.clone().text());
    assertEquals((await vmOf(req, "db2")).name, "db2");
    assertEquals((await req("GET", "/api/vms/db")).status, 404);
  });
});

Deno.test("vm config - XML export, editor round trip and import", async () => {
  await withTestApp(async ({ req }) => {
    const exported = await req("GET", "/api/vms/db/xml");
    assertEquals(exported.status, 200);
    assertMatch(exported.headers.get("content-type")!, /application\/xml/);
    const xml = await exported.text();
    assertMatch(xml, /<name>db<\/name>/);
    const edited = xml.replace(
      /<description>[^<]*<\/description>/,
      "<description>edited</description>",
    );
    let r = await req("PUT", "/api/vms/db/xml", { xml: edited });
    assertEquals(r.status, 200, await r.clone().text());
    assertEquals((await vmOf(req, "db")).description, "edited");
    // Unchanged round trip.
    r = await req("PUT", "/api/vms/db/xml", {
      xml: await (await req("GET", "/api/vms/db/xml")).text(),
    });
    assertEquals(r.status, 200);

    r = await req("PUT", "/api/vms/db/xml", {
      xml: xml.replace("<name>db</name>", "<name>x</name>"),
    });
    assertEquals(r.status, 400);
    assertMatch((await r.json()).message, /use rename/);
    r = await req("PUT", "/api/vms/db/xml", { xml: "<domain><name>db" });
    assertEquals(r.status, 400);
    assertMatch((await r.json()).message, /^Invalid domain XML/);
    r = await req("PUT", "/api/vms/db/xml", {
      xml: xml.replace(/<memory[^>]*>\d+</, "<memory unit='KiB'>lots<"),
    });
    assertEquals(r.status, 400, "libvirt's own error for an invalid value");

    r = await req("POST", "/api/vms/import", { xml });
    assertEquals(r.status, 409);
    assertEquals((await r.json()).message, "VM name already exists: db");
    const fresh = xml.replace("<name>db</name>", "<name>imported</name>").replace(
      /<uuid>[^<]*<\/uuid>/,
      "",
    );
    r = await req("POST", "/api/vms/import", { xml: fresh });
    assertEquals(r.status, 201, await r.clone().text());
    assertEquals((await vmOf(req, "imported")).cpuCount, 4);
    const sameUuid = xml.replace("<name>db</name>", "<name>other</name>");
    r = await req("POST", "/api/vms/import", { xml: sameUuid });
    assertEquals(r.status, 409);
    assertMatch((await r.json()).message, /^VM UUID already exists/);
  });
});

Deno.test("vm config - clone copies disks with a new name, UUID and MACs", async () => {
  await withTestApp(async ({ req }) => {
    let r = await req("POST", "/api/vms/web/clone", { name: "web2" });
    assertEquals(r.status, 409, "web is running");
    r = await req("POST", "/api/vms/db/clone", { name: "db-copy" });
    const body = await r.json();
    assertEquals(r.status, 201, JSON.stringify(body));
    const [db, copy] = [await vmOf(req, "db"), await vmOf(req, "db-copy")];
    assert(db.id !== copy.id);
    assertEquals(copy.disks[0].path, "/var/lib/kvmm-testdriver/pool/db-copy.qcow2");
    assert(copy.networkInterfaces[0].mac !== db.networkInterfaces[0].mac, "new MAC");
    r = await req("POST", "/api/vms/db/clone", { name: "db-copy" });
    assertEquals(r.status, 409);
    r = await req("POST", "/api/vms/db/clone", { name: "$(x)" });
    assertEquals(r.status, 400);
  });
});

// The test driver cannot attach or detach devices: tests/qemu_create_test.ts does that for real.
Deno.test("vm config - device changes check their input first, and undo a new volume", async () => {
  await withTestApp(async ({ req, client }) => {
    const r = await req("POST", "/api/vms/db/disks", {
      bus: "virtio",
      newVolume: { pool: "default", name: "db-data", sizeGb: 1, format: "qcow2" },
    });
    assertEquals(r.status, 501, "the test driver has no virDomainAttachDeviceFlags");
    const vols = await client.call("poolVolumes", "default");
    assert(!vols.some((v) => v.name === "db-data.qcow2"), "the new volume was removed again");
    // The New volume rule: a name with its extension is taken as typed, and half a GiB is a size.
    const named = await req("POST", "/api/vms/db/disks", {
      bus: "virtio",
      newVolume: { pool: "default", name: "data.qcow2", sizeGb: 0.5, format: "qcow2" },
    });
    assertEquals(named.status, 501, "past the checks: only the attach is refused");
    const after = await client.call("poolVolumes", "default");
    assert(!after.some((v) => v.name.startsWith("data.qcow2")), "removed again");

    const cases: [string, string, unknown, number, RegExp][] = [
      ["DELETE", "/api/vms/db/disks/vdz", undefined, 404, /^Disk not found: vdz$/],
      ["POST", "/api/vms/db/disks", { bus: "ide", volumePath: "/x" }, 400, /Invalid disk bus: ide/],
      ["POST", "/api/vms/db/disks", { volumePath: "/nope.img" }, 400, /^Disk image not found/],
      ["POST", "/api/vms/db/disks", {}, 400, /Give either volumePath or newVolume/],
      [
        "POST",
        "/api/vms/db/disks",
        { newVolume: { pool: "default", name: "d", sizeGb: 0, format: "qcow2" } },
        400,
        /^Invalid disk size: 0 GiB \(more than 0, at most \d+ GiB\)$/,
      ],
      [
        "POST",
        "/api/vms/db/disks",
        { newVolume: { pool: "default", name: ".hidden", sizeGb: 1, format: "qcow2" } },
        400,
        /^Invalid volume name: use 1-255 letters/,
      ],
      ["POST", "/api/vms/db/interfaces", { network: "nope" }, 400, /^Network not found: nope$/],
      ...[0, 67, 65536, 1.5, "9000"].map((mtu): [string, string, unknown, number, RegExp] => [
        "POST",
        "/api/vms/db/interfaces",
        { network: "default", mtu },
        400,
        /^mtu must be a whole number of bytes from 68 to 65535$/,
      ]),
      ...[
        { inbound: { averageKBps: 0 } },
        { outbound: { peakKBps: 10 } },
        { inbound: { averageKBps: 2 ** 32 } },
        { sideways: { averageKBps: 1 } },
        "fast",
      ].map((bandwidth): [string, string, unknown, number, RegExp] => [
        "POST",
        "/api/vms/db/interfaces",
        { network: "default", bandwidth },
        400,
        /^bandwidth\.inbound and bandwidth\.outbound take averageKBps, peakKBps and burstKiB/,
      ]),
      ["DELETE", "/api/vms/db/interfaces/52:54:00:ff:ff:ff", undefined, 404, /not found/],
      ["POST", "/api/vms/db/disks/vda/resize", { sizeGb: 1 }, 400, /can only grow/],
      ["POST", "/api/vms/db/disks/vda/resize", { sizeGb: "big" }, 400, /Invalid disk size/],
      ["PUT", "/api/vms/db/cdroms/vda", { isoPath: null }, 400, /Not a CD-ROM: vda/],
      ["PATCH", "/api/vms/nope", { cpuCount: 1 }, 404, /^VM not found: nope$/],
    ];
    for (const [method, path, body, status, words] of cases) {
      const res = await req(method, path, body);
      const json = await res.json();
      assertEquals(res.status, status, `${method} ${path}: ${JSON.stringify(json)}`);
      assertMatch(json.message, words);
    }
  });
});

Deno.test("vm config - the VM list says which VMs start with the host", async () => {
  await withTestApp(async ({ req }) => {
    const autostartOf = async () =>
      Object.fromEntries(
        ((await (await req("GET", "/api/vms")).json()) as { name: string; autostart: boolean }[])
          .map((vm) => [vm.name, vm.autostart]),
      );
    const before = await autostartOf();
    assertEquals(before.db, false);
    assertEquals((await req("PATCH", "/api/vms/db", { autostart: true })).status, 200);
    assertEquals(await autostartOf(), { ...before, db: true });
  });
});
