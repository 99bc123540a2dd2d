// POST /api/vms for Windows guests on the test driver (issue 47): Hyper-V enlightenments and
// Windows' clock from the osinfo variant, SATA/e1000e without a virtio driver CD, virtio with one
// attached as a second CD-ROM, the TPM/Secure Boot warning where the host has neither; Linux
// guests get none of it.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { FieldIssue, Vm } from "../../shared/vms.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

type Req = (method: string, path: string, body?: unknown) => Promise<Response>;

const config = (over: Record<string, unknown>): Record<string, unknown> => ({
  name: "win",
  cpuCount: 2,
  memoryMb: 4096,
  diskSizeGb: 64,
  osType: "windows",
  network: "default",
  diskFormat: "qcow2",
  bootMenu: false,
  ...over,
});

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as T;
}

/** Creates a VM; its id, the warnings, the parsed VM and its domain XML. */
async function created(req: Req, body: Record<string, unknown>) {
  const res = await json<{ id: string; warnings: FieldIssue[] }>(
    await req("POST", "/api/vms", body),
    201,
  );
  const vm = await json<Vm>(await req("GET", `/api/vms/${res.id}`), 200);
  const xml = await (await req("GET", `/api/vms/${res.id}/xml`)).text();
  return { ...res, vm, xml };
}

const HYPERV = [
  "relaxed",
  "vapic",
  "spinlocks",
  "vpindex",
  "runtime",
  "synic",
  "stimer",
  "reset",
  "frequencies",
  "tlbflush",
  "ipi",
];

Deno.test("vms_windows - Windows 11 gets Hyper-V, Windows' clock, SATA and e1000e, no TPM here is a warning; Linux none of it", async () => {
  await withTestApp(async ({ req }) => {
    const win = await created(req, config({ osVariant: "win11" }));
    const hyperv = /<hyperv mode=["']custom["']>([\s\S]*?)<\/hyperv>/.exec(win.xml);
    assert(hyperv, `no <hyperv> in ${win.xml}`);
    assertEquals([...hyperv[1].matchAll(/<(\w+) state=["']on["']/g)].map((m) => m[1]), [
      ...HYPERV.slice(0, 7),
      "direct",
      ...HYPERV.slice(7),
    ]);
    assertMatch(hyperv[1], /<spinlocks state=["']on["'] retries=["']8191["']\/>/);
    assertMatch(win.xml, /<clock offset=["']localtime["']>/);
    for (
      const timer of [
        "rtc' tickpolicy='catchup",
        "pit' tickpolicy='delay",
        "hpet' present='no",
        "hypervclock' present='yes",
      ]
    ) {
      assertMatch(win.xml, new RegExp(`<timer name=["']${timer.replaceAll("'", "[\"']")}["']/>`));
    }
    assertEquals(win.vm.disks.map((d) => [d.device, d.bus]), [["disk", "sata"]]);
    assertEquals(win.vm.networkInterfaces.map((n) => n.model), ["e1000e"]);
    // The test driver offers neither UEFI nor a TPM: created, with the reason it will not install.
    assertEquals(win.warnings, [{
      field: "secureBoot",
      message:
        "Microsoft Windows 11 requires TPM 2.0 and Secure Boot: its installer refuses a VM without them",
    }]);

    // A Linux guest beside it gets none of this: no Hyper-V, a UTC clock, virtio.
    const deb = await created(req, config({ name: "deb", osType: "linux", osVariant: "debian11" }));
    assertEquals(/hyperv/.test(deb.xml), false, deb.xml);
    assertMatch(deb.xml, /<clock offset=["']utc["']\/>/);
    assertEquals(deb.vm.disks.map((d) => d.bus), ["virtio"]);
    assertEquals(deb.vm.networkInterfaces.map((n) => n.model), ["virtio"]);
  });
});

Deno.test("vms_windows - a named virtio driver CD is the second CD-ROM, with virtio disk and NIC", async () => {
  await withTestApp(async ({ req, client }) => {
    const volume = async (name: string) =>
      (await client.call(
        "volumeCreate",
        "default",
        `<volume><name>${name}</name><capacity unit='MiB'>600</capacity>
          <target><format type='raw'/></target></volume>`,
      )).path;
    const install = await volume("Win10.iso");
    const drivers = await volume("virtio-win.iso");
    const win = await created(
      req,
      config({ osVariant: "win10", isoPath: install, windows: { virtioDrivers: drivers } }),
    );
    assertEquals(win.vm.disks.map((d) => [d.target, d.device, d.bus, d.path?.split("/").at(-1)]), [
      ["vda", "disk", "virtio", "win.qcow2"],
      ["sda", "cdrom", "sata", "Win10.iso"],
      ["sdb", "cdrom", "sata", "virtio-win.iso"],
    ]);
    assertEquals(win.vm.networkInterfaces.map((n) => n.model), ["virtio"]);
    assertMatch(win.xml, /<hyperv mode=["']custom["']>/);
    assertEquals(win.warnings, []);

    // null: no driver CD even with one in the pool, so SATA and e1000e.
    const plain = await created(
      req,
      config({ name: "win-b", osVariant: "win10", windows: { virtioDrivers: null } }),
    );
    assertEquals(plain.vm.disks.map((d) => [d.device, d.bus]), [["disk", "sata"]]);
    assertEquals(plain.vm.networkInterfaces.map((n) => n.model), ["e1000e"]);
  });
});

Deno.test("vms_windows - windows settings are checked: shape, OS, and a pool volume as driver CD", async () => {
  await withTestApp(async ({ req }) => {
    const refused = async (over: Record<string, unknown>, field: string, message: string) => {
      const err = await json<ApiError & { errors: FieldIssue[] }>(
        await req("POST", "/api/vms", config(over)),
        400,
      );
      assertEquals(err.errors[0], { field, message });
    };
    await refused(
      { windows: { virtioDrivers: "/isos/virtio-win.iso" } },
      "windows.virtioDrivers",
      "Driver CD not found: /isos/virtio-win.iso (it must be a volume of a storage pool)",
    );
    await refused(
      { windows: { virtioDrivers: "virtio.iso" } },
      "windows.virtioDrivers",
      "Driver CD not found: virtio.iso",
    );
    await refused(
      { windows: { drivers: true } },
      "windows",
      'Windows settings must be a JSON object like {"virtioDrivers": null}',
    );
    await refused(
      { osType: "linux", windows: { virtioDrivers: null } },
      "windows",
      "Windows settings apply to Windows guests only",
    );
  });
});
