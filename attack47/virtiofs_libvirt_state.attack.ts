// ATTACK (finding 2): /var/lib/libvirt is a default storage root, so a shared folder may be any
// folder under it — libvirt's own state (qemu/: managed-save images, snapshot metadata libvirtd
// loads as domain XML, each running VM's master-key.aes; swtpm/: every VM's TPM state;
// qemu/nvram/: every VM's UEFI variables) or the default pool holding every VM's disks. The
// share is served by virtiofsd running as root, so the guest reads and writes all of it as root.
//
// Run: node_modules/.bin/deno test -A attack47/virtiofs_libvirt_state.attack.ts
import { assertEquals } from "../tests/support/assert.ts";
import { jsonOf, withTestApp } from "../routes/test_app.ts";

const TARGETS = [
  "/var/lib/libvirt/qemu",
  "/var/lib/libvirt/qemu/save",
  "/var/lib/libvirt/qemu/snapshot",
  "/var/lib/libvirt/qemu/nvram",
  "/var/lib/libvirt/swtpm",
  "/var/lib/libvirt/images",
];

Deno.test("attack: libvirt's own state folders and the default pool are accepted as shares", async () => {
  await withTestApp(async (t) => {
    const accepted: string[] = [];
    for (const [i, source] of TARGETS.entries()) {
      try {
        await Deno.stat(source);
      } catch {
        continue;
      }
      const res = await jsonOf(t, "POST", "/api/vms/db/filesystems", { source, tag: `t${i}` });
      console.log(source, res.status, res.body.code ?? "");
      if (res.status === 201) accepted.push(source);
    }
    // A fixed product refuses each of these (none is a folder meant for a guest).
    assertEquals(accepted, [], "libvirt state folders accepted as shared folders");
  });
});

// The app's own data folder configured inside a storage root (--data-dir /data/kvm-manager,
// /srv/kvm-manager …): a share of it (or of the folder the helper is in) hands the guest — writing
// as root through virtiofsd — the store (tokens, users), the ssh keys and the read-only helper
// that libvirtd runs as root at every start of a VM with a read-only share.
Deno.test("attack: the data folder with the root-run helper is accepted as a share", async () => {
  const { checkShareFolder } = await import("../lib/filesystems/input.ts");
  const { installReadOnlyHelper } = await import("../lib/filesystems/virtiofsd.ts");
  const { DEFAULT_STORAGE_ROOTS } = await import("../lib/config.ts");
  const dataDir = await Deno.makeTempDir({ dir: "/srv", prefix: "kvmm-atk-datadir-" });
  try {
    await Deno.chmod(dataDir, 0o755);
    const helper = await installReadOnlyHelper(dataDir, "/usr/lib/qemu/virtiofsd");
    console.log("helper installed at", helper);
    const shared = await checkShareFolder(dataDir, DEFAULT_STORAGE_ROOTS).catch((e) => e.message);
    console.log("share of the data folder:", shared);
    assertEquals(
      shared === dataDir,
      false,
      "the data folder (root-run helper inside) is shareable",
    );
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
