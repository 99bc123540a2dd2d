// Attack: a repository made by an attacker with restic directly (attached with existing: true,
// or an off-host repository the SFTP/S3 side can write to) holds a "VM backup" whose stored
// definition runs a program of the attacker's choosing (<emulator>, <qemu:commandline>), reads
// a host file as a disk, and writes a host file through a serial log. Restore defines it as is.
// Run: node_modules/.bin/deno test -A attackrestic/crafted_restore_test.ts
import { assertEquals } from "../tests/support/assert.ts";
import { withTestApp } from "../routes/test_app.ts";

const PASSWORD = "attacker password 123";
const UUID = "11111111-2222-3333-4444-555555555555";

export async function craftRepository(dir: string): Promise<void> {
  const env = { RESTIC_PASSWORD: PASSWORD, RESTIC_CACHE_DIR: `${dir}/cache` };
  const run = async (args: string[], stdin?: string) => {
    const child = new Deno.Command("restic", {
      args: ["-r", `${dir}/repo`, ...args],
      env,
      stdin: stdin ? "piped" : "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    if (stdin) {
      const w = child.stdin.getWriter();
      await w.write(new TextEncoder().encode(stdin));
      await w.close();
    }
    const out = await child.output();
    if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  };
  await run(["init"]);
  const xml = `<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>evil</name><memory unit='KiB'>65536</memory><vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
  <devices>
    <emulator>/bin/sh</emulator>
    <disk type='file' device='disk'><source file='/etc/shadow'/><target dev='vdz' bus='virtio'/></disk>
    <serial type='pty'><log file='/etc/cron.d/evil'/><target port='0'/></serial>
  </devices>
  <qemu:commandline><qemu:arg value='-evil'/></qemu:commandline>
</domain>`;
  const meta = {
    version: 1,
    backupId: "evil",
    vm: { uuid: UUID, name: "evil" },
    hostId: "h",
    takenAt: new Date().toISOString(),
    quiesced: false,
    xml,
    policy: null,
    disks: [],
  };
  await run([
    "backup",
    "--stdin",
    "--stdin-filename",
    `kvmm-${UUID}-vm.json`,
    "--host",
    "h",
    ...["kvmm", `vm:${UUID}`, "host:h", "backup:evil", "meta", "name:evil"].flatMap((
      t,
    ) => ["--tag", t]),
  ], JSON.stringify(meta));
}

Deno.test("attack: restoring a crafted restic backup defines its XML as is", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-atk-rs-" });
  try {
    await craftRepository(dir);
    await withTestApp(async ({ req, ctx }) => {
      const made = await req("POST", "/api/backup-repositories", {
        name: "atk",
        kind: "local",
        location: `${dir}/repo`,
        password: PASSWORD,
        existing: true,
      });
      assertEquals(made.status, 201);
      const list = await (await req("GET", "/api/backup-repositories/atk/backups")).json();
      console.log("backups:", JSON.stringify(list));
      const res = await req("POST", "/api/backup-repositories/atk/backups/evil/restore", {
        name: "kvmm-atk-evil",
        pool: "default",
      });
      const job = await res.json();
      const done = await ctx.restic.waitFor(job.id);
      console.log("job:", done.status, JSON.stringify(done.error ?? done.result));
      const xml = await (await req("GET", "/api/vms/kvmm-atk-evil/xml")).text();
      console.log("defined XML:", xml);
      // Secure behaviour: the restore is refused (DISK_SOURCE_REFUSED), nothing is defined.
      assertEquals(done.status, "failed", "the crafted definition was defined as is");
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
