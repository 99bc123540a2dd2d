import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { fileHash, writeDamagedMetricsDb } from "../../tests/support/damaged_metrics.ts";
import { METRICS_DB_FILE, MetricsHistory } from "./history.ts";
import { summarize } from "./history_summary.ts";
import type { VmSample } from "./sampler.ts";

const VM = "6b5a6f1e-0000-4000-8000-000000000001";
// A whole hour, so minute and hour buckets start at T0.
const T0 = Date.UTC(2026, 10, 1, 10, 0, 0);
const MIN = 60_000;
const HOUR = 3_600_000;

function vm(cpu: number | null, extra: Partial<VmSample> = {}): VmSample {
  return {
    vmId: VM,
    name: "web",
    cpu,
    memUsedMb: 512,
    memTotalMb: 1024,
    diskRead: 1000,
    diskWrite: 0,
    netRx: 10,
    netTx: 20,
    ...extra,
  };
}

/** Records a tick every `stepMs` in [from, to) with CPU from `cpuAt`. */
function fill(
  h: MetricsHistory,
  from: number,
  to: number,
  stepMs: number,
  cpuAt: (t: number) => number,
) {
  for (let t = from; t < to; t += stepMs) {
    h.record(t, { cpu: 10, memUsedMb: 1000, memTotalMb: 4000 }, [vm(cpuAt(t))]);
  }
}

Deno.test("history - minute rollups average and max the raw samples of each minute", async () => {
  const h = MetricsHistory.open(null);
  try {
    // Minute 0: 0,5,…,55 % CPU; minute 1: 50 % flat; minute 2 is not complete at T0 + 2m30s.
    fill(h, T0, T0 + 2 * MIN + 30_000, 5000, (t) => t < T0 + MIN ? (t - T0) / 1000 : 50);
    await h.rollup(T0 + 2 * MIN + 30_000);
    const s = h.vmSeries(VM, "6h", T0 + 2 * MIN + 30_000);
    assertEquals(s.resolution, "1m");
    assertEquals(s.t, [T0, T0 + MIN]);
    assertEquals(s.cpu, [27.5, 50]);
    assertEquals(s.cpuMax, [55, 50]);
    assertEquals(s.diskRead, [1000, 1000]);
    assertEquals(s.memTotalMb, [1024, 1024]);
    assertEquals(h.counts().minute, 4, "2 minutes × (VM + host)");
    // Rolling up again later adds the now complete minute 2 and nothing twice.
    await h.rollup(T0 + 3 * MIN);
    await h.rollup(T0 + 3 * MIN);
    assertEquals(h.counts().minute, 6);
  } finally {
    h.close();
  }
});

Deno.test("history - hour rollups weight minute averages by their sample counts", async () => {
  const h = MetricsHistory.open(null);
  try {
    // Hour 0: 30 % CPU for 45 minutes then 90 % for 15: average 45 %, max 90 %.
    fill(h, T0, T0 + HOUR, 5000, (t) => t < T0 + 45 * MIN ? 30 : 90);
    // Minute 0 of hour 1 has only one sample (a restart), which must not weigh as much as 12.
    fill(h, T0 + HOUR, T0 + HOUR + 5000, 5000, () => 0);
    fill(h, T0 + HOUR + MIN, T0 + 2 * HOUR, 5000, () => 60);
    await h.rollup(T0 + 2 * HOUR + MIN);
    const s = h.vmSeries(VM, "7d", T0 + 2 * HOUR + MIN);
    assertEquals(s.resolution, "1h");
    assertEquals(s.t, [T0, T0 + HOUR]);
    assertEquals(s.cpu[0], 45);
    assertEquals(s.cpuMax[0], 90);
    // (1 × 0 + 708 × 60) / 709 = 59.9
    assertEquals(s.cpu[1], 59.9);
    const host = h.hostSeries("30d", T0 + 2 * HOUR + MIN);
    assertEquals(host.cpu, [10, 10]);
    assertEquals(host.memUsedMb, [1000, 1000]);
  } finally {
    h.close();
  }
});

Deno.test("history - after downtime one rollup catches every complete bucket up", async () => {
  const h = MetricsHistory.open(null);
  try {
    fill(h, T0, T0 + 10 * MIN, 5000, () => 20);
    await h.rollup(T0 + 5 * HOUR);
    assertEquals(h.counts(), { raw: 240, minute: 20, hour: 2 });
    assertEquals(h.vmSeries(VM, "7d", T0 + 5 * HOUR).cpu, [20]);
  } finally {
    h.close();
  }
});

