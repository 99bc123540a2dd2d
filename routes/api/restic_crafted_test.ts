// A restic repository is written off this host: whoever can write there (its SFTP or S3 side,
// the maker of a repository attached with `existing`) can craft a "VM backup". Restoring one
// must refuse a definition the XML import would refuse: a foreign emulator, a host file as a
// disk, a serial log file on a host path (virtlogd writes it as root), <qemu:commandline>.

import { assertEquals } from "../../tests/support/assert.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";
import { resticFeature } from "../../lib/restic/feature.ts";

const PASSWORD = "attacker password 123";
const UUID = "11111111-2222-3333-4444-555555555555";

const domain = (devices: string, extra = "") =>
  `<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>` +
  `<name>evil</name><memory unit='KiB'>65536</memory><vcpu>1</vcpu>` +
  `<os><type arch='x86_64'>hvm</type></os><devices>${devices}</devices>${extra}</domain>`;

const CRAFTED: Record<string, string> = {
  emulator: domain("<emulator>/bin/sh</emulator>"),
  disk: domain(
    "<disk type='file' device='disk'><source file='/etc/shadow'/><target dev='vdz'/></disk>",
  ),
  log: domain("<serial type='pty'><log file='/etc/cron.d/evil'/><target port='0'/></serial>"),
  commandline: domain("", "<qemu:commandline><qemu:arg value='-evil'/></qemu:commandline>"),
};

// Metadata naming a disk whose snapshot id restic would read as an option, or whose target or
// size is no disk's: refused before restic or libvirt sees them.
const BAD_DISK: Record<string, Record<string, unknown>> = {
  option: { target: "vda", snapshot: `--password-command=sh -c "echo ${PASSWORD}"` },
  target: { target: "../../etc/x", snapshot: "a".repeat(64) },
  size: { target: "vda", snapshot: "a".repeat(64), capacityBytes: 2 ** 60 },
};
for (const d of Object.values(BAD_DISK)) {
  Object.assign(d, { format: "raw", sourcePath: "/x", capacityBytes: 1048576, ...d });
}
const BAD_DISKS = Object.fromEntries(Object.keys(BAD_DISK).map((id) => [id, domain("")]));

/** `restic` on the repository at `repo`, `stdin` fed; throws its stderr when it fails. */
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

Deno.test("restic API - a crafted backup's definition is refused on restore", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-rs-crafted-" });
  const repo = `${dir}/repo`;
  try {
    await restic(repo, ["init"]);
    const FINE = {
      fine: domain(
        "<serial type='pty'><log file='/var/log/libvirt/qemu/evil-serial.log'/>" +
          "<target port='0'/></serial>",
      ),
    };
    for (const [id, xml] of Object.entries({ ...CRAFTED, ...BAD_DISKS, ...FINE })) {
      const meta = {
        version: 1,
        backupId: id,
        vm: { uuid: UUID, name: "evil" },
        hostId: "h",
        takenAt: new Date().toISOString(),
        quiesced: false,
        xml,
        policy: null,
        disks: id in BAD_DISKS ? [BAD_DISK[id]] : [],
      };
      const tags = ["kvmm", `vm:${UUID}`, "host:h", `backup:${id}`, "meta", "name:evil"];
      await restic(repo, [
        "backup",
        "--stdin",
        "--stdin-filename",
        `kvmm-${UUID}-vm.json`,
        ...tags.flatMap((tag) => ["--tag", tag]),
      ], JSON.stringify(meta));
    }
    await withTestApp(async ({ req, ctx }) => {
      const made = await req("POST", "/api/backup-repositories", {
        name: "crafted",
        kind: "local",
        location: repo,
        password: PASSWORD,
        existing: true,
      });
      assertEquals(made.status, 201);
      for (const id of Object.keys(CRAFTED)) {
        const name = `kvmm-test-crafted-${id}`;
        const res = await req("POST", `/api/backup-repositories/crafted/backups/${id}/restore`, {
          name,
          pool: "default",
        });
        assertEquals(res.status, 202);
        const done = await ctx.features.get(resticFeature).waitFor((await res.json()).id);
        assertEquals([done.status, done.error?.code], ["failed", "DISK_SOURCE_REFUSED"], id);
        assertEquals((await req("GET", `/api/vms/${name}`)).status, 404, id);
      }
      // A serial log in libvirt's log folder (a VM's own, renamed) is restored.
      const fine = await req("POST", "/api/backup-repositories/crafted/backups/fine/restore", {
        name: "kvmm-test-crafted-fine",
        pool: "default",
      });
      const restored = await ctx.features.get(resticFeature).waitFor((await fine.json()).id);
      assertEquals(restored.status, "succeeded", JSON.stringify(restored.error));
      const xml = await (await req("GET", "/api/vms/kvmm-test-crafted-fine/xml")).text();
      assertEquals(xml.includes("/var/log/libvirt/qemu/kvmm-test-crafted-fine-serial.log"), true);
      for (const id of Object.keys(BAD_DISK)) {
        const res = await req(
          "POST",
          `/api/backup-repositories/crafted/backups/${id}/restore-disk`,
          { target: "vda", pool: "default", volume: "kvmm-test-crafted.raw" },
        );
        const done = await ctx.features.get(resticFeature).waitFor((await res.json()).id);
        assertEquals([done.status, done.error?.code], ["failed", "RESTIC_BACKUP_NOT_FOUND"], id);
      }
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("restic API - a new repository is never made in a folder holding files", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-rs-full-" });
  try {
    await Deno.writeTextFile(`${dir}/passwd`, "root:x:0:0\n");
    await withTestApp(async ({ req }) => {
      const body = { name: "full", kind: "local", location: dir, password: PASSWORD };
      const res = await req("POST", "/api/backup-repositories", body);
      assertEquals([res.status, (await res.json()).code], [409, "INVALID_STATE"]);
      const left = [];
      for await (const e of Deno.readDir(dir)) left.push(e.name);
      assertEquals(left, ["passwd"], "restic init wrote nothing beside the folder's files");
      // An empty folder and a new one are fine.
      await Deno.mkdir(`${dir}/empty`);
      for (const [name, location] of [["empty", `${dir}/empty`], ["new", `${dir}/new/repo`]]) {
        const made = await req("POST", "/api/backup-repositories", { ...body, name, location });
        assertEquals(made.status, 201, name);
      }
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
