import { assertEquals, assertThrows } from "../../tests/support/assert.ts";
import { type BaseFacts, planBackup, type ResolvedDisk } from "./plan.ts";
import type { BackupRecord } from "./records.ts";
import { AppError } from "../errors.ts";

const disk = (over: Partial<ResolvedDisk> = {}): ResolvedDisk => ({
  target: "vda",
  path: "/p/web.qcow2",
  format: "qcow2",
  pool: "p",
  capacityBytes: 100,
  compat: "1.1",
  ...over,
});

const last = (over: Partial<BackupRecord> = {}): BackupRecord => ({
  id: "b1",
  vmId: "u",
  vmName: "web",
  kind: "full",
  method: "backup",
  parentId: null,
  checkpoint: "kvmm-b1",
  status: "succeeded",
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: null,
  processedBytes: 0,
  totalBytes: 0,
  sizeBytes: null,
  keep: 7,
  error: null,
  note: null,
  pool: "backups",
  disks: [{
    target: "vda",
    sourcePath: "/p/web.qcow2",
    sourceFormat: "qcow2",
    sourcePool: "p",
    capacityBytes: 100,
    volume: "v",
    path: "/b/v",
  }],
  domainXml: "",
  ...over,
});

const good: BaseFacts = { last: last(), checkpointExists: true, missingVolumes: [] };
const plan = (over: Partial<Parameters<typeof planBackup>[0]> = {}) =>
  planBackup({
    mode: "auto",
    vmName: "web",
    active: true,
    disks: [disk()],
    pool: "backups",
    base: good,
    ...over,
  });

Deno.test("backup plan - auto is incremental on a live checkpoint, full otherwise", () => {
  const inc = plan();
  assertEquals([inc.method, inc.kind, inc.parent?.id, inc.checkpoint], [
    "backup",
    "incremental",
    "b1",
    true,
  ]);
  assertEquals(plan({ mode: "full" }).kind, "full");
  const first = plan({ base: { last: null, checkpointExists: false, missingVolumes: [] } });
  assertEquals([first.kind, first.notes], ["full", []]);
  const gone = plan({ base: { ...good, checkpointExists: false } });
  assertEquals(gone.kind, "full");
  assertEquals(gone.notes, [
    "Full: checkpoint kvmm-b1 of its last backup no longer exists in libvirt",
  ]);
  assertEquals(plan({ pool: "other" }).kind, "full");
  assertEquals(plan({ disks: [disk({ capacityBytes: 200 })] }).kind, "full");
  assertEquals(plan({ base: { ...good, missingVolumes: ["v"] } }).kind, "full");
});

Deno.test("backup plan - stopped VMs are copied; raw and v2 disks get no checkpoint", () => {
  const copy = plan({ active: false });
  assertEquals([copy.method, copy.kind, copy.checkpoint], ["copy", "full", false]);
  const raw = plan({ disks: [disk({ format: "raw", compat: null })] });
  assertEquals([raw.kind, raw.checkpoint], ["full", false]);
  assertEquals(raw.notes, [
    "No checkpoint: Disk vda is raw: only qcow2 disks keep the dirty bitmaps incremental " +
    "backups count changes with",
  ]);
  const v2 = plan({ disks: [disk({ compat: "0.10" })] });
  assertEquals(v2.checkpoint, false);
});

Deno.test("backup plan - incremental when impossible is a 409 with the reason", () => {
  const err = assertThrows(() => plan({ mode: "incremental", active: false }), AppError);
  assertEquals([err.status, err.code], [409, "INCREMENTAL_UNAVAILABLE"]);
  const noCp = assertThrows(
    () => plan({ mode: "incremental", base: { ...good, last: last({ checkpoint: null }) } }),
    AppError,
  );
  assertEquals(
    noCp.message,
    "Cannot make an incremental backup of web: its last backup (2026-01-01T00:00:00.000Z) has " +
      "no checkpoint to count changes from",
  );
});