Deno.test("history - raw series: live window, nulls where readings lacked a figure, gaps", () => {
  const h = MetricsHistory.open(null);
  try {
    h.record(T0, null, [vm(5)]);
    h.record(T0 + 5000, null, [vm(6, { memUsedMb: null, diskRead: null })]);
    // The VM was off for a minute.
    h.record(T0 + 70_000, null, [vm(7)]);
    const s = h.vmSeries(VM, "live", T0 + 70_000);
    assertEquals(s.resolution, "raw");
    assertEquals(s.stepSeconds, 5);
    assertEquals(s.t, [T0, T0 + 5000, T0 + 10_000, T0 + 70_000]);
    assertEquals(s.cpu, [5, 6, null, 7]);
    assertEquals(s.memUsedMb, [512, null, null, 512]);
    assertEquals(s.diskRead, [1000, null, null, 1000]);
    // Outside the live window nothing is returned; an unknown VM has empty columns.
    assertEquals(h.vmSeries(VM, "live", T0 + HOUR).t, []);
    assertEquals(h.vmSeries("00000000-0000-4000-8000-000000000000", "1h", T0).cpu, []);
  } finally {
    h.close();
  }
});

Deno.test("history - cleanup keeps each resolution for its own window", async () => {
  const h = MetricsHistory.open(null);
  try {
    fill(h, T0, T0 + 3 * HOUR, 60_000, () => 1);
    await h.rollup(T0 + 3 * HOUR);
    assertEquals(h.counts(), { raw: 360, minute: 360, hour: 6 });
    const policy = { rawHours: 1, minuteDays: 1, hourDays: 2 };
    // Raw only: the last hour of raw stays.
    let deleted = await h.cleanup(policy, T0 + 3 * HOUR, { raw: true, rollups: false });
    assertEquals(deleted, { raw: 240, minute: 0, hour: 0 });
    // A day and a half later: raw and minutes are all past their windows, hours are not.
    deleted = await h.cleanup(policy, T0 + 36 * HOUR);
    assertEquals(deleted, { raw: 120, minute: 360, hour: 0 });
    assert(h.has(VM), "the VM still has hourly history");
    // Three days later nothing is left, and the VM is forgotten.
    deleted = await h.cleanup(policy, T0 + 72 * HOUR);
    assertEquals(deleted, { raw: 0, minute: 0, hour: 6 });
    assert(!h.has(VM));
  } finally {
    h.close();
  }
});

