import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { TEST_POOL_PATH } from "../../tests/support/test_node.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { AppEvent } from "../../shared/events.ts";
import type { VmTemplate } from "../../shared/templates.ts";
import type {
  CreateOptions,
  FieldIssue,
  ValidationResult,
  Vm,
  VmSummary,
} from "../../shared/vms.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

type Req = (method: string, path: string, body?: unknown) => Promise<Response>;
type InvalidConfig = ApiError & { errors: FieldIssue[]; warnings: FieldIssue[] };

const GB = 1024 ** 3;

/** A valid create request on the test node (8 CPUs, 16 GiB, pool "default", network "default"). */
const config = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: "deb",
  cpuCount: 2,
  memoryMb: 2048,
  diskSizeGb: 10,
  osType: "linux",
  osVariant: "debian11",
  network: "default",
  diskFormat: "qcow2",
  bootMenu: true,
  description: "Debian & friends",
  ...over,
});

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as T;
}

const volumeNames = async (client: LibvirtClient) =>
  (await client.call("poolVolumes", "default")).map((v) => v.name).sort();

const vmNames = async (req: Req) =>
  (await json<VmSummary[]>(await req("GET", "/api/vms"), 200)).map((v) => v.name).sort();

const progress = (events: AppEvent[], name: string) =>
  events.filter((e) => e.type === "vm-create-progress" && e.name === name).map((e) =>
    e.type === "vm-create-progress" ? [e.index, e.total, e.step] : []
  );

/** Asserts a 400 INVALID_CONFIG with `message` first and nothing new in libvirt. */
async function expectInvalid(
  { req, client }: { req: Req; client: LibvirtClient },
  body: unknown,
  message: string | RegExp,
): Promise<InvalidConfig> {
  const vms = await vmNames(req);
  const vols = await volumeNames(client);
  const err = await json<InvalidConfig>(await req("POST", "/api/vms", body), 400);
  assertEquals(err.code, "INVALID_CONFIG");
  if (typeof message === "string") assertEquals(err.message, message);
  else assertMatch(err.message, message);
  assert(Array.isArray(err.errors) && err.errors.length > 0, "errors listed");
  assertEquals(err.errors[0].message, err.message);
  assertEquals(await vmNames(req), vms, "no VM defined");
  assertEquals(await volumeNames(client), vols, "no volume made");
  return err;
}

Deno.test("vms_create - create-options lists host facts, pools, networks, names and OS variants", async () => {
  await withTestApp(async ({ req }) => {
    const o = await json<CreateOptions>(await req("GET", "/api/vms/create-options"), 200);
    assertEquals(o.hostCpus, 8);
    assertEquals(o.hostMemoryMb, 16384);
    assertEquals(o.maxMemoryMb, 14745);
    assertEquals(o.pools.length, 1);
    assertEquals(o.pools[0].name, "default");
    assertEquals(o.pools[0].active, true);
    assertEquals(o.pools[0].path, TEST_POOL_PATH);
    assertEquals(o.pools[0].capacityBytes, 100 * GB);
    // 100 GiB less web.qcow2's and db.qcow2's 10 MiB each.
    assertEquals(o.pools[0].availableBytes, 100 * GB - 20 * 1024 ** 2);
    assertEquals(o.networks, [
      { name: "default", active: true, portgroupNames: [], carriesVlans: false },
    ]);
    assertEquals(o.isos, []);
    assertEquals([...o.existingNames].sort(), ["cache", "db", "web"]);
    // The test driver has no firmware, TPM, KVM or volume upload.
    assertEquals(
      [
        o.uefiAvailable,
        o.secureBootAvailable,
        o.tpmAvailable,
        o.kvmAvailable,
        o.cloudInitAvailable,
      ],
      [false, false, false, false, false],
    );
    // The real osinfo-db (20221203): Debian 11 is there, Debian 12 only as the entry
    // lib/vms/osinfo_newer.ts adds where the database lacks it.
    assert(o.osVariants.length > 50, `osVariants: ${o.osVariants.length}`);
    const deb = o.osVariants.find((v) => v.id === "debian11");
    assert(deb, "debian11 listed");
    assertEquals(deb.osinfoId, "http://debian.org/debian/11");
    assertEquals(deb.osType, "linux");
    assert(o.osVariants.some((v) => v.osType === "windows"), "a Windows variant");
    assertEquals(
      o.osVariants.find((v) => v.id === "debian12")?.osinfoId,
      "http://debian.org/debian/12",
    );
  });
});

