import { assertEquals } from "../../tests/support/assert.ts";
import type { UsageResult } from "../../agent/protocol.ts";
import { MetricsHistory } from "./history.ts";
import { GuestSampler, WATCH_MS, WATCHED_MAX } from "./guest_sampler.ts";

const MB = 1024 * 1024;
const usage: UsageResult = {
  interval_ms: 10_000,
  cpus: [{ id: 0, busy_percent: 25 }, { id: 1, busy_percent: 75.5 }],
  memory: {
    total_bytes: 1024 * MB,
    free_bytes: 500 * MB,
    available_bytes: 700 * MB,
    used_bytes: 300 * MB,
    buffers_bytes: 24 * MB,
    cached_bytes: 200 * MB,
    swap_total_bytes: 0,
    swap_used_bytes: 0,
  },
};
const uuid = (i: number) => `6b5a6f1e-0000-4000-8000-${String(i).padStart(12, "0")}`;

Deno.test("guest sampler - samples only watched VMs whose agent answers, at most 16, until the watch ends", async () => {
  let now = Date.UTC(2026, 10, 1, 10, 0, 0);
  const h = MetricsHistory.open(null);
  const asked: string[] = [];
  const s = new GuestSampler({
    history: h,
    // Odd VMs have our agent answering.
    ourSocket: (u) => Number(u.slice(-1)) % 2 ? `/run/${u}.sock` : null,
    usage: (u) => {
      asked.push(u);
      return Promise.resolve(usage);
    },
    now: () => now,
  });
  try {
    for (let i = 1; i <= WATCHED_MAX + 4; i++) s.watch(uuid(i), `vm${i}`);
    assertEquals(s.watched().length, WATCHED_MAX, "the least recently watched are dropped");
    assertEquals(s.watched()[0], uuid(5));
    await s.tick();
    // Of the 16 watched (5 … 20), the 8 odd ones answer.
    assertEquals(asked.length, 8);
    const series = h.guestSeries(uuid(5), "live", now + 1000, 10);
    assertEquals(series.cores, [[25], [75.5]]);
    assertEquals(series.memory.usedMb, [300]);
    assertEquals(h.has(uuid(6)), false);
    // A watch ends WATCH_MS after the last read.
    now += WATCH_MS - 1000;
    s.watch(uuid(7), "vm7");
    now += 2000;
    asked.length = 0;
    await s.tick();
    assertEquals(asked, [uuid(7)]);
    assertEquals(s.watched(), [uuid(7)]);
  } finally {
    h.close();
  }
});
