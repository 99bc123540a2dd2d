// Windows readiness on the real libvirtd (issue 47): the create path's Windows 11 definition —
// Hyper-V enlightenments, TPM 2.0, UEFI Secure Boot (firmware autoselection over this host's
// OVMF descriptors) — defined and read back, never booted; without and with a virtio-win driver
// CD (an ISO 9660 image labelled virtio-win-…) in a pool of the test's own. Fails (never skips)
// without libvirtd or xorriso.

import { LibvirtClient } from "../ffi/libvirt/client.ts";
import { HostCapsCache } from "../lib/this_host/caps.ts";
import { HostChecker, readMachineFacts } from "../lib/host_check/host_check.ts";
import { OsinfoCatalog } from "../lib/vms/osinfo.ts";
import { type CreateDeps, createOptions, domainCreate } from "../lib/vms/create.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { assertLibvirtReachable, ensureTestNetwork, run, virsh } from "./support/guest.ts";

const PREFIX = "kvmm-win-";
const POOL = `${PREFIX}pool`;
const POOL_DIR = `/var/lib/libvirt/images/${POOL}`;

/** Everything this test made: its domains (with NVRAM and TPM state), its pool and folder. */
async function cleanup(): Promise<void> {
  const names = (await virsh("list", "--all", "--name")).split("\n").map((s) => s.trim())
    .filter((s) => s.startsWith(PREFIX));
  for (const name of names) {
    await virsh("destroy", name).catch(() => {});
    await virsh("undefine", "--nvram", "--tpm", name).catch(() => {});
  }
  await virsh("pool-destroy", POOL).catch(() => {});
  await virsh("pool-undefine", POOL).catch(() => {});
  await Deno.remove(POOL_DIR, { recursive: true }).catch(() => {});
}

/** An ISO 9660 image labelled `label` written into the pool's folder, readable by QEMU. */
async function iso(name: string, label: string): Promise<string> {
  const tree = await Deno.makeTempDir({ prefix: PREFIX });
  try {
    await Deno.writeTextFile(`${tree}/README.txt`, `${label}\n`);
    await run("xorriso", [
      "-as",
      "mkisofs",
      "-quiet",
      "-V",
      label,
      "-o",
      `${POOL_DIR}/${name}`,
      tree,
    ]);
  } finally {
    await Deno.remove(tree, { recursive: true });
  }
  await Deno.chmod(`${POOL_DIR}/${name}`, 0o644);
  await virsh("pool-refresh", POOL);
  return `${POOL_DIR}/${name}`;
}

/**
 * The create path's dependencies on qemu:///system. `kvm`: the machine probe (CPU flags, /dev/kvm,
 * a tiny guest) reports a KVM host, which this test bed is not (no vmx, guests hang under KVM):
 * everything else is the real libvirtd, pools, files and osinfo-db, and the VM is only defined.
 */
function depsOf(client: LibvirtClient, { kvm }: { kvm: boolean }): CreateDeps {
  const caps = new HostCapsCache(client);
  const readFacts = async () => {
    const facts = await readMachineFacts();
    return kvm
      ? { ...facts, cpuinfo: "flags\t: vmx\n", kvmDevice: true, kvmRun: { ok: true } as const }
      : facts;
  };
  return {
    client,
    caps,
    check: new HostChecker(client, caps, { readFacts }),
    osinfo: new OsinfoCatalog(),
  };
}

const win11 = (name: string, network: string, extra: Record<string, unknown> = {}) => ({
  name,
  cpuCount: 2,
  memoryMb: 4096,
  diskSizeGb: 1,
  osType: "windows",
  osVariant: "win11",
  network,
  diskFormat: "qcow2",
  bootMenu: false,
  storagePool: POOL,
  ...extra,
});

const inactive = (name: string) => virsh("dumpxml", "--inactive", name);

