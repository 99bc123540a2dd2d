import { assertEquals } from "../../tests/support/assert.ts";
import { finalProgress, percentOf, progressOf, startingProgress } from "./progress.ts";

Deno.test("migration progress - phases from libvirt's job statistics", () => {
  assertEquals(progressOf({}).phase, "starting");
  assertEquals(
    progressOf({
      data_total: 1000,
      data_processed: 300,
      data_remaining: 700,
      disk_remaining: 500,
    }),
    {
      phase: "copying-storage",
      dataProcessed: 300,
      dataTotal: 1000,
      dataRemaining: 700,
      percent: 30,
    },
  );
  assertEquals(
    progressOf({ data_total: 1000, data_processed: 1200, data_remaining: 100 }).phase,
    "copying-memory",
  );
  assertEquals(progressOf({ data_total: 1000, data_processed: 1000, data_remaining: 0 }), {
    phase: "finishing",
    dataProcessed: 1000,
    dataTotal: 1000,
    dataRemaining: 0,
    percent: 100,
  });
});

Deno.test("migration progress - the end keeps the last figures, or the completed job's", () => {
  const last = progressOf({ data_total: 1000, data_processed: 400, data_remaining: 600 });
  assertEquals(finalProgress("cancelled", last), { ...last, phase: "cancelled" });
  assertEquals(finalProgress("completed", last, { data_total: 1000, data_processed: 1100 }), {
    phase: "completed",
    dataProcessed: 1100,
    dataTotal: 1000,
    dataRemaining: 0,
    percent: 100,
  });
  assertEquals(finalProgress("completed", startingProgress()).percent, 100);
  assertEquals([percentOf(0, 0), percentOf(10, 20), percentOf(3, 1)], [0, 0, 66]);
});
