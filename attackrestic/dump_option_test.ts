// Attack: a crafted backup's metadata names a disk "snapshot" that restic reads as an option:
// `restic dump --password-command=… /kvmm-…-vda.raw`. restic runs the password command (before
// RESTIC_PASSWORD) as root. Needs a local folder pool: real libvirtd, pool kvmm-atk-pool.
// Run: node_modules/.bin/deno test -A attackrestic/dump_option_test.ts
import { assertEquals } from "../tests/support/assert.ts";
import { removePool, virsh, withRealApp } from "../tests/support/real_app.ts";

const PASSWORD = "attacker password 123";
const UUID = "11111111-2222-3333-4444-555555555555";
const MARKER = "/tmp/kvmm-atk-pwned-dump";

async function restic(repo: string, args: string[], stdin?: string) {
  const child = new Deno.Command("restic", {
    args: ["-r", repo, ...args],
    env: { RESTIC_PASSWORD: PASSWORD, RESTIC_CACHE_DIR: `${repo}-cache` },
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await child.output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
}

Deno.test("attack: a crafted disk snapshot id reaches restic dump as an option", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-atk-dump-" });
  const repo = `${dir}/repo`;
  await Deno.mkdir(`${dir}/pool`);
  await Deno.remove(MARKER).catch(() => {});
  try {
    await virsh("pool-create-as", "kvmm-atk-pool", "dir", "--target", `${dir}/pool`);
    await restic(repo, ["init"]);
    const meta = {
      version: 1,
      backupId: "evil",
      vm: { uuid: UUID, name: "evil" },
      hostId: "h",
      takenAt: new Date().toISOString(),
      quiesced: false,
      xml: "<domain type='kvm'><name>evil</name></domain>",
      policy: null,
      disks: [{
        target: "vda",
        format: "raw",
        capacityBytes: 1048576,
        sourcePath: "/x",
        snapshot: `--password-command=sh -c "id > ${MARKER}; echo ${PASSWORD}"`,
      }],
    };
    const tags = ["kvmm", `vm:${UUID}`, "host:h", "backup:evil", "meta", "name:evil"];
    await restic(repo, [
      "backup",
      "--stdin",
      "--stdin-filename",
      `kvmm-${UUID}-vm.json`,
      ...tags.flatMap((tag) => ["--tag", tag]),
    ], JSON.stringify(meta));
    await withRealApp({}, async ({ call, ctx }) => {
      const made = await call("POST", "/api/backup-repositories", {
        name: "kvmm-atk-repo",
        kind: "local",
        location: repo,
        password: PASSWORD,
        existing: true,
      });
      assertEquals(made.status, 201, JSON.stringify(made.body));
      const res = await call(
        "POST",
        "/api/backup-repositories/kvmm-atk-repo/backups/evil/restore-disk",
        { target: "vda", pool: "kvmm-atk-pool", volume: "kvmm-atk-vol.raw" },
      );
      const done = await ctx.restic.waitFor(res.body.id);
      console.log("job:", done.status, JSON.stringify(done.error ?? done.result));
      const ran = await Deno.readTextFile(MARKER).catch(() => null);
      console.log("password command ran:", ran);
      assertEquals(ran, null, "restic ran the crafted --password-command as root");
    });
  } finally {
    await Deno.remove(MARKER).catch(() => {});
    await removePool("kvmm-atk-pool");
    await Deno.remove(dir, { recursive: true });
  }
});