Deno.test("history - on disk, sources and rollup progress survive a reopen", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-history-" });
  try {
    const first = MetricsHistory.open(dir);
    fill(first, T0, T0 + 2 * MIN, 5000, () => 40);
    await first.rollup(T0 + 2 * MIN);
    first.close();
    const again = MetricsHistory.open(dir);
    try {
      assert(again.has(VM));
      fill(again, T0 + 2 * MIN, T0 + 3 * MIN, 5000, () => 40);
      await again.rollup(T0 + 3 * MIN);
      assertEquals(again.counts().minute, 6);
      assert(again.sizeBytes() > 0);
    } finally {
      again.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("history - summarize gives each source's hourly averages, maxima and vCPUs", async () => {
  const h = MetricsHistory.open(null);
  try {
    for (let t = T0; t < T0 + 2 * HOUR; t += MIN) {
      h.record(t, null, [vm(t < T0 + HOUR ? 10 : 30)], () => 4);
    }
    await h.rollup(T0 + 2 * HOUR);
    const [s] = summarize(h, T0);
    assertEquals(s, {
      uuid: VM,
      name: "web",
      vcpus: 4,
      hours: 2,
      avgCpu: 20,
      maxCpu: 30,
      avgMemUsedMb: 512,
      maxMemUsedMb: 512,
      memTotalMb: 1024,
      avgDisk: 1000,
      avgNet: 30,
    });
  } finally {
    h.close();
  }
});

Deno.test("history - each column is averaged over its own readings, not over every row", async () => {
  const h = MetricsHistory.open(null);
  try {
    // Minute A: a first tick without CPU, then 3 × 10 %; memory read once (100 MB).
    h.record(T0, null, [vm(null, { memUsedMb: 100 })]);
    for (const t of [5, 10, 15]) h.record(T0 + t * 1000, null, [vm(10, { memUsedMb: null })]);
    // Minute B: 2 × 40 %, memory read twice (200 MB).
    for (const t of [60, 65]) h.record(T0 + t * 1000, null, [vm(40, { memUsedMb: 200 })]);
    await h.rollup(T0 + HOUR);
    const s = h.vmSeries(VM, "7d", T0 + HOUR);
    // CPU (3 × 10 + 2 × 40) / 5 = 22; memory (100 + 2 × 200) / 3 = 166.7.
    assertEquals([s.cpu[0], s.memUsedMb[0]], [22, 167]);
  } finally {
    h.close();
  }
});

Deno.test("history - two readings in one second share a row and keep each other's figures", () => {
  const h = MetricsHistory.open(null);
  try {
    h.record(T0 + 100, null, [vm(5, { memUsedMb: 300 })]);
    h.record(T0 + 900, null, [vm(6, { memUsedMb: null, diskRead: null })]);
    const s = h.vmSeries(VM, "live", T0 + 1000);
    assertEquals([s.t.length, s.cpu[0], s.memUsedMb[0], s.diskRead[0]], [1, 6, 300, 1000]);
  } finally {
    h.close();
  }
});

// 150 VMs: two statements of 64 rows and 22 rows one by one, each row to its own VM.
Deno.test("history - a tick of many VMs is written whole, batched or not, and shares rows alike", () => {
  const h = MetricsHistory.open(null);
  const ids = Array.from({ length: 150 }, (_, i) => VM.slice(0, -3) + String(i).padStart(3, "0"));
  try {
    h.record(
      T0 + 100,
      { cpu: 1, memUsedMb: 2, memTotalMb: 3 },
      ids.map((vmId, i) => vm(i, { vmId, name: `vm-${i}`, memUsedMb: 1000 + i })),
    );
    h.record(
      T0 + 900,
      null,
      ids.map((vmId, i) => vm(i + 0.5, { vmId, name: `vm-${i}`, memUsedMb: null })),
    );
    assertEquals(h.counts().raw, 151);
    for (const i of [0, 63, 64, 127, 128, 149]) {
      const s = h.vmSeries(ids[i], "live", T0 + 1000);
      assertEquals([s.t.length, s.cpu[0], s.memUsedMb[0]], [1, i + 0.5, 1000 + i], `VM ${i}`);
    }
  } finally {
    h.close();
  }
});

Deno.test("history - an unusable metrics.db is left alone and graphs start in memory", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-history-" });
  try {
    const file = `${dir}/${METRICS_DB_FILE}`;
    const junk = new TextEncoder().encode("not a database, not even close ".repeat(200));
    await Deno.writeFile(file, junk);
    const history = MetricsHistory.openOrMemory(dir, 5, "test");
    try {
      assertEquals(history.store.path, ":memory:");
    } finally {
      history.close();
    }
    assertEquals(await Deno.readFile(file), junk, "the file is untouched");
    // Once the file is moved aside, the history is kept in the data folder again.
    await Deno.rename(file, `${file}.bad`);
    const healthy = MetricsHistory.openOrMemory(dir, 5, "test");
    assertEquals(healthy.store.path, file);
    healthy.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("history - a metrics.db with damaged pages is found at open and left byte for byte", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-history-" });
  try {
    const { path, page } = writeDamagedMetricsDb(dir);
    const before = await fileHash(path);
    const size = Deno.statSync(path).size;
    assert(size > 300_000, `a real file with data: ${size} bytes`);
    const errors: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(" "));
    let history: MetricsHistory;
    try {
      history = MetricsHistory.openOrMemory(dir, 5, "test");
    } finally {
      console.error = consoleError;
    }
    try {
      assertEquals(history.store.path, ":memory:");
      assertMatch(
        history.problem ?? "",
        new RegExp(
          `^Database ${path} (failed its integrity check|is corrupt or not a SQLite database): `,
        ),
      );
      assertMatch(history.problem ?? "", /kept in memory .* the file was left untouched/);
      assertEquals(errors.length, 1, `one log line, page ${page}: ${errors.join("\n")}`);
      assertMatch(
        errors[0],
        /^test: metrics history unusable: Database .* (failed its integrity check|is corrupt)/,
      );
      // The collector keeps writing: to the fallback, never to the file.
      for (let i = 0; i < 5; i++) history.record(T0 + i * 5000, null, [vm(10 + i)]);
      assertEquals(history.counts().raw, 5);
    } finally {
      history.close();
    }
    assertEquals(await fileHash(path), before, "the damaged file is byte for byte as it was");
    assertEquals(Deno.statSync(path).size, size);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
