// A VM from a cloud image in one step, on real libvirtd (qemu:///system): a library entry whose
// image (a qcow2 made here, SHA256SUMS beside it) is served by a loopback mirror, the only source
// allowed, is downloaded into a pool of this test through the API as the Images page does; the
// wizard's /vms/new?image=ID start, with a name, a disk size, an SSH key and static IPv4 and IPv6
// settings typed in, is sent as the wizard sends it. The VM's disk is a qcow2 overlay of the
// downloaded volume of the asked size, it runs (TCG, direct kernel boot), its NoCloud seed holds
// the key and the network-config for its NIC's MAC; the API shows no address before the guest
// reports one, and the address the guest's QEMU agent reports once it does.
//
// What the guest is: the test kernel and the agent guest's initramfs (tests/support/
// agent_guest.ts: busybox, qemu-ga, our agent) booted directly; it runs no cloud-init, and its
// init, not the seed, puts AGENT_GUEST_IP on eth0, so the seed asks for that same address. The
// Debian cloud kernel has no AHCI driver, so it could not read the seed's SATA CD-ROM anyway.
// Fails (never skips) without libvirtd. Touches only kvmm-test-ci-* objects.

import { buildAgent } from "../agent/build.ts";
import { assert, assertEquals } from "./support/assert.ts";
import {
  AGENT_GUEST_IP,
  AGENT_GUEST_PREFIX_LENGTH,
  ensureAgentGuestImages,
} from "./support/agent_guest.ts";
import {
  assertLibvirtReachable,
  domstate,
  ensureAssetsPool,
  ensureTestNetwork,
} from "./support/guest.ts";
import { diskBytes, ended, wizardProps } from "./support/image_downloads.ts";
import {
  imageInfo,
  type RealApp,
  removePool,
  run,
  sha256OfFile,
  virsh,
  withRealApp,
} from "./support/real_app.ts";
import { sha256Hex, sha256sums, startWebFiles } from "./support/web_files.ts";
import { draftFromConfig, draftToConfig, initialDraft } from "../islands/wizard/draft.ts";
import type { GuestInfo } from "../shared/guest.ts";
import type { VmSummary } from "../shared/vms.ts";

const PREFIX = "kvmm-test-ci-";
const IMAGES = "/var/lib/libvirt/images";
const POOL = `${PREFIX}pool`;
const IMAGE_ID = `${PREFIX}cloud`;
const VOLUME = `${PREFIX}cloud.qcow2`;
const VM = `${PREFIX}vm`;
const GIB = 1024 ** 3;
const MIB = 1024 * 1024;
/** Where the library entry says the image is; only the loopback mirror of it is ever asked. */
const ORIGIN = "https://images.kvmm-test.invalid/";
/** The first bytes of the image's disk, read back from inside the guest. */
const MARKER = "KVMM-TEST-CI-CLOUD-IMAGE";
const SSH_KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKvmmCloudImageTestKeyOnlyAAAAAAAAAAAAAAAAAAA ci@kvmm";
const IPV6 = "fd00:ce:77::10/64";
const GATEWAY4 = "10.213.77.1";
const GATEWAY6 = "fd00:ce:77::1";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function guestInfo(t: RealApp, name: string): Promise<GuestInfo> {
  const res = await t.call("GET", `/api/vms/${name}/guest`);
  assertEquals(res.status, 200, JSON.stringify(res.body));
  return res.body as GuestInfo;
}

async function listed(t: RealApp, name: string): Promise<VmSummary> {
  const list = (await t.call("GET", "/api/vms")).body as VmSummary[];
  const vm = list.find((v) => v.name === name);
  assert(vm, `${name} is in the VM list`);
  return vm;
}

/** The guest's answer to a command through our agent, retried while the agent comes up. */
async function guestOutput(t: RealApp, command: string, args: string[]): Promise<string> {
  let res = null;
  for (let i = 0; i < 120; i++) {
    res = await t.call("POST", `/api/vms/${VM}/guest/exec`, { command, args });
    if (res.status === 200) {
      assertEquals(res.body.exitCode, 0, JSON.stringify(res.body));
      return res.body.stdout;
    }
    // Only an agent still coming up is worth waiting out.
    if (!["AGENT_UNAVAILABLE", "AGENT_TIMEOUT"].includes(res.body?.code)) break;
    await sleep(1000);
  }
  throw new Error(`${command} did not run in the guest: ${JSON.stringify(res)}`);
}

/**
 * Destroys and undefines this test's VMs. Their disks are in this test's pool, which goes whole
 * (cleanupGuestsNamed would also sweep the shared kvmm-test-pool, which this test does not use).
 */
async function removeVms(): Promise<void> {
  const names = (await virsh("list", "--all", "--name")).split("\n").map((s) => s.trim())
    .filter((s) => s.startsWith(PREFIX));
  for (const name of names) {
    await virsh("destroy", name).catch(() => {}); // fails when already shut off
    await virsh("undefine", name);
  }
}