Deno.test("vms_create - validate returns errors and warnings and creates nothing", async () => {
  await withTestApp(async ({ req, client }) => {
    const vols = await volumeNames(client);
    const ok = await json<ValidationResult>(
      await req("POST", "/api/vms/validate", config({ cpuCount: 16 })),
      200,
    );
    assertEquals(ok, {
      errors: [],
      warnings: [{
        field: "cpuCount",
        message: "CPU count exceeds host capacity (requested: 16, available: 8)",
      }],
    });
    const bad = await json<ValidationResult>(
      await req(
        "POST",
        "/api/vms/validate",
        config({ name: "web", memoryMb: 32768, diskSizeGb: 500, network: "x" }),
      ),
      200,
    );
    assertEquals(bad.errors, [
      { field: "name", message: "VM name already exists: web" },
      {
        field: "memoryMb",
        message: "Memory exceeds available host memory (requested: 32 GiB, available: 14.3 GiB)",
      },
      {
        field: "diskSizeGb",
        message:
          "Disk size exceeds storage pool capacity (requested: 500 GiB, available: 99.9 GiB); allow over-commit to make a thin disk larger than the free space",
      },
      { field: "network", message: "Network not found: x" },
    ]);
    // Checks that need libvirt run too, once the static rules pass.
    const host = await json<ValidationResult>(
      await req(
        "POST",
        "/api/vms/validate",
        config({ isoPath: "/isos/nope.iso", osVariant: "nope99" }),
      ),
      200,
    );
    assertEquals(host.errors, [
      {
        field: "isoPath",
        message: "ISO file not found: /isos/nope.iso (it must be a volume of a storage pool)",
      },
      { field: "osVariant", message: "Unknown OS variant: nope99" },
    ]);
    assertEquals(await vmNames(req), ["cache", "db", "web"]);
    assertEquals(await volumeNames(client), vols);
  });
});

Deno.test("vms_create - validate refuses malformed and non-object bodies", async () => {
  await withTestApp(async ({ req }) => {
    const err = await json<ApiError>(await req("POST", "/api/vms/validate", "{nope"), 400);
    assertEquals(err, { code: "BAD_REQUEST", message: "Malformed JSON body" });
    const arr = await json<ValidationResult>(await req("POST", "/api/vms/validate", "[1]"), 200);
    assertEquals(arr.errors, [{ field: "", message: "VM configuration must be a JSON object" }]);
  });
});

Deno.test("vms_create - creates a VM with its disk volume, details and progress events", async () => {
  await withTestApp(async ({ req, client, events }) => {
    const res = await json<{ id: string; name: string; warnings: FieldIssue[] }>(
      await req("POST", "/api/vms", config()),
      201,
    );
    assertMatch(res.id, /^[0-9a-f-]{36}$/);
    assertEquals(res.name, "deb");
    assertEquals(res.warnings, []);

    const list = await json<VmSummary[]>(await req("GET", "/api/vms"), 200);
    const row = list.find((v) => v.name === "deb");
    assert(row, "listed");
    assertEquals(row.id, res.id);
    assertEquals(row.state, "stopped");

    const vm = await json<Vm>(await req("GET", `/api/vms/${res.id}`), 200);
    assertEquals(vm.name, "deb");
    assertEquals(vm.cpuCount, 2);
    assertEquals(vm.memoryMb, 2048);
    assertEquals(vm.osType, "linux");
    assertEquals(vm.osVariant, "debian11");
    assertEquals(vm.description, "Debian & friends");
    assertEquals(vm.bootMenu, true);
    assertEquals(vm.bootOrder, ["hd"]);
    assertEquals(vm.firmware, "bios");
    assertEquals(vm.disks.length, 1);
    assertEquals(vm.disks[0].format, "qcow2");
    assertEquals(vm.disks[0].bus, "virtio");
    assertEquals(vm.disks[0].target, "vda");
    assertEquals(vm.disks[0].path, `${TEST_POOL_PATH}/deb.qcow2`);
    assertEquals(vm.disks[0].sizeBytes, 10 * GB);
    assertEquals(vm.diskSizeGb, 10);
    assertEquals(vm.networkInterfaces.map((n) => [n.network, n.model]), [["default", "virtio"]]);
    assertMatch(vm.networkInterfaces[0].mac, /^52:54:00(:[0-9a-f]{2}){3}$/);
    assertEquals(vm.graphics.map((g) => [g.type, g.listen]), [["vnc", "127.0.0.1"]]);
    assert(vm.createdAt && Math.abs(vm.createdAt - Date.now() / 1000) < 600, "createdAt is now");

    // The disk is a volume of the pool, sparse, with the asked format.
    assertEquals(await volumeNames(client), ["db.qcow2", "deb.qcow2", "web.qcow2"]);
    const vol = await client.call("volumeAt", `${TEST_POOL_PATH}/deb.qcow2`);
    assertEquals(vol.capacity, 10 * GB);
    assertMatch(vol.xml, /<format type='qcow2'\/>/);
    const opts = await json<CreateOptions>(await req("GET", "/api/vms/create-options"), 200);
    assert(opts.existingNames.includes("deb"), "create-options knows the new name");

    assertEquals(progress(events, "deb"), [
      [1, 4, "Checking the configuration"],
      [2, 4, "Creating the disk"],
      [3, 4, "Writing the cloud-init seed"],
      [4, 4, "Defining the VM"],
    ]);
  });
});