Deno.test("qemu windows - Windows 11 is defined with Hyper-V, TPM 2.0 and Secure Boot; a virtio-win CD in a pool becomes its second CD-ROM", async () => {
  await assertLibvirtReachable();
  await cleanup();
  const firmware = [...Deno.readDirSync("/usr/share/qemu/firmware")].map((e) => e.name);
  assert(firmware.some((f) => /secure/.test(f)), `no Secure Boot OVMF descriptor: ${firmware}`);
  await Deno.mkdir(POOL_DIR, { mode: 0o755 });
  await virsh("pool-define-as", POOL, "dir", "--target", POOL_DIR);
  await virsh("pool-start", POOL);
  const network = await ensureTestNetwork();
  const client = new LibvirtClient({ uri: "qemu:///system" });
  try {
    assert(await client.connect(), "qemu:///system");
    const kvm = depsOf(client, { kvm: true });
    const offersKvm = (await virsh("capabilities")).includes("<domain type='kvm'");
    const install = await iso("Win11_23H2.iso", "CCCOMA_X64FRE_EN-US_DV9");
    const ownDrivers = async () =>
      (await createOptions(kvm)).driverIsos.filter((d) => d.pool === POOL);

    // No driver CD in the pool: SATA disk, e1000e NIC, and everything Windows 11 needs.
    assertEquals(await ownDrivers(), []);
    const plain = await domainCreate(kvm, win11(`${PREFIX}plain`, network, { isoPath: install }));
    assertEquals(plain.warnings, []);
    const xml = await inactive(`${PREFIX}plain`);
    // KVM only where libvirt offers it (it needs /dev/kvm); without it the VM is defined for
    // software emulation, where QEMU refuses the enlightenments: none, and the same TPM, Secure
    // Boot and devices. lib/xml/hyperv_test.ts holds the KVM XML on any machine.
    if (!offersKvm) {
      assertMatch(xml, /<domain type='qemu'/);
      assertEquals(/hyperv/.test(xml), false, xml);
    } else {
      assertMatch(xml, /<domain type='kvm'/);
      assertMatch(
        xml,
        /<hyperv mode='custom'>\s*<relaxed state='on'\/>\s*<vapic state='on'\/>\s*<spinlocks state='on' retries='8191'\/>\s*<vpindex state='on'\/>\s*<runtime state='on'\/>\s*<synic state='on'\/>\s*<stimer state='on'>\s*<direct state='on'\/>\s*<\/stimer>\s*<reset state='on'\/>\s*<frequencies state='on'\/>\s*<tlbflush state='on'\/>\s*<ipi state='on'\/>\s*<\/hyperv>/,
      );
      assertMatch(xml, /<timer name='hypervclock' present='yes'\/>/);
    }
    assertMatch(xml, /<smm state='on'\/>/);
    assertMatch(xml, /<clock offset='localtime'>/);
    assertMatch(xml, /<os firmware='efi'>/);
    assertMatch(xml, /<feature enabled='yes' name='secure-boot'\/>/);
    assertMatch(xml, /<feature enabled='yes' name='enrolled-keys'\/>/);
    assertMatch(xml, /machine='pc-q35-/);
    assertMatch(xml, /<tpm model='tpm-crb'>\s*<backend type='emulator' version='2.0'/);
    assertMatch(xml, /<target dev='sda' bus='sata'\/>/);
    assertMatch(xml, /<model type='e1000e'\/>/);
    assertEquals(xml.match(/device='cdrom'/g)?.length, 1);

    // A virtio-win CD in the pool (found by its volume label, not its name): it is the second
    // CD-ROM, and the disk and NIC are virtio.
    const drivers = await iso("drivers.iso", "virtio-win-0.1.240");
    assertEquals(await ownDrivers(), [
      { pool: POOL, name: "drivers.iso", path: drivers, label: "virtio-win-0.1.240" },
    ]);
    await domainCreate(kvm, win11(`${PREFIX}virtio`, network, { isoPath: install }));
    const withCd = await inactive(`${PREFIX}virtio`);
    const cdroms = [
      ...withCd.matchAll(/<disk type='file' device='cdrom'>[\s\S]*?<source file='([^']+)'/g),
    ]
      .map((m) => m[1]);
    assertEquals(cdroms, [install, drivers]);
    assertMatch(withCd, /<target dev='vda' bus='virtio'\/>/);
    assertMatch(withCd, /<model type='virtio'\/>/);
    assertEquals(/<hyperv mode='custom'>/.test(withCd), offersKvm);
    assertMatch(withCd, /<tpm model='tpm-crb'>/);

    // In software emulation (what this host gives new VMs) QEMU refuses the enlightenments, so
    // there are none; TPM and Secure Boot stay.
    await domainCreate(depsOf(client, { kvm: false }), win11(`${PREFIX}tcg`, network));
    const tcg = await inactive(`${PREFIX}tcg`);
    assertMatch(tcg, /<domain type='qemu'/);
    assertEquals(/hyperv/.test(tcg), false, tcg);
    assertMatch(tcg, /<timer name='pit' tickpolicy='delay'\/>/);
    assertMatch(tcg, /<feature enabled='yes' name='secure-boot'\/>/);
    assertMatch(tcg, /<tpm model='tpm-crb'>/);
  } finally {
    await client.close();
    await cleanup();
  }
});