/** Folders of this test's pools left by a crashed run. */
async function removeStaleFolders(): Promise<void> {
  for await (const e of Deno.readDir(IMAGES)) {
    if (e.isDirectory && e.name.startsWith(`${POOL}-`)) {
      await Deno.remove(`${IMAGES}/${e.name}`, { recursive: true });
    }
  }
}

Deno.test("qemu cloud image vm - a library image downloaded through its mirror becomes a seeded, running linked clone whose reported address the API shows", async () => {
  await assertLibvirtReachable();
  await removeVms();
  await removePool(POOL);
  await removeStaleFolders();
  const root = await Deno.makeTempDir({ dir: IMAGES, prefix: `${POOL}-` });
  // The QEMU process (libvirt-qemu) opens the disks in here.
  await Deno.chmod(root, 0o755);
  const scratch = await Deno.makeTempDir({ prefix: PREFIX });
  const server = startWebFiles();
  try {
    // The guest: the test kernel with the agent guest's initramfs (this tree's agent), as pool
    // volumes.
    const { path: bundle } = await buildAgent(`${scratch}/kvmm-agent.js`);
    const { kernel, initrd } = await ensureAgentGuestImages(bundle);
    await ensureAssetsPool();
    const network = await ensureTestNetwork();

    // The "cloud image": a qcow2 of 8 MiB of disk-like bytes that begin with MARKER.
    const raw = diskBytes(8 * MIB, 41);
    raw.set(new TextEncoder().encode(MARKER));
    const [rawFile, qcow2File] = [`${scratch}/disk.raw`, `${scratch}/disk.qcow2`];
    await Deno.writeFile(rawFile, raw);
    await run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", rawFile, qcow2File);
    const image = await Deno.readFile(qcow2File);
    server.serve(`/mirror/ci/${VOLUME}`, image);
    server.serveText("/mirror/ci/SHA256SUMS", sha256sums({ [VOLUME]: image }));

    await withRealApp({ storageRoots: [IMAGES] }, async (t) => {
      const pool = await t.call("POST", "/api/pools", { name: POOL, type: "dir", path: root });
      assertEquals(pool.status, 201, JSON.stringify(pool.body));
      // Only the loopback mirror is allowed, and only 127.0.0.1 of loopback.
      const settings = await t.call("PUT", "/api/images/settings", {
        allowedSources: ["127.0.0.1"],
        maxDownloadBytes: 1024 * MIB,
        mirrors: [{ from: ORIGIN, to: server.url("/mirror/") }],
      });
      assertEquals(settings.status, 200, JSON.stringify(settings.body));
      const entry = await t.call("POST", "/api/images/catalog", {
        id: IMAGE_ID,
        name: "KVMM test cloud image",
        kind: "cloud",
        url: `${ORIGIN}ci/${VOLUME}`,
        checksumUrl: `${ORIGIN}ci/SHA256SUMS`,
        osinfo: "linux2022",
        defaultUser: "cloud",
        minDiskBytes: 2 * GIB,
      });
      assertEquals(entry.status, 201, JSON.stringify(entry.body));

      // The Images page's Download: the entry into the pool, followed as a task.
      const started = await t.call("POST", "/api/images/downloads", {
        image: IMAGE_ID,
        pool: POOL,
      });
      assertEquals(started.status, 202, JSON.stringify(started.body));
      assertEquals(started.body.checksum, `sha256:${sha256Hex(image)}`);
      const task = await ended(t, started.body.taskId);
      assertEquals([task.status, task.action], ["succeeded", "image.download"], task.message ?? "");
      assertEquals(
        server.requests().map((r) => r.path),
        ["/mirror/ci/SHA256SUMS", `/mirror/ci/${VOLUME}`],
      );
      const base = `${root}/${VOLUME}`;
      assertEquals((await sha256OfFile(base)).hex, sha256Hex(image));
      const library = await t.call("GET", "/api/images");
      const item = library.body.images.find((i: { id: string }) => i.id === IMAGE_ID);
      assertEquals([item.inPools, item.downloadUrl], [[POOL], server.url(`/mirror/ci/${VOLUME}`)]);

      // The Images page's Create VM: /vms/new?image=ID starts the wizard as a linked clone.
      const { options, prefill } = await wizardProps(t, IMAGE_ID);
      assertEquals(prefill, {
        baseImagePath: base,
        diskFormat: "qcow2",
        storagePool: POOL,
        diskSizeGb: 10,
        osVariant: "linux2022",
        cloudInit: { user: "cloud" },
      });
      // What the user types into it, as the wizard keeps it (text as typed).
      const draft = {
        ...draftFromConfig(prefill!, initialDraft(options)),
        name: VM,
        diskSizeGb: "12 GiB",
        memoryMb: "1 GiB",
        virtType: "qemu" as const, // TCG: guests hang under /dev/kvm here
        directKernel: true,
        kernelPath: kernel,
        initrdPath: initrd,
        // The agent guest's init waits for the two agent channels every new VM has.
        cmdline: "console=tty0 console=ttyS0 kvmm_ports=2",
        network,
        ciSshKeys: SSH_KEY,
        ciStatic: true,
        ciAddresses: `${AGENT_GUEST_IP}/${AGENT_GUEST_PREFIX_LENGTH}\n${IPV6}`,
        ciGateway4: GATEWAY4,
        ciGateway6: GATEWAY6,
        ciDns: `${GATEWAY4} ${GATEWAY6}`,
        start: true,
      };
      const config = draftToConfig(draft, { cloudInitAvailable: options.cloudInitAvailable });
      assertEquals([config.baseImagePath, config.diskSizeGb, config.cloudInit?.user], [
        base,
        12,
        "cloud",
      ]);
      const created = await t.call("POST", "/api/vms", config);
      assertEquals(created.status, 201, JSON.stringify(created.body));
      assertEquals(created.body.warnings, []);

      // Before the guest reports anything: no address, none made up (no lease, no agent yet).
      const before = await guestInfo(t, VM);
      assertEquals(
        [before.agent.status, before.agent.qemu, before.ipAddresses, before.addressSource],
        ["none", { configured: true, connected: false }, [], null],
      );
      assertEquals(before.interfaces, []);
      assertEquals((await listed(t, VM)).ipAddresses ?? [], []);

      // The disk: a qcow2 overlay of the downloaded volume, of the asked size.
      const overlay = `${root}/${VM}.qcow2`;
      const info = await imageInfo(overlay) as Record<string, unknown>;
      assertEquals(
        [info.format, info["backing-filename"], info["backing-filename-format"]],
        ["qcow2", base, "qcow2"],
      );
      assertEquals(info["virtual-size"], 12 * GIB);
      assertEquals(await domstate(VM), "running");
      const xml = await virsh("dumpxml", VM);
      const mac = /<mac address='([0-9a-f:]+)'\/>/.exec(xml)?.[1];
      assert(mac, "the NIC has a MAC");
      assert(xml.includes(`<source network='${network}'`), "the NIC is on the isolated network");
      const seed = `${root}/${VM}-cidata.iso`;
      assert(
        new RegExp(`device='cdrom'>[\\s\\S]*?<source file='${seed}'`).test(xml),
        "the seed is the VM's CD-ROM",
      );

      // The seed: the key for the image's user, the static setup for the NIC's MAC.
      const dir = `${scratch}/seed`;
      await Deno.mkdir(dir);
      await run("xorriso", "-indev", seed, "-osirrox", "on", "-extract", "/", dir);
      const userData = await Deno.readTextFile(`${dir}/user-data`);
      assert(userData.startsWith("#cloud-config\n"), userData);
      const doc = JSON.parse(userData.slice(userData.indexOf("\n") + 1));
      assertEquals([doc.users[0].name, doc.users[0].ssh_authorized_keys], ["cloud", [SSH_KEY]]);
      const net = JSON.parse(await Deno.readTextFile(`${dir}/network-config`));
      assertEquals(net, {
        version: 2,
        ethernets: {
          primary: {
            match: { macaddress: mac },
            "set-name": "eth0",
            dhcp4: false,
            dhcp6: false,
            addresses: [`${AGENT_GUEST_IP}/${AGENT_GUEST_PREFIX_LENGTH}`, IPV6],
            routes: [{ to: "0.0.0.0/0", via: GATEWAY4 }, { to: "::/0", via: GATEWAY6 }],
            nameservers: { addresses: [GATEWAY4, GATEWAY6] },
          },
        },
      });

      // The guest reports its address through the QEMU agent: the API shows it, for that NIC.
      // (qemu-ga starts at once; our agent, which would report too, only after Deno is up.)
      let after = before;
      for (let i = 0; i < 180 && after.addressSource !== "qemu-agent"; i++) {
        await sleep(1000);
        after = await guestInfo(t, VM);
      }
      assertEquals([after.addressSource, after.ipAddresses], ["qemu-agent", [AGENT_GUEST_IP]]);
      const nic = after.interfaces.find((i) => i.mac === mac);
      assert(nic, JSON.stringify(after.interfaces));
      assert(
        nic.addresses.some((a) =>
          a.address === AGENT_GUEST_IP && a.prefix === AGENT_GUEST_PREFIX_LENGTH
        ),
        JSON.stringify(nic),
      );
      assertEquals((await listed(t, VM)).ipAddresses, [AGENT_GUEST_IP]);

      // Inside, the guest's disk is the clone: the asked size, the image's bytes.
      assertEquals(await guestOutput(t, "cat", ["/sys/block/vda/size"]), `${(12 * GIB) / 512}\n`);
      assertEquals(await guestOutput(t, "head", ["-c", String(MARKER.length), "/dev/vda"]), MARKER);
      assertEquals((await sha256OfFile(base)).hex, sha256Hex(image), "the base is unchanged");
    });
  } finally {
    await removeVms();
    await server.close();
    await removePool(POOL);
    await Deno.remove(root, { recursive: true }).catch(() => {});
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
});
