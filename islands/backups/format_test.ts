import { assertEquals } from "../../tests/support/assert.ts";
import type { Backup } from "../../shared/backups.ts";
import { applyProgress, byVm, kindLabel, percent } from "./format.ts";

const b = (over: Partial<Backup>): Backup => ({
  id: "b1",
  vmId: "u1",
  vmName: "web",
  kind: "full",
  method: "backup",
  parentId: null,
  checkpoint: null,
  status: "running",
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: null,
  processedBytes: 0,
  totalBytes: 0,
  sizeBytes: null,
  keep: 7,
  error: null,
  note: null,
  pool: "backups",
  disks: [],
  ...over,
});

Deno.test("backup format - percent, kinds and groups", () => {
  assertEquals(percent(b({})), null);
  assertEquals(percent(b({ processedBytes: 1, totalBytes: 3 })), 33);
  assertEquals(kindLabel(b({ kind: "incremental" })), "Incremental");
  assertEquals(kindLabel(b({ method: "copy" })), "Full (disk copy)");
  const groups = byVm([b({ id: "1", vmName: "z" }), b({ id: "2" }), b({ id: "3", vmName: "z" })]);
  assertEquals(groups.map(([n, l]) => [n, l.map((x) => x.id)]), [["web", ["2"]], ["z", [
    "1",
    "3",
  ]]]);
});

Deno.test("backup format - progress events update a running row, anything else reloads", () => {
  const list = [b({ totalBytes: 10 })];
  const e = { backupId: "b1", status: "running", processedBytes: 5, totalBytes: 10 };
  assertEquals(applyProgress(list, e)?.[0].processedBytes, 5);
  assertEquals(applyProgress(list, { ...e, status: "succeeded" }), null);
  assertEquals(applyProgress(list, { ...e, backupId: "other" }), null);
});
