// Real-QEMU tests of creating and reshaping VMs through the HTTP API: `virsh` and `qemu-img`
// must agree with what was asked. Fails (never skips) without libvirtd.

import type { Server } from "../main.ts";
import { apiCall as call, withRealServer } from "./support/real_server.ts";
import { imageInfo, run } from "./support/real_app.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import {
  cleanupGuestsNamed,
  domstate,
  ensureAssetsPool,
  ensurePool,
  ensureTestNetwork,
  shutdownProvesBoot,
  TEST_POOL,
  TEST_PREFIX,
  virsh,
} from "./support/guest.ts";

/** The names of the VMs (and their volumes) this file makes: removed before and after each test. */
const MADE = ["created", "uefi", "secure", "guarded", "refused", "edit", "clone"];

/** The real server for `fn`, the pool ready; this file's guests removed before and after. */
const withServer = (fn: (s: Server) => Promise<void>) =>
  withRealServer({
    cleanup: async () => {
      for (const name of MADE) await cleanupGuestsNamed(`${TEST_PREFIX}${name}`);
    },
    prepare: ensurePool,
  }, (s) => fn(s));

const ED25519 =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKvmmTestKeyOnlyForTestsAAAAAAAAAAAAAAAAAAAA test@kvmm";
/** Typed in clear as a user types it in the wizard; only its hash may reach the seed. */
const PASSWORD = "correct horse battery staple";

async function tinyConfig(name: string, extra: Record<string, unknown> = {}) {
  const { kernel, initrd } = await ensureAssetsPool();
  return {
    name,
    cpuCount: 1,
    memoryMb: 192,
    diskSizeGb: 1,
    osType: "linux",
    osVariant: "linux2022",
    network: await ensureTestNetwork(),
    diskFormat: "qcow2",
    bootMenu: true,
    storagePool: TEST_POOL,
    virtType: "qemu",
    directKernel: { kernelPath: kernel, initrdPath: initrd, cmdline: "console=tty0 console=ttyS0" },
    ...extra,
  };
}

