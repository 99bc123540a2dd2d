// Disk sources on the test driver: the XML import and editor run the create's checks on every
// disk of the document; a volume whose header declares 1 PiB is refused by create and attach.
// The real-file checks (links out of a pool, qcow2 headers) are in tests/qemu_disk_sources_test.ts.

import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { TEST_POOL_PATH } from "../../tests/support/test_node.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

type Req = (method: string, path: string, body?: unknown) => Promise<Response>;

/** A new VM's XML with `devices` (and `extra` beside them), for POST /api/vms/import. */
const domain = (devices: string, extra = "") =>
  `<domain type='test'><name>imp</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type></os><devices>${devices}</devices>${extra}</domain>`;

const disk = (source: string, inner = "", type = "file", device = "disk") =>
  `<disk type='${type}' device='${device}'><driver name='qemu' type='qcow2'/>${source}
  <target dev='vda' bus='virtio'/>${inner}</disk>`;

async function refused(req: Req, method: string, path: string, xml: string, words: RegExp) {
  const r = await req(method, path, { xml });
  const body = await r.json();
  assertEquals(r.status, 400, JSON.stringify(body));
  assertEquals(body.code, "DISK_SOURCE_REFUSED", body.message);
  assertMatch(body.message, words);
}

Deno.test("disk sources - XML import refuses /etc/shadow, network and outside backing stores", async () => {
  await withTestApp(async ({ req }) => {
    const pooled = `<source file='${TEST_POOL_PATH}/web.qcow2'/>`;
    const cases: [string, RegExp][] = [
      [
        disk("<source file='/etc/shadow'/>"),
        /^Disk vda: \/etc\/shadow is not a volume of a storage pool$/,
      ],
      [
        disk("<source dev='/dev/vda'/>", "", "block"),
        /^Disk vda: \/dev\/vda is not a volume of a storage pool$/,
      ],
      [
        disk(
          "<source protocol='nbd' name='x'><host name='127.0.0.1' port='10809'/></source>",
          "",
          "network",
        ),
        /^Disk vda: network disks \(nbd\) are not allowed/,
      ],
      [
        disk(
          pooled,
          `<backingStore type='network'><format type='raw'/>
            <source protocol='nbd' name='x'><host name='127.0.0.1' port='10809'/></source>
          </backingStore>`,
        ),
        /^Disk vda \(backing store\): network disks \(nbd\) are not allowed/,
      ],
      [
        disk(
          pooled,
          `<backingStore type='file'><format type='raw'/><source file='/etc/shadow'/>
          </backingStore>`,
        ),
        /^Disk vda \(backing store\): \/etc\/shadow is not a volume of a storage pool$/,
      ],
      [
        disk("<source file='/etc/shadow'/>", "", "file", "cdrom"),
        /^CD-ROM vda: \/etc\/shadow is not a volume/,
      ],
      [
        disk(`<source file='${TEST_POOL_PATH}/web.qcow2'>
          <dataStore type='file'><format type='raw'/><source file='/etc/shadow'/></dataStore>
        </source>`),
        /^Disk vda \(data store\): \/etc\/shadow is not a volume/,
      ],
      [
        "<filesystem type='mount'><source dir='/'/><target dir='root'/></filesystem>",
        /^Shared folder root: host folders are not shared/,
      ],
      [
        "<serial type='file'><source path='/etc/shadow'/><target port='0'/></serial>",
        /^Serial 0: type 'file' opens a host path/,
      ],
    ];
    for (const [devices, words] of cases) {
      await refused(req, "POST", "/api/vms/import", domain(devices), words);
    }
    await refused(
      req,
      "POST",
      "/api/vms/import",
      domain("", "<os><type>hvm</type><kernel>/etc/shadow</kernel></os>").replace(
        "<os><type arch='x86_64'>hvm</type></os>",
        "",
      ),
      /^Kernel: \/etc\/shadow is not a volume/,
    );
    await refused(
      req,
      "POST",
      "/api/vms/import",
      domain(
        "",
        "<qemu:commandline xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>" +
          "<qemu:arg value='-drive'/><qemu:arg value='file=/etc/shadow'/></qemu:commandline>",
      ),
      /^qemu:commandline: raw QEMU arguments/,
    );
    // Host files QEMU reads into the guest: ACPI tables, fw_cfg entries given as a file.
    await refused(
      req,
      "POST",
      "/api/vms/import",
      domain("").replace(
        "<os><type arch='x86_64'>hvm</type></os>",
        "<os><type arch='x86_64'>hvm</type><acpi><table type='slic'>/etc/passwd</table></acpi></os>",
      ),
      /^ACPI table: a table file is a host path/,
    );
    await refused(
      req,
      "POST",
      "/api/vms/import",
      domain(
        "",
        "<sysinfo type='fwcfg'><entry name='opt/x/y'>inline</entry>" +
          "<entry name='opt/x/z' file='/etc/passwd'/></sysinfo>",
      ),
      /^fw_cfg: an entry's file is a host path/,
    );
    await refused(
      req,
      "POST",
      "/api/vms/import",
      domain("<emulator>/tmp/run-me</emulator>"),
      /^Emulator: \/tmp\/run-me is not a QEMU system emulator/,
    );
    await refused(
      req,
      "POST",
      "/api/vms/import",
      domain("", "<seclabel type='static' model='dac'><label>+0:+0</label></seclabel>"),
      /^Security label: type 'static' is not accepted/,
    );
    // An element given twice reads as a list, while libvirt takes the first: refused.
    const twice: [string, string, RegExp][] = [
      [
        `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
          <source file='/etc/shadow'/>${pooled}<target dev='vda' bus='virtio'/></disk>`,
        "",
        /^Disk vda: <source> is given more than once$/,
      ],
      [
        disk(
          pooled,
          `<backingStore type='file'><format type='raw'/><source file='/etc/shadow'/>
          </backingStore><backingStore/>`,
        ),
        "",
        /^Disk vda: <backingStore> is given more than once$/,
      ],
      [
        `<disk type='file' device='disk'><driver name='qemu' type='vmdk'/>
          <driver name='qemu' type='qcow2'/>${pooled}<target dev='vda' bus='virtio'/></disk>`,
        "",
        /^Disk vda: <driver> is given more than once$/,
      ],
      [
        "<emulator>/tmp/run-me</emulator><emulator>/usr/bin/qemu-system-x86_64</emulator>",
        "",
        /^Emulator: <emulator> is given more than once$/,
      ],
      [
        "",
        "<os><type>hvm</type><kernel>/etc/shadow</kernel><kernel>/x</kernel></os>",
        /^Boot: <kernel> is given more than once$/,
      ],
    ];
    for (const [devices, os, words] of twice) {
      const xml = os
        ? domain(devices, os).replace("<os><type arch='x86_64'>hvm</type></os>", "")
        : domain(devices);
      await refused(req, "POST", "/api/vms/import", xml, words);
    }
    // Other host files and programs: file-backed memory, interface scripts, smartcard databases,
    // shared-memory servers, evdev inputs.
    const others: [string, RegExp][] = [
      [
        `<memory model='nvdimm'><source><path>/etc/shadow</path></source>
          <target><size unit='MiB'>128</size></target></memory>`,
        /^Memory device \(nvdimm\): \/etc\/shadow is not a volume of a storage pool$/,
      ],
      [
        "<interface type='ethernet'><script path='/tmp/x'/><model type='virtio'/></interface>",
        /^Interface ethernet: <script> runs a host program as root/,
      ],
      [
        "<smartcard mode='host-certificates'><database>/etc/pki</database></smartcard>",
        /^Smartcard: a certificate database is a host path$/,
      ],
      [
        "<shmem name='m'><model type='ivshmem-doorbell'/><server path='/tmp/s'/></shmem>",
        /^Shared memory: a shared-memory server is a host socket path$/,
      ],
      [
        "<input type='evdev'><source dev='/dev/input/event0'/></input>",
        /^Input \(evdev\): an evdev input reads a host device$/,
      ],
    ];
    for (const [devices, words] of others) {
      await refused(req, "POST", "/api/vms/import", domain(devices), words);
    }
    const vms = await (await req("GET", "/api/vms")).json();
    assertEquals(vms.some((v: { name: string }) => v.name === "imp"), false, "nothing defined");

    // A disk in a pool still imports.
    const r = await req("POST", "/api/vms/import", {
      xml: domain(`<emulator>/usr/bin/qemu-system-x86_64</emulator>${disk(pooled)}`),
    });
    assertEquals(r.status, 201, await r.clone().text());
  });
});

