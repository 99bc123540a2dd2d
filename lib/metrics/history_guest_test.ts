import { assertEquals } from "../../tests/support/assert.ts";
import { MetricsHistory } from "./history.ts";
import { guestRows, type GuestSample } from "./history_guest.ts";

const VM = "6b5a6f1e-0000-4000-8000-0000000000a1";
const T0 = Date.UTC(2026, 10, 1, 10, 0, 0);
const MIN = 60_000;
const DAY = 86_400_000;

function sample(busy: number[], usedMb = 300): GuestSample {
  return {
    cpus: busy.map((b, id) => ({ id, busyPercent: b })),
    memoryMb: {
      usedMb,
      buffersMb: 20,
      cachedMb: 200,
      freeMb: 1024 - usedMb - 220,
      availableMb: 700,
      totalMb: 1024,
      swapUsedMb: 4,
      swapTotalMb: 512,
    },
  };
}

Deno.test("guest history - per-core and memory samples come back as series, with gaps", () => {
  const h = MetricsHistory.open(null);
  try {
    h.recordGuest(T0, VM, "web", sample([12.34, 99.9]));
    h.recordGuest(T0 + 10_000, VM, "web", sample([50, 0], 310));
    // Nobody watched for a minute: a gap, then one more reading.
    h.recordGuest(T0 + 80_000, VM, "web", sample([1, 2]));
    const s = h.guestSeries(VM, "live", T0 + 90_000, 10);
    assertEquals(s.resolution, "raw");
    assertEquals(s.stepSeconds, 10);
    assertEquals(s.t, [T0, T0 + 10_000, T0 + 20_000, T0 + 80_000]);
    assertEquals(s.cores, [[12.3, 50, null, 1], [99.9, 0, null, 2]]);
    assertEquals(s.memory.usedMb, [300, 310, null, 300]);
    assertEquals(s.memory.swapTotalMb, [512, 512, null, 512]);
    // An unknown VM has empty series, not an error.
    assertEquals(h.guestSeries("other", "live", T0 + 90_000, 10).t, []);
  } finally {
    h.close();
  }
});

Deno.test("guest history - at most 64 cores are stored", () => {
  const rows = guestRows(sample(Array.from({ length: 80 }, () => 5)));
  assertEquals(rows.filter(([m]) => m < 100).length, 64);
  assertEquals(rows.filter(([m]) => m >= 100).length, 8);
});

Deno.test("guest history - minute and hour rollups average the cores; retention deletes them", async () => {
  const h = MetricsHistory.open(null);
  try {
    // Minute 0: core 0 at 10, 20, … 60 %; core 1 flat 80 %. Minute 1: core 0 at 0.
    for (let i = 0; i < 6; i++) {
      h.recordGuest(T0 + i * 10_000, VM, "web", sample([(i + 1) * 10, 80]));
    }
    for (let i = 0; i < 6; i++) h.recordGuest(T0 + MIN + i * 10_000, VM, "web", sample([0, 80]));
    await h.rollup(T0 + 2 * MIN + 5000);
    const m = h.guestSeries(VM, "6h", T0 + 2 * MIN + 5000, 10);
    assertEquals(m.resolution, "1m");
    assertEquals(m.t, [T0, T0 + MIN]);
    assertEquals(m.cores, [[35, 0], [80, 80]]);
    assertEquals(m.memory.totalMb, [1024, 1024]);
    // The hour, once complete, weighs both minutes by their readings.
    await h.rollup(T0 + 3_600_000 + 5000);
    const hour = h.guestSeries(VM, "7d", T0 + 3_600_000 + 5000, 10);
    assertEquals(hour.t, [T0]);
    assertEquals(hour.cores, [[17.5], [80]]);
    // Past every window, raw, minutes and hours go, and the VM's source with them.
    const deleted = await h.cleanup(
      { rawHours: 1, minuteDays: 1, hourDays: 1 },
      T0 + 3 * DAY,
    );
    assertEquals(deleted.raw, 12 * 10, "12 samples of 2 cores and 8 memory figures");
    assertEquals(deleted.minute, 2 * 10);
    assertEquals(deleted.hour, 10);
    assertEquals(h.has(VM), false);
  } finally {
    h.close();
  }
});