Deno.test("qemu create - a VM created through the API is what was asked, and boots", async () => {
  await withServer(async (s) => {
    const name = `${TEST_PREFIX}created`;
    const config = await tinyConfig(name, {
      cloudInit: {
        hostname: "tiny-host",
        user: "deploy",
        password: PASSWORD,
        sshKeys: [ED25519],
        network: {
          addresses: ["192.168.77.50/24", "fd00:77::50/64"],
          gateway4: "192.168.77.1",
          dns: ["192.168.77.1"],
          search: ["lab"],
        },
      },
      start: true,
    });
    const res = await call(s, "POST", "/api/vms", config);
    assertEquals(res.status, 201, JSON.stringify(res.body));
    assertMatch(res.body.id, /^[0-9a-f-]{36}$/);

    const xml = await virsh("dumpxml", name);
    assertMatch(xml, /<vcpu placement='static'>1<\/vcpu>/);
    assertMatch(xml, /<memory unit='KiB'>196608<\/memory>/);
    assertMatch(xml, /<bootmenu enable='yes'\/>/);
    assertMatch(xml, /<source network='kvmm-test-net'/);
    assertMatch(xml, /<libosinfo:os id=["']http:\/\/libosinfo.org\/linux\/2022["']\/>/);
    assertMatch(xml, /name='org.qemu.guest_agent.0'/);
    const diskPath = (await virsh("vol-path", "--pool", TEST_POOL, `${name}.qcow2`)).trim();
    assertMatch(
      xml,
      new RegExp(`<driver name='qemu' type='qcow2'[^>]*/>\\s*<source file='${diskPath}'`),
    );
    const info = await imageInfo(diskPath);
    assertEquals(info.format, "qcow2");
    assertEquals(info["virtual-size"], 1024 ** 3);

    // The NoCloud seed is a CD holding exactly the given settings.
    const seed = (await virsh("vol-path", "--pool", TEST_POOL, `${name}-cidata.iso`)).trim();
    // The seed is no installer: the ISO lists for new VMs and CD-ROMs leave it out.
    const options = await call(s, "GET", "/api/vms/create-options");
    assertEquals(options.status, 200);
    const isoNames = (options.body.isos as { name: string }[]).map((i) => i.name);
    assert(!isoNames.includes(`${name}-cidata.iso`), `offered: ${isoNames.join(", ")}`);
    assertMatch(xml, new RegExp(`device='cdrom'>[\\s\\S]*?<source file='${seed}'`));
    const dir = await Deno.makeTempDir({ prefix: TEST_PREFIX });
    try {
      await run("xorriso", "-indev", seed, "-osirrox", "on", "-extract", "/", dir);
      const userData = await Deno.readTextFile(`${dir}/user-data`);
      const metaData = JSON.parse(await Deno.readTextFile(`${dir}/meta-data`));
      assert(userData.startsWith("#cloud-config\n"));
      const doc = JSON.parse(userData.slice(userData.indexOf("\n") + 1));
      assertEquals(doc.hostname, "tiny-host");
      assertEquals(doc.users[0].name, "deploy");
      // The password arrives as its SHA-512 crypt hash, which OpenSSL's own crypt makes the
      // same from the password and the hash's salt: what the guest's login checks.
      const hash = doc.users[0].passwd as string;
      const salt = /^\$6\$([^$]{16})\$[./0-9A-Za-z]{86}$/.exec(hash)?.[1];
      assert(salt, `a SHA-512 crypt hash: ${hash}`);
      assertEquals(await run("openssl", "passwd", "-6", "-salt", salt, PASSWORD), `${hash}\n`);
      assert(!userData.includes(PASSWORD), "the password itself is not in the seed");
      assertEquals(doc.users[0].ssh_authorized_keys, [ED25519]);
      assertEquals(metaData["local-hostname"], "tiny-host");
      // The static addresses, for the NIC with the MAC the VM was defined with.
      const mac = /<mac address='([0-9a-f:]+)'\/>/.exec(xml)?.[1];
      assert(mac, "the NIC has the MAC the seed names");
      const net = JSON.parse(await Deno.readTextFile(`${dir}/network-config`));
      assertEquals(net.ethernets.primary.match, { macaddress: mac });
      assertEquals(net.ethernets.primary.addresses, ["192.168.77.50/24", "fd00:77::50/64"]);
      assertEquals(net.ethernets.primary.routes, [{ to: "0.0.0.0/0", via: "192.168.77.1" }]);
      assertEquals(net.ethernets.primary.nameservers, {
        addresses: ["192.168.77.1"],
        search: ["lab"],
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }

    // Nothing the server keeps holds the password: the store, its journal, the task and audit
    // logs, the answers kept for a repeated request.
    assertEquals(await filesHolding(s.ctx.config.dataDir, PASSWORD), [], "the password kept");

    assertEquals(await domstate(name), "running");
    await shutdownProvesBoot(name);
  });
});

/** The files under `dir` whose bytes hold `text`. */
async function filesHolding(dir: string, text: string): Promise<string[]> {
  const needle = new TextEncoder().encode(text);
  const found: string[] = [];
  const walk = async (at: string) => {
    for await (const entry of Deno.readDir(at)) {
      const path = `${at}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile && holds(await Deno.readFile(path), needle)) found.push(path);
    }
  };
  await walk(dir);
  return found;
}

function holds(bytes: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

Deno.test("qemu create - UEFI with TPM starts with OVMF and swtpm; Secure Boot is defined", async () => {
  await withServer(async (s) => {
    const uefi = `${TEST_PREFIX}uefi`;
    let res = await call(
      s,
      "POST",
      "/api/vms",
      await tinyConfig(uefi, { firmware: "uefi", tpm: true, start: true }),
    );
    assertEquals(res.status, 201, JSON.stringify(res.body));
    assertEquals(res.body.warnings, []);
    const live = await virsh("dumpxml", uefi);
    assertMatch(
      live,
      /<loader[^>]*type='pflash'[^>]*>\/usr\/share\/OVMF\/OVMF_CODE[^<]*\.fd<\/loader>/,
    );
    assertMatch(live, /<tpm model='tpm-crb'>\s*<backend type='emulator' version='2.0'/);
    assertEquals(await domstate(uefi), "running");
    await virsh("destroy", uefi);

    const secure = `${TEST_PREFIX}secure`;
    res = await call(
      s,
      "POST",
      "/api/vms",
      await tinyConfig(secure, { firmware: "uefi", secureBoot: true }),
    );
    assertEquals(res.status, 201, JSON.stringify(res.body));
    const xml = await virsh("dumpxml", "--inactive", secure);
    assertMatch(xml, /<os firmware='efi'>/);
    assertMatch(xml, /<feature enabled='yes' name='secure-boot'\/>/);
    assertMatch(xml, /<smm state='on'\/>/);
    const vm = await call(s, "GET", `/api/vms/${secure}`);
    assertEquals([vm.body.firmware, vm.body.secureBoot], ["uefi", true]);
  });
});

Deno.test("qemu create - anti-spoofing: the VM's own filter on its NIC from its first start", async () => {
  await withServer(async (s) => {
    const name = `${TEST_PREFIX}guarded`;
    let filter = "";
    try {
      const res = await call(
        s,
        "POST",
        "/api/vms",
        await tinyConfig(name, { antiSpoofing: true, start: true }),
      );
      assertEquals(res.status, 201, JSON.stringify(res.body));
      assertEquals(res.body.warnings, []);
      filter = `kvmm-vm-${res.body.id}`;
      const defined = await virsh("dumpxml", "--inactive", name);
      assertMatch(defined, new RegExp(`<uuid>${res.body.id}</uuid>`));
      assertMatch(defined, new RegExp(`<filterref filter='${filter}'/>`));
      assertMatch(await virsh("nwfilter-dumpxml", filter), /<filterref filter='clean-traffic'\/>/);
      // Started with it: libvirt bound the filter to the guest's tap.
      const tap = /^\s*(vnet\d+)\s/m.exec(await virsh("domiflist", name))?.[1] ?? "";
      assert(tap, "the running guest has a tap");
      assertMatch(await virsh("nwfilter-binding-list"), new RegExp(`${tap}\\s+${filter}`));
      // The Firewall tab reads it as the VM's firewall: on, anti-spoofing, nothing else.
      const fw = await call(s, "GET", `/api/vms/${res.body.id}/firewall`);
      assertEquals(
        [fw.body.enabled, fw.body.antiSpoofing, fw.body.inboundPolicy, fw.body.rules],
        [true, true, "accept", []],
      );
      await virsh("destroy", name);
      const gone = await call(s, "DELETE", `/api/vms/${res.body.id}`, { deleteDisks: true });
      assertEquals(gone.status, 200, JSON.stringify(gone.body));
      assert(!(await virsh("nwfilter-list")).includes(filter), "the filter went with the VM");
    } finally {
      if (filter) await virsh("nwfilter-undefine", filter).catch(() => {});
    }
  });
});

Deno.test("qemu create - validation refuses what the host cannot do, and nothing is left", async () => {
  await withServer(async (s) => {
    const name = `${TEST_PREFIX}refused`;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ network: "no-such-net" }, /^Network not found: no-such-net$/],
      [{ storagePool: "no-such-pool" }, /^Storage pool not found: no-such-pool$/],
      [{ isoPath: "/etc/passwd" }, /^ISO file not found: \/etc\/passwd \(it must be a volume/],
      [{ diskSizeGb: 1024 * 1024 }, /^Disk size exceeds storage pool capacity/],
      [{ memoryMb: 1024 * 1024 * 4 }, /^Memory exceeds available host memory/],
    ];
    for (const [over, words] of cases) {
      const res = await call(s, "POST", "/api/vms", await tinyConfig(name, over));
      assertEquals(res.status, 400, JSON.stringify(res.body));
      assertMatch(res.body.message, words);
    }
    const left = await virsh("vol-list", TEST_POOL);
    assert(!left.includes(name), "no volume was made");
    assert(!(await virsh("list", "--all", "--name")).includes(name), "no domain was defined");
  });
});

Deno.test("qemu create - edit, devices, resize, XML round trip and clone on a real VM", async () => {
  await withServer(async (s) => {
    const name = `${TEST_PREFIX}edit`;
    let res = await call(s, "POST", "/api/vms", await tinyConfig(name));
    assertEquals(res.status, 201, JSON.stringify(res.body));
    const id = res.body.id;

    // Stopped: everything goes to the definition.
    res = await call(s, "PATCH", `/api/vms/${id}`, {
      cpuCount: 2,
      memoryMb: 256,
      description: "<edited> & 'quoted'",
    });
    assertEquals(res.status, 200, JSON.stringify(res.body));
    let xml = await virsh("dumpxml", "--inactive", name);
    assertMatch(xml, /<vcpu placement='static'>2<\/vcpu>/);
    assertMatch(xml, /<memory unit='KiB'>262144<\/memory>/);
    assertMatch(xml, /<description>&lt;edited&gt; &amp; &apos;quoted&apos;<\/description>/);

    res = await call(s, "POST", `/api/vms/${id}/disks`, {
      bus: "virtio",
      newVolume: { pool: TEST_POOL, name: `${TEST_PREFIX}edit-data`, sizeGb: 1, format: "qcow2" },
    });
    assertEquals(res.status, 201, JSON.stringify(res.body));
    assertEquals([res.body.target, res.body.live], ["vdb", false]);
    const dataPath = (await virsh("vol-path", "--pool", TEST_POOL, `${TEST_PREFIX}edit-data.qcow2`))
      .trim();
    res = await call(s, "POST", `/api/vms/${id}/disks/vdb/resize`, { sizeGb: 2 });
    assertEquals(res.status, 200, JSON.stringify(res.body));
    assertEquals((await imageInfo(dataPath))["virtual-size"], 2 * 1024 ** 3);

    // A NIC with bandwidth limits and an MTU: libvirt keeps them, and the VM shows them.
    res = await call(s, "POST", `/api/vms/${id}/interfaces`, {
      network: "kvmm-test-net",
      bandwidth: { inbound: { averageKBps: 1000, peakKBps: 5000, burstKiB: 1024 } },
      mtu: 1400,
    });
    assertEquals(res.status, 201, JSON.stringify(res.body));
    xml = await virsh("dumpxml", "--inactive", name);
    const macs = [...xml.matchAll(/<mac address='([^']+)'/g)].map((m) => m[1]);
    assertEquals(macs.length, 2);
    assert(/<inbound average='1000' peak='5000' burst='1024'\/>/.test(xml), xml);
    assert(/<mtu size='1400'\/>/.test(xml), xml);
    const shaped = (await call(s, "GET", `/api/vms/${id}`)).body.networkInterfaces
      .find((n: { mac: string }) => n.mac === macs[1]);
    assertEquals([shaped.bandwidth, shaped.mtu], [
      { inbound: { averageKBps: 1000, peakKBps: 5000, burstKiB: 1024 } },
      1400,
    ]);
    res = await call(s, "DELETE", `/api/vms/${id}/interfaces/${macs[1]}`);
    assertEquals(res.status, 200, JSON.stringify(res.body));

    // The XML editor round trip leaves the definition as it was.
    const before = await virsh("dumpxml", "--inactive", "--security-info", name);
    const exported = await call(s, "GET", `/api/vms/${id}/xml`);
    res = await call(s, "PUT", `/api/vms/${id}/xml`, { xml: exported.body });
    assertEquals(res.status, 200, JSON.stringify(res.body));
    assertEquals(await virsh("dumpxml", "--inactive", "--security-info", name), before);
    res = await call(s, "PUT", `/api/vms/${id}/xml`, {
      xml: exported.body.replace(
        "<devices>",
        "<devices><disk type='file' device='disk'><target dev='vdz' bus='nope'/></disk>",
      ),
    });
    assertEquals(res.status, 400, "libvirt refuses the schema-invalid disk");
    assert(res.body.message.length > 20, res.body.message);

    // Running: the data disk grows live, the boot disk is detached nowhere.
    res = await call(s, "POST", `/api/vms/${id}/start`);
    assertEquals(res.status, 200);
    res = await call(s, "POST", `/api/vms/${id}/disks/vdb/resize`, { sizeGb: 3 });
    assertEquals([res.status, res.body.live], [200, true], JSON.stringify(res.body));
    assertMatch(await virsh("domblkinfo", name, "vdb"), /Capacity:\s+3221225472/);
    res = await call(s, "PATCH", `/api/vms/${id}`, { memoryMb: 512 });
    assertEquals(res.status, 200, JSON.stringify(res.body));
    assertEquals(res.body.changes, [{ field: "memoryMb", live: false, nextBoot: true }]);
    await shutdownProvesBoot(name);

    res = await call(s, "DELETE", `/api/vms/${id}/disks/vdb`);
    assertEquals(res.status, 200, JSON.stringify(res.body));
    assert(!(await virsh("dumpxml", "--inactive", name)).includes("vdb"));

    // A clone boots on its own copy of the disk, with new MACs.
    const cloneName = `${TEST_PREFIX}clone`;
    res = await call(s, "POST", `/api/vms/${id}/clone`, { name: cloneName });
    assertEquals(res.status, 201, JSON.stringify(res.body));
    const cloneXml = await virsh("dumpxml", "--inactive", cloneName);
    const cloneDisk = (await virsh("vol-path", "--pool", TEST_POOL, `${cloneName}.qcow2`)).trim();
    assertMatch(cloneXml, new RegExp(`<source file='${cloneDisk}'`));
    const origMac = (await virsh("dumpxml", name)).match(/<mac address='([^']+)'/)![1];
    const cloneMac = cloneXml.match(/<mac address='([^']+)'/)![1];
    assert(origMac !== cloneMac, `MACs differ: ${origMac} ${cloneMac}`);
    res = await call(s, "POST", `/api/vms/${res.body.id}/start`);
    assertEquals(res.status, 200);
    await shutdownProvesBoot(cloneName);
  });
});
