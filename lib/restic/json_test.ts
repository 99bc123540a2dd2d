import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { backupLine, forgetResult, snapshotList, tagValue } from "./json.ts";
import { groupBackups } from "./restore.ts";
import { resticError } from "./errors.ts";

Deno.test("restic json - backup status and summary lines, other lines ignored", () => {
  assertEquals(
    backupLine(
      '{"message_type":"status","percent_done":0,"total_files":1,"bytes_done":1917956}',
    ),
    { type: "status", status: { bytesDone: 1917956, totalBytes: null } },
  );
  assertEquals(
    backupLine(
      '{"message_type":"summary","files_new":1,"data_added":3000356,' +
        '"total_bytes_processed":3000000,"snapshot_id":"44d652a1"}',
    ),
    {
      type: "summary",
      summary: { snapshotId: "44d652a1", dataAdded: 3000356, totalBytesProcessed: 3000000 },
    },
  );
  assertEquals(backupLine("created restic repository 90e72769bd at repo"), null);
  assertEquals(backupLine("{not json"), null);
  assertEquals(backupLine('{"message_type":"verbose_status"}'), null);
  assertEquals(
    backupLine('{"message_type":"error","error":{"message":"read failed"},"item":"/x"}'),
    { type: "error", message: "read failed" },
  );
});

Deno.test("restic json - snapshots and forget, grouped into VM backups", () => {
  const uuid = "0b5e7a3c-52f4-4f6e-9d1d-7f1d2c3b4a59";
  const snap = (id: string, time: string, tags: string[]) => ({
    time,
    tree: "t",
    paths: ["/x"],
    hostname: "local",
    tags,
    id,
    short_id: id.slice(0, 8),
  });
  const common = ["kvmm", `vm:${uuid}`, "host:local"];
  const list = snapshotList(JSON.stringify([
    snap("aaaa1111", "2026-11-26T03:00:00Z", [...common, "backup:b1", "disk:vda"]),
    snap("bbbb2222", "2026-11-26T03:00:05Z", [...common, "backup:b1", "meta", "name:web"]),
    snap("cccc3333", "2026-11-26T04:00:00Z", [...common, "backup:b2", "disk:vda"]),
    snap("dddd4444", "2026-11-26T04:00:05Z", [...common, "backup:b2", "meta", "name:web"]),
    // A cancelled backup: a disk but no metadata, so not restorable.
    snap("eeee5555", "2026-11-26T05:00:00Z", [...common, "backup:b3", "disk:vda"]),
    snap("ffff6666", "2026-11-26T05:00:00Z", ["other"]),
    { bad: true },
  ]));
  assertEquals(list.length, 6);
  assertEquals(tagValue(list[1].tags, "name"), "web");
  assertEquals(groupBackups(list), [
    {
      id: "b2",
      vmId: uuid,
      vmName: "web",
      hostId: "local",
      time: "2026-11-26T04:00:05Z",
      metaSnapshot: "dddd4444",
      disks: [{ target: "vda", snapshot: "cccc3333" }],
    },
    {
      id: "b1",
      vmId: uuid,
      vmName: "web",
      hostId: "local",
      time: "2026-11-26T03:00:05Z",
      metaSnapshot: "bbbb2222",
      disks: [{ target: "vda", snapshot: "aaaa1111" }],
    },
  ]);
  assertThrows(() => snapshotList('{"not": "an array"}'), Error);
  assertEquals(
    forgetResult(JSON.stringify([
      { keep: [{ id: "k1" }], remove: [{ id: "r1" }, { id: "r2" }] },
      { keep: [{ id: "k2" }], remove: null },
    ])),
    { kept: ["k1", "k2"], removed: ["r1", "r2"] },
  );
});

Deno.test("restic errors - restic's words become codes a user understands", () => {
  const code = (stderr: string) => resticError("offsite", 1, stderr).code;
  assertEquals(code("Fatal: wrong password or no key found\n"), "RESTIC_WRONG_PASSWORD");
  assertEquals(
    code(
      "Fatal: unable to open config file: stat /x/config: no such file or directory\n" +
        "Is there a repository at the following location?\n/x",
    ),
    "RESTIC_REPO_NOT_FOUND",
  );
  assertEquals(
    code("Pack ID does not match, want 3d29, got a41b\nFatal: repository contains errors"),
    "RESTIC_CHECK_FAILED",
  );
  assertEquals(
    code("Fatal: unable to create lock in backend: repository is already locked"),
    "RESTIC_LOCKED",
  );
  assertEquals(
    code("subprocess ssh: Permission denied (publickey).\nFatal: ssh command exited"),
    "RESTIC_UNREACHABLE",
  );
  const other = resticError("offsite", 3, "something odd\n");
  assertEquals([other.code, other.message], [
    "RESTIC_FAILED",
    "restic failed on repository offsite (exit 3): something odd",
  ]);
  assertEquals(
    resticError("offsite", 1, "Fatal: wrong password or no key found").message,
    "The password does not open repository offsite",
  );
});