Deno.test("disk sources - the XML editor refuses new sources and keeps the VM's own", async () => {
  await withTestApp(async ({ req, client }) => {
    const xml = await (await req("GET", "/api/vms/db/xml")).text();
    const add = (devices: string) => xml.replace("</devices>", `${devices}</devices>`);
    await refused(
      req,
      "PUT",
      "/api/vms/db/xml",
      add(disk("<source file='/etc/shadow'/>").replace("vda", "vdb")),
      /^Disk vdb: \/etc\/shadow is not a volume of a storage pool$/,
    );
    await refused(
      req,
      "PUT",
      "/api/vms/db/xml",
      xml.replace(/<source file='[^']*db\.qcow2'\/>/, "<source file='/etc/shadow'/>"),
      /^Disk vda: \/etc\/shadow is not a volume/,
    );
    assertMatch(await (await req("GET", "/api/vms/db/xml")).text(), /db\.qcow2/);

    // A VM defined elsewhere with a disk outside the pools stays editable as long as it keeps it.
    await client.call(
      "domainDefine",
      domain(disk("<source file='/srv/legacy.qcow2'/>")).replace(">imp<", ">legacy<"),
      0,
    );
    const legacy = await (await req("GET", "/api/vms/legacy/xml")).text();
    const r = await req("PUT", "/api/vms/legacy/xml", {
      xml: legacy.replace("<vcpu", "<description>kept</description><vcpu"),
    });
    assertEquals(r.status, 200, await r.clone().text());
  });
});