Deno.test("vms_create - raw format, SATA bus, no network, autostart and start", async () => {
  await withTestApp(async ({ req, client }) => {
    const { id } = await json<{ id: string }>(
      await req(
        "POST",
        "/api/vms",
        config({
          name: "plain",
          diskFormat: "raw",
          diskBus: "sata",
          network: "",
          osType: "other",
          osVariant: undefined,
          bootMenu: false,
          autostart: true,
          start: true,
        }),
      ),
      201,
    );
    const vm = await json<Vm>(await req("GET", `/api/vms/${id}`), 200);
    assertEquals(vm.state, "running");
    assertEquals(vm.autostart, true);
    assertEquals(vm.bootMenu, false);
    assertEquals(vm.osType, "other");
    assertEquals(vm.networkInterfaces, []);
    assertEquals(vm.disks.map((d) => [d.target, d.bus, d.format, d.path]), [
      ["sda", "sata", "raw", `${TEST_POOL_PATH}/plain.raw`],
    ]);
    assert((await volumeNames(client)).includes("plain.raw"), "raw volume made");
  });
});

Deno.test("vms_create - a SPICE console with a shared clipboard", async () => {
  await withTestApp(async ({ req }) => {
    const { id } = await json<{ id: string }>(
      await req("POST", "/api/vms", config({ name: "desk", display: "spice", clipboard: true })),
      201,
    );
    const vm = await json<Vm>(await req("GET", `/api/vms/${id}`), 200);
    assertEquals(vm.graphics.map((g) => [g.type, g.listen]), [["spice", "127.0.0.1"]]);
    assertEquals(vm.clipboard, true);
    const xml = await (await req("GET", `/api/vms/${id}/xml`)).text();
    assertMatch(xml, /<channel type=["']spicevmc["']>/);
    // The default stays VNC without a clipboard channel.
    const plain = await json<{ id: string }>(
      await req("POST", "/api/vms", config({ name: "plain" })),
      201,
    );
    const other = await json<Vm>(await req("GET", `/api/vms/${plain.id}`), 200);
    assertEquals([other.graphics.map((g) => g.type), other.clipboard], [["vnc"], false]);
  });
});

Deno.test("vms_create - an ISO volume of the pool becomes a CD-ROM booted after the disk", async () => {
  await withTestApp(async ({ req, client }) => {
    const iso = await client.call(
      "volumeCreate",
      "default",
      `<volume><name>debian-11.iso</name><capacity unit='MiB'>400</capacity>
        <target><format type='raw'/></target></volume>`,
    );
    const opts = await json<CreateOptions>(await req("GET", "/api/vms/create-options"), 200);
    assertEquals(opts.isos.map((v) => v.path), [iso.path]);
    const { id } = await json<{ id: string }>(
      await req("POST", "/api/vms", config({ isoPath: iso.path })),
      201,
    );
    const vm = await json<Vm>(await req("GET", `/api/vms/${id}`), 200);
    assertEquals(vm.disks.map((d) => [d.target, d.device, d.bus, d.path]), [
      ["vda", "disk", "virtio", `${TEST_POOL_PATH}/deb.qcow2`],
      ["sda", "cdrom", "sata", iso.path],
    ]);
    assertEquals(vm.bootOrder, ["hd", "cdrom"]);
  });
});

Deno.test("vms_create - a duplicate name is 409 NAME_EXISTS", async () => {
  await withTestApp(async ({ req, client }) => {
    const vols = await volumeNames(client);
    const err = await json<InvalidConfig>(
      await req("POST", "/api/vms", config({ name: "web" })),
      409,
    );
    assertEquals(err.code, "NAME_EXISTS");
    assertEquals(err.message, "VM name already exists: web");
    assertEquals(err.errors, [{ field: "name", message: "VM name already exists: web" }]);
    assertEquals(await volumeNames(client), vols);
    assertEquals(await vmNames(req), ["cache", "db", "web"]);
  });
});

Deno.test("vms_create - every invalid config is 400 INVALID_CONFIG and creates nothing", async () => {
  await withTestApp(async (t) => {
    const cases: [Record<string, unknown> | unknown[] | null | string, string][] = [
      [config({ name: "1deb" }), "Invalid VM name: cannot start with a number"],
      [config({ cpuCount: 0 }), "Invalid CPU count: 0 (must be 1-256)"],
      [config({ cpuCount: 257 }), "Invalid CPU count: 257 (must be 1-256)"],
      [config({ memoryMb: 127 }), "Invalid memory size: 127 MiB (minimum 128 MiB)"],
      [
        config({ memoryMb: 32768 }),
        "Memory exceeds available host memory (requested: 32 GiB, available: 14.3 GiB)",
      ],
      [config({ diskSizeGb: 0 }), "Invalid disk size: 0 GiB (minimum 1 GiB)"],
      [
        config({ diskSizeGb: 500 }),
        "Disk size exceeds storage pool capacity (requested: 500 GiB, available: 99.9 GiB); allow over-commit to make a thin disk larger than the free space",
      ],
      [config({ network: "x" }), "Network not found: x"],
      [config({ diskFormat: "vmdk" }), "Invalid disk format: vmdk (must be qcow2 or raw)"],
      [config({ isoPath: "rel.iso" }), "ISO file not found: rel.iso"],
      [
        config({ isoPath: "/etc/passwd" }),
        "ISO file not found: /etc/passwd (it must be a volume of a storage pool)",
      ],
      [config({ osVariant: "nope99" }), "Unknown OS variant: nope99"],
      [config({ storagePool: "nope" }), "Storage pool not found: nope"],
      [
        config({ firmware: "uefi" }),
        "UEFI firmware is not installed on the host (Debian package ovmf)",
      ],
      [config({ secureBoot: true }), "Secure Boot needs UEFI firmware"],
      [config({ display: "rdp" }), "Invalid display: rdp (must be vnc or spice)"],
      [config({ clipboard: 1 }), "Clipboard sharing must be on or off (true or false)"],
      [config({ tpm: true }), "TPM emulation is not available on the host (Debian package swtpm)"],
      [
        config({ cloudInit: { user: "root" } }),
        "Invalid user name: root" +
        " (lowercase letters, digits, - and _, up to 32 characters)",
      ],
      [
        config({ directKernel: { kernelPath: "/boot/vmlinuz" } }),
        "Kernel not found: /boot/vmlinuz (it must be a volume of a storage pool)",
      ],
      [[1, 2], "VM configuration must be a JSON object"],
      [null, "VM configuration must be a JSON object"],
      ['"deb"', "VM configuration must be a JSON object"],
      ["42", "VM configuration must be a JSON object"],
    ];
    for (const [body, message] of cases) {
      await expectInvalid(t, typeof body === "string" ? body : JSON.stringify(body), message);
    }
  });
});

Deno.test("vms_create - a malformed JSON body is 400 and creates nothing", async () => {
  await withTestApp(async ({ req, client }) => {
    const vols = await volumeNames(client);
    for (const body of ["{nope", "", '{"name": "x",}']) {
      const err = await json<ApiError>(await req("POST", "/api/vms", body), 400);
      assertEquals(err, { code: "BAD_REQUEST", message: "Malformed JSON body" });
    }
    assertEquals(await volumeNames(client), vols);
    assertEquals(await vmNames(req), ["cache", "db", "web"]);
  });
});

Deno.test("vms_create - hostile names never reach libvirt", async () => {
  await withTestApp(async (t) => {
    const names = [
      "a<b",
      "a&b",
      'a"b',
      "a'b",
      "../x",
      "$(reboot)",
      "a b",
      "x".repeat(65),
      "",
      "deb\n",
      "<name>x</name>",
      42,
    ];
    for (const name of names) {
      await expectInvalid(
        t,
        config({ name }),
        "Invalid VM name: must be 1-64 characters, alphanumeric with dash/underscore only",
      );
    }
    for (const name of [".x", "a/b", "</name>", "bell\x07"]) {
      await expectInvalid(
        t,
        config({ name }),
        "Invalid VM name: must be 1-64 characters, alphanumeric with dash/underscore only",
      );
    }
    // A leading '-' made a volume "-x.qcow2" that the volume API itself refuses.
    for (const name of ["-x", "--help"]) {
      await expectInvalid(t, config({ name }), "Invalid VM name: cannot start with '-'");
    }
    assertEquals((await t.client.call("domainList")).length, 3);
  });
});

Deno.test("vms_create - cloud-init on the test driver is 501 and its volumes are rolled back", async () => {
  await withTestApp(async ({ req, client, events }) => {
    const vols = await volumeNames(client);
    const err = await json<ApiError>(
      await req("POST", "/api/vms", config({ name: "ci", cloudInit: { user: "dev" } })),
      501,
    );
    assertEquals(err.code, "NOT_SUPPORTED");
    assertMatch(err.message, /^Failed to write cloud-init seed: /);
    // Both the disk and the empty seed volume are gone; no VM was defined.
    assertEquals(await volumeNames(client), vols);
    assertEquals(await vmNames(req), ["cache", "db", "web"]);
    assertEquals(progress(events, "ci").map(([i]) => i), [1, 2, 3]);
  });
});

Deno.test("vms_create - imports an existing pool volume without making a new one", async () => {
  await withTestApp(async ({ req, client }) => {
    const vols = await volumeNames(client);
    const path = `${TEST_POOL_PATH}/web.qcow2`;
    const { id } = await json<{ id: string }>(
      await req(
        "POST",
        "/api/vms",
        config({ name: "imported", importDiskPath: path, diskSizeGb: 0 }),
      ),
      201,
    );
    const vm = await json<Vm>(await req("GET", `/api/vms/${id}`), 200);
    assertEquals(vm.disks.map((d) => [d.device, d.path, d.format]), [["disk", path, "qcow2"]]);
    assertEquals(vm.disks[0].sizeBytes, 2 * GB);
    assertEquals(await volumeNames(client), vols);
  });
});

Deno.test("vms_create - an import path that is not a pool volume is 400", async () => {
  await withTestApp(async (t) => {
    for (const path of ["/var/lib/kvmm-testdriver/elsewhere.qcow2", "/etc/shadow"]) {
      const err = await expectInvalid(
        t,
        config({ name: "imported", importDiskPath: path }),
        `Disk image not found: ${path} (it must be a volume of a storage pool)`,
      );
      assertEquals(err.errors[0].field, "importDiskPath");
    }
  });
});

Deno.test("vms_create - an import with a backing file is refused", async () => {
  await withTestApp(async (t) => {
    const overlay = await t.client.call(
      "volumeCreate",
      "default",
      `<volume><name>overlay.qcow2</name><capacity unit='GiB'>2</capacity>
        <target><format type='qcow2'/></target>
        <backingStore><path>${TEST_POOL_PATH}/web.qcow2</path><format type='qcow2'/></backingStore>
      </volume>`,
    );
    const details = await t.client.call("volumeAt", overlay.path);
    // The test driver keeps the volume XML as given, backing store included.
    assertMatch(details.xml, /<backingStore>/);
    await expectInvalid(
      t,
      config({ name: "imported", importDiskPath: overlay.path }),
      `Disk image has a backing file and cannot be imported: ${overlay.path}`,
    );
  });
});

Deno.test("vms_create - a template from web derives its config, and creates a VM", async () => {
  await withTestApp(async ({ req }) => {
    const t = await json<VmTemplate>(
      await req("POST", "/api/templates", { name: "like-web", fromVm: "web" }),
      201,
    );
    assertEquals(t.name, "like-web");
    assertEquals(t.config.cpuCount, 2);
    assertEquals(t.config.memoryMb, 1024);
    assertEquals(t.config.network, "default");
    assertEquals(t.config.diskFormat, "qcow2");
    assertEquals(t.config.diskSizeGb, 2);
    assertEquals(t.config.diskBus, "virtio");
    assertEquals(t.config.firmware, "bios");
    assertEquals(t.config.osType, "other");
    assertEquals(t.config.description, "test domain web");
    assert(!("name" in t.config), "no VM name in a template");
    // The template's config is a valid create request once it has a name.
    const { id } = await json<{ id: string }>(
      await req("POST", "/api/vms", { ...t.config, name: "web2" }),
      201,
    );
    const vm = await json<Vm>(await req("GET", `/api/vms/${id}`), 200);
    assertEquals([vm.cpuCount, vm.memoryMb, vm.diskSizeGb], [2, 1024, 2]);
    // An unknown VM is 404.
    const err = await json<ApiError>(
      await req("POST", "/api/templates", { name: "x", fromVm: "nope" }),
      404,
    );
    assertEquals(err.code, "VM_NOT_FOUND");
  });
});

Deno.test("vms_create - a description with newlines and tabs round-trips", async () => {
  await withTestApp(async ({ req }) => {
    const description = "line 1\n\tline 2 </description><x/> ]]> & \"'";
    const { id } = await json<{ id: string }>(
      await req("POST", "/api/vms", config({ description })),
      201,
    );
    const vm = await json<Vm>(await req("GET", `/api/vms/${id}`), 200);
    assertEquals(vm.description, description);
    assertEquals(vm.disks.length, 1);
  });
});

// ---- Known bugs: these fail until lib/ is fixed (see the report to the lead). ----

Deno.test("vms_create - a description with control characters is 400 INVALID_CONFIG before any volume is made", async () => {
  await withTestApp(async (t) => {
    const err = await expectInvalid(t, config({ description: "a\u0001b" }), /^Description /);
    assertEquals(err.errors[0].field, "description");
    assertEquals(progress(t.events, "deb").map(([i]) => i), [1]);
  });
});

Deno.test("vms_create - a fractional disk size never reaches libvirt as fractional bytes", async () => {
  await withTestApp(async ({ req, client }) => {
    const res = await req("POST", "/api/vms", config({ diskSizeGb: 1.3 }));
    const body = await res.json();
    if (res.status === 201) {
      const vol = await client.call("volumeAt", `${TEST_POOL_PATH}/deb.qcow2`);
      assert(Number.isInteger(vol.capacity) && vol.capacity >= 1.3 * GB, `${vol.capacity}`);
    } else {
      assertEquals(res.status, 400, JSON.stringify(body));
      assertEquals(body.code, "INVALID_CONFIG", JSON.stringify(body));
      assertEquals(body.errors[0].field, "diskSizeGb");
    }
  });
});

Deno.test("vms_create - a leftover disk volume of the same name is a conflict, not a 500", async () => {
  await withTestApp(async ({ req, client }) => {
    // Delete db but keep its disk, then create a new "db": its disk name is taken.
    await json(await req("DELETE", "/api/vms/db"), 200);
    const before = await client.call("volumeAt", `${TEST_POOL_PATH}/db.qcow2`);
    const res = await req("POST", "/api/vms", config({ name: "db" }));
    const body = await res.json();
    assert([400, 409].includes(res.status), `status ${res.status}: ${JSON.stringify(body)}`);
    assertMatch(body.message, /already exists/);
    assertMatch(body.message, /db\.qcow2/);
    // The kept disk is untouched and no VM was defined.
    const after = await client.call("volumeAt", `${TEST_POOL_PATH}/db.qcow2`);
    assertEquals(after.capacity, before.capacity);
    assertEquals(await vmNames(req), ["cache", "web"]);
  });
});

Deno.test("vms_create - two concurrent creates of one name: one 201, one 409", async () => {
  await withTestApp(async ({ req, client }) => {
    const results = await Promise.all([
      req("POST", "/api/vms", config({ name: "race" })),
      req("POST", "/api/vms", config({ name: "race" })),
    ]);
    const statuses = await Promise.all(
      results.map(async (r) => [r.status, (await r.json()).code]),
    );
    assertEquals(statuses.map(([s]) => s).sort(), [201, 409], JSON.stringify(statuses));
    assertEquals((await vmNames(req)).filter((n) => n === "race"), ["race"]);
    assertEquals((await volumeNames(client)).filter((n) => n === "race.qcow2"), ["race.qcow2"]);
  });
});