Deno.test("disk sources - a volume declaring 1 PiB is refused as import and attach", async () => {
  await withTestApp(async ({ req, client }) => {
    const huge = await client.call(
      "volumeCreate",
      "default",
      `<volume><name>huge.qcow2</name><capacity unit='PiB'>1</capacity>
        <allocation>0</allocation><target><format type='qcow2'/></target></volume>`,
    );
    const words = new RegExp(
      `${huge.path} declares 1 PiB, more than the 64 TiB a volume may have$`,
    );
    let r = await req("POST", "/api/vms", {
      name: "huge",
      cpuCount: 1,
      memoryMb: 512,
      osType: "linux",
      network: "default",
      diskFormat: "qcow2",
      bootMenu: false,
      importDiskPath: huge.path,
    });
    let body = await r.json();
    assertEquals(r.status, 400, JSON.stringify(body));
    assertEquals(body.code, "DISK_SOURCE_REFUSED");
    assertMatch(body.message, new RegExp(`^Imported disk: ${words.source}`));
    assertEquals(body.errors[0].field, "importDiskPath");

    r = await req("POST", "/api/vms/db/disks", { bus: "virtio", volumePath: huge.path });
    body = await r.json();
    assertEquals(r.status, 400, JSON.stringify(body));
    assertEquals(body.code, "DISK_SOURCE_REFUSED");
    assertMatch(body.message, new RegExp(`^Disk vdb: ${words.source}`));

    await refused(
      req,
      "POST",
      "/api/vms/import",
      domain(disk(`<source file='${huge.path}'/>`)),
      new RegExp(`^Disk vda: ${words.source}`),
    );
    await refused(
      req,
      "POST",
      "/api/vms/import",
      domain(disk("<source pool='default' volume='huge.qcow2'/>", "", "volume")),
      new RegExp(`^Disk vda: ${words.source}`),
    );
  });
});
