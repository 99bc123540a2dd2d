// Benchmark: the metrics collector and history for 1,000 test-driver VMs, beside the raw FFI
// floor measured in this same run.
//   deno task bench:metrics [--vms N] [--ticks N] [--frozen-libvirtd]
// Prints libvirt calls per tick (at three VM counts), tick duration, event-loop lag while
// ticking, rolling up and cleaning, database bytes per VM per day, the time to answer a 30-day
// graph over HTTP, and a /metrics scrape while a host hangs beside the same scrape with none.
// --frozen-libvirtd adds a VM's metric history by UUID and by name, and the pages /, /vms and
// the VM's, from a libvirtd of the bench's own frozen with SIGSTOP, beside the same requests
// with it running (needs root: scripts/second-libvirtd.sh).

import { parseArgs } from "node:util";

// Read by ffi/libvirt/library.ts as each thread loads it: before anything opens libvirt.
Deno.env.set("KVMM_COUNT_LIBVIRT_CALLS", "1");

const { Connection, ListFlags, StatsTypes } = await import("../ffi/libvirt/connection.ts");
const { createContext } = await import("../lib/compose.ts");
const { FEATURES } = await import("../routes/features.ts");
const { writeTestNode } = await import("../tests/support/test_node.ts");
const { createApp } = await import("../routes/app.ts");
const { adminToken } = await import("../tests/harness/test_app.ts");
const { deadHosts } = await import("../tests/support/dead_hosts.ts");
const { openStore } = await import("../lib/store.ts");
type Ctx = ReturnType<typeof createContext>;

const { values } = parseArgs({
  args: Deno.args,
  options: {
    vms: { type: "string", default: "1000" },
    ticks: { type: "string", default: "30" },
    "frozen-libvirtd": { type: "boolean", default: false },
  },
});
const VMS = Number(values.vms);
const TICKS = Number(values.ticks);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: number[], p: number) =>
  sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const median = (xs: number[]) => pct(xs, 0.5);
const ms = (n: number) => `${n.toFixed(2)} ms`;

/**
 * Runs `work` while a 5 ms timer measures how late the event loop answers it: the lag an HTTP
 * request arriving meanwhile would see. (Shorter intervals are clamped to 4 ms by the timer
 * rules for repeating timers, which would count as lag.)
 */
async function lagDuring(work: () => Promise<unknown>): Promise<number[]> {
  const lags: number[] = [];
  const began = performance.now();
  let expected = performance.now() + 5;
  const timer = setInterval(() => {
    const now = performance.now();
    lags.push(Math.max(0, now - expected));
    expected = now + 5;
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  if (Deno.env.get("BENCH_DEBUG")) {
    console.log(`  (${lags.length} lag samples over ${ms(performance.now() - began)})`);
  }
  return lags;
}

async function withApp<T>(vms: number, fn: (c: Ctx, dataDir: string) => Promise<T>): Promise<T> {
  const node = await writeTestNode(
    Array.from({ length: vms }, (_, i) => ({
      name: `vm-${String(i).padStart(4, "0")}`,
      runstate: 1 as const,
      vcpus: 1 + (i % 4),
      memoryMb: 512,
    })),
  );
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-bench-metrics-" });
  const c = createContext({
    uri: node.uri,
    uriSource: "flag",
    demo: true,
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir,
  }, { features: FEATURES });
  try {
    if (!await c.client.connect()) throw new Error(`cannot open ${node.uri}`);
    return await fn(c, dataDir);
  } finally {
    await c.close();
    await node.remove();
    await Deno.remove(dataDir, { recursive: true });
  }
}

/** libvirt calls of one tick that reach the driver, and the per-record accessors apart. */
function splitCalls(calls: Record<string, number>) {
  const {
    virDomainGetUUIDString = 0,
    virDomainGetName = 0,
    virConnResetLastError = 0,
    ...driver
  } = calls;
  const total = Object.values(driver).reduce((a, b) => a + b, 0);
  return {
    total,
    driver,
    accessors: virDomainGetUUIDString + virDomainGetName,
    resets: virConnResetLastError,
  };
}

// 1. Calls per tick at three VM counts: must not grow.
console.log(`Collector benchmark, ${VMS} VMs (test driver), ${TICKS} ticks per figure\n`);
for (const n of [10, Math.round(VMS / 10), VMS]) {
  await withApp(n, async ({ ctx }) => {
    await ctx.monitoring.collector.tick();
    await ctx.monitoring.collector.tick(); // a fast tick
    const { total, driver, accessors, resets } = splitCalls(
      ctx.monitoring.collector.stats.lastCalls,
    );
    console.log(
      `calls  per tick, ${String(n).padStart(5)} VMs: ${total} libvirt calls ` +
        `(${Object.entries(driver).map(([k, v]) => `${k} ${v}`).join(", ")}) ` +
        `+ ${accessors} name/UUID reads from the returned records ` +
        `+ ${resets} resets of the connection's last error (no I/O)`,
    );
  });
}

await withApp(VMS, async ({ ctx, client }, dataDir) => {
  const m = ctx.monitoring;
  const history = m.history;

  // 2. The floor: the same bulk call directly through FFI on this thread.
  const conn = Connection.open(client.uri);
  const floor: number[] = [];
  for (let i = 0; i < TICKS; i++) {
    const t = performance.now();
    conn.getAllDomainStats(
      StatsTypes.STATE | StatsTypes.CPU_TOTAL | StatsTypes.INTERFACE,
      ListFlags.ACTIVE | (1 << 29),
    );
    floor.push(performance.now() - t);
  }
  conn.close();

  // 3. Ticks: duration and event-loop lag.
  const durations: number[] = [];
  const tickLags = await lagDuring(async () => {
    for (let i = 0; i < TICKS; i++) {
      await m.collector.tick();
      durations.push(m.collector.stats.lastDurationMs);
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  console.log(
    `\nfloor  FFI virConnectGetAllDomainStats (${VMS} VMs)  median ${ms(median(floor))}`,
  );
  console.log(
    `tick   read + sample + store + alerts            median ${ms(median(durations))}, ` +
      `p95 ${ms(pct(durations, 0.95))}  (${(median(durations) / median(floor)).toFixed(1)}x floor)`,
  );

  // 3b. A VM's first stats call (GET /api/vms/:id/stats): its CPU % baseline comes from the
  // collector's last tick, so it is one libvirt call; beside the same call straight through FFI.
  const { ops } = await import("../ffi/libvirt/ops.ts");
  const ids = (await ctx.vms.listVms()).slice(0, 20).map((vm) => vm.id);
  const statsConn = Connection.open(client.uri);
  const statsFloor = ids.map((id) => {
    const t = performance.now();
    ops.domainStats(statsConn, [id]);
    return performance.now() - t;
  });
  statsConn.close();
  await new Promise((r) => setTimeout(r, 150)); // the tick's baseline is then old enough to use
  const firstCalls: number[] = [];
  for (const id of ids) {
    const t = performance.now();
    await ctx.vms.vmStats(id);
    firstCalls.push(performance.now() - t);
  }
  console.log(
    `stats  first call per VM (${ids.length} VMs)             median ${ms(median(firstCalls))}, ` +
      `max ${ms(Math.max(...firstCalls))} (target <= 50 ms); floor FFI one-VM stats median ${
        ms(median(statsFloor))
      }`,
  );

  // 4. Database size: an hour of raw samples at the 5 s tick, then its rollups.
  const db = history.store.db;
  db.exec("DELETE FROM samples_raw; DELETE FROM samples_1m; DELETE FROM samples_1h;");
  db.exec("DELETE FROM rollup_state");
  const vms = history.sources().filter((s) => s.uuid !== "host");
  const start = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
  const sample = (vmId: string, name: string, k: number) => ({
    vmId,
    name,
    cpu: (k * 7) % 100,
    memUsedMb: 300 + (k % 50),
    memTotalMb: 512,
    diskRead: k * 997 % 5_000_000,
    diskWrite: k * 331 % 2_000_000,
    netRx: k * 113 % 1_000_000,
    netTx: k * 71 % 500_000,
  });
  let k = 0;
  for (let t = start; t < start + HOUR; t += 5000) {
    history.record(
      t,
      { cpu: 20, memUsedMb: 8000, memTotalMb: 16000 },
      vms.map((v) => sample(v.uuid, v.name, k++)),
    );
  }
  const tableBytes = () =>
    Object.fromEntries(
      db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name").all()
        .map((r) => [String(r.name), Number(r.bytes)]),
    );
  const rawHourBytes = tableBytes().samples_raw;

  // Rollup lag: a whole hour's minutes and the hour itself, for every VM at once.
  const rollupLags = await lagDuring(() => history.rollup(start + HOUR + 60_000));
  const sizes = tableBytes();
  const perVm = (bytes: number) => bytes / (VMS + 1);
  const rawDay = perVm(rawHourBytes) * 24;
  const minuteDay = perVm(sizes.samples_1m) * 24;
  const hourDay = perVm(sizes.samples_1h) * 24;
  const policy = m.settings().policy;
  const footprint = perVm(rawHourBytes) * policy.rawHours + minuteDay * policy.minuteDays +
    hourDay * policy.hourDays;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(
    `\ndb     per VM per day written: raw ${kb(rawDay)}, 1-minute ${kb(minuteDay)}, 1-hour ${
      kb(hourDay)
    }`,
  );
  console.log(
    `db     per VM kept with the default policy (raw ${policy.rawHours} h, 1-minute ${policy.minuteDays} d, ` +
      `1-hour ${policy.hourDays} d): ${kb(footprint)}; for ${VMS} VMs ${
        (footprint * VMS / 1024 ** 2).toFixed(0)
      } MiB`,
  );

  // Clean-up lag: deleting that hour of raw samples for every VM.
  const cleanupLags = await lagDuring(() =>
    history.cleanup(policy, start + HOUR + (policy.rawHours + 1) * HOUR, {
      raw: true,
      rollups: false,
    })
  );
  const allLags = [...tickLags, ...rollupLags, ...cleanupLags];
  console.log(
    `\nlag    event loop while ticking: p99 ${ms(pct(tickLags, 0.99))}, max ${
      ms(Math.max(...tickLags))
    }`,
  );
  console.log(
    `lag    while rolling up an hour: p99 ${ms(pct(rollupLags, 0.99))}, max ${
      ms(Math.max(...rollupLags))
    }; while cleaning: p99 ${ms(pct(cleanupLags, 0.99))}, max ${ms(Math.max(...cleanupLags))}`,
  );
  console.log(`lag    all together p99 ${ms(pct(allLags, 0.99))} (target <= 20 ms)`);

  // 5. A 30-day graph over HTTP with 30 days of hourly rows for every VM.
  const insert = db.prepare(
    `INSERT OR REPLACE INTO samples_1h (source, ts, n_cpu, n_mem, n_disk, n_net, cpu, cpu_max,
      mem_used, mem_used_max, mem_total, disk_rd, disk_rd_max, disk_wr, disk_wr_max, net_rx,
      net_rx_max, net_tx, net_tx_max)
     VALUES (?, ?, 720, 120, 120, 720, ?, ?, 300, 400, 512, 1000, 2000, 1000, 2000, 10, 20, 10, 20)`,
  );
  const now = Date.now();
  history.store.write(() => {
    for (const v of vms) {
      for (let t = now - 30 * DAY; t < now; t += HOUR) {
        insert.run(v.id, Math.floor(t / 1000 / 3600) * 3600, (t / HOUR) % 1000, 1000);
      }
    }
  });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    createApp(ctx).fetch,
  );
  try {
    const url = `http://127.0.0.1:${server.addr.port}/api/vms/${
      vms[VMS >> 1].uuid
    }/metrics?range=30d`;
    // Over real HTTP with an admin API token: the sign-in check is part of the time.
    const headers = { authorization: `Bearer ${adminToken(ctx)}` };
    const times: number[] = [];
    let points = 0;
    for (let i = 0; i < 55; i++) {
      const t = performance.now();
      const body = await (await fetch(url, { headers })).json();
      if (i >= 5) times.push(performance.now() - t);
      points = body.t.length;
    }
    console.log(
      `\ngraph  GET 30-day series (${points} points, ${VMS} VMs in a ${
        (history.sizeBytes() / 1024 ** 2).toFixed(0)
      } MiB database): median ${ms(median(times))}, p95 ${ms(pct(times, 0.95))} (target <= 50 ms)`,
    );
  } finally {
    await server.shutdown();
  }
  // 6. Guest detail and the agent heartbeat: neither touches the stats tick (its calls are
  // printed above). A heartbeat round's libvirt calls (these VMs have no agent channel: the
  // first round reads each one's XML once, later rounds list only), then the sampler's cost at
  // its cap (16 watched VMs of 64 guest CPUs, every 10 s): storing one round of samples, an
  // hour of them rolled up, and the bytes one watched VM adds per hour.
  const counted: Record<string, number> = {};
  const realCall = client.call.bind(client);
  client.call = ((op: string, ...args: unknown[]) => {
    counted[op] = (counted[op] ?? 0) + 1;
    return (realCall as (op: string, ...a: unknown[]) => Promise<unknown>)(op, ...args);
  }) as typeof client.call;
  const roundCalls = async () => {
    for (const k of Object.keys(counted)) delete counted[k];
    const t = performance.now();
    await ctx.heartbeat.round();
    const took = performance.now() - t;
    return `${Object.entries(counted).map(([k, v]) => `${k} ${v}`).join(", ")} in ${ms(took)}`;
  };
  console.log(`
beat   heartbeat round, ${VMS} VMs: first ${await roundCalls()}`);
  console.log(`beat   heartbeat round, ${VMS} VMs: later ${await roundCalls()}`);
  client.call = realCall;
  const { WATCHED_MAX } = await import("../lib/metrics/guest_sampler.ts");
  const guestSample = (k: number) => ({
    cpus: Array.from({ length: 64 }, (_, id) => ({ id, busyPercent: (k * 7 + id) % 100 })),
    memoryMb: {
      usedMb: 300 + k % 50,
      buffersMb: 20,
      cachedMb: 200,
      freeMb: 400,
      availableMb: 600,
      totalMb: 1024,
      swapUsedMb: 0,
      swapTotalMb: 512,
    },
  });
  const watched = vms.slice(0, WATCHED_MAX);
  const guestStart = start + 2 * HOUR;
  const storeTimes: number[] = [];
  const guestLags = await lagDuring(async () => {
    for (let t = guestStart, k = 0; t < guestStart + HOUR; t += 10_000, k++) {
      const began = performance.now();
      for (const v of watched) history.recordGuest(t, v.uuid, v.name, guestSample(k));
      storeTimes.push(performance.now() - began);
      await new Promise((r) => setTimeout(r, 0));
    }
  });
  const guestBytes = tableBytes().guest_raw ?? 0;
  const guestRollupLags = await lagDuring(() => history.rollup(guestStart + HOUR + 60_000));
  console.log(
    `guest  one sampling round, ${WATCHED_MAX} VMs x 64 CPUs stored: median ${
      ms(median(storeTimes))
    }, p95 ${ms(pct(storeTimes, 0.95))}; event loop p99 ${ms(pct(guestLags, 0.99))}`,
  );
  console.log(
    `guest  an hour of it rolled up: lag p99 ${ms(pct(guestRollupLags, 0.99))}, max ${
      ms(Math.max(...guestRollupLags))
    }; raw bytes per watched VM-hour ${kb(guestBytes / WATCHED_MAX)}`,
  );

  // 7. GET /metrics (Prometheus) while one remote host hangs (it accepts and never answers) and
  // another is down, beside the same scrape before they were added: neither may hold it up.
  const scrapeApp = createApp(ctx);
  const admin = { authorization: `Bearer ${adminToken(ctx)}` };
  const scrapes = async (rounds: number) => {
    const times: number[] = [];
    for (let i = 0; i < rounds + 3; i++) {
      const t = performance.now();
      const res = await scrapeApp.request("http://localhost/metrics", { headers: admin });
      if (res.status !== 200) throw new Error(`GET /metrics: ${res.status}`);
      await res.text();
      if (i >= 3) times.push(performance.now() - t);
    }
    return times;
  };
  await m.collector.tick();
  const noneHung = await scrapes(TICKS);
  const dead = deadHosts();
  const remote = [["silent", dead.silentUri], ["gone", dead.goneUri]] as const;
  try {
    for (const [name, uri] of remote) {
      const res = await scrapeApp.request("http://localhost/api/hosts", {
        method: "POST",
        headers: { ...admin, "content-type": "application/json" },
        body: JSON.stringify({ name, uri }),
      });
      if (res.status !== 201) throw new Error(`adding ${name}: ${res.status} ${await res.text()}`);
    }
    await until(() => dead.held.length > 0 && !!ctx.hosts.get("gone").client.state.error);
    const oneHung = await scrapes(TICKS);
    console.log(
      `\nfleet  GET /metrics, a host hung and one down: median ${ms(median(oneHung))}, p95 ${
        ms(pct(oneHung, 0.95))
      }; floor, no other host: median ${ms(median(noneHung))}, p95 ${ms(pct(noneHung, 0.95))}`,
    );
  } finally {
    for (const [name] of remote) {
      await (await scrapeApp.request(`http://localhost/api/hosts/${name}`, {
        method: "DELETE",
        headers: admin,
      })).body?.cancel();
    }
    dead.close();
  }
  void dataDir;
});

if (values["frozen-libvirtd"]) await frozenLibvirtd();

/** Waits for `cond`, 10 s at most. */
async function until(cond: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not met in 10 s");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * 8. A VM's metric history by UUID and by name over the API, and the pages /, /vms and the VM's,
 * while its libvirtd is frozen (SIGSTOP), beside the same requests with it running. On a
 * libvirtd of the bench's own (scripts/second-libvirtd.sh, its own state folder and port),
 * thawed and stopped afterwards.
 */
async function frozenLibvirtd(): Promise<void> {
  const script = new URL("../scripts/second-libvirtd.sh", import.meta.url).pathname;
  const base = "/tmp/kvmm-bench-frozen-libvirtd";
  const env = {
    KVMM_MIG_BASE: base,
    KVMM_MIG_PORT: "16619",
    KVMM_MIG_HOST_UUID: "6b766d6d-2d62-656e-6368-000000000008",
  };
  const guest = "kvmm-bench-frozen";
  const sh = async (program: string, ...args: string[]) => {
    const out = await new Deno.Command(program, { args, env, stdout: "piped", stderr: "piped" })
      .output();
    const text = (b: Uint8Array) => new TextDecoder().decode(b).trim();
    if (!out.success) throw new Error(`${program} ${args.join(" ")}: ${text(out.stderr)}`);
    return text(out.stdout);
  };
  const uri = (await sh("bash", script, "start")).split("\n").pop()!;
  let frozen: number | null = null;
  try {
    const xml = await Deno.makeTempFile({ suffix: ".xml" });
    await Deno.writeTextFile(
      xml,
      `<domain type='qemu'><name>${guest}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
        <os><type arch='x86_64'>hvm</type></os><devices><memballoon model='none'/></devices>
      </domain>`,
    );
    await sh("virsh", "-c", uri, "define", xml).finally(() => Deno.remove(xml));
    await sh("virsh", "-c", uri, "start", guest);
    const uuid = await sh("virsh", "-c", uri, "domuuid", guest);
    const c = createContext(
      {
        uri,
        uriSource: "flag",
        demo: true,
        listen: { hostname: "127.0.0.1", port: 0 },
        dataDir: "/nonexistent",
      },
      { features: FEATURES, store: openStore(null) },
    );
    try {
      if (!await c.client.connect()) throw new Error(`cannot open ${uri}`);
      const app = createApp(c.ctx);
      const headers = { authorization: `Bearer ${adminToken(c.ctx)}` };
      await until(() => c.ctx.events.idOf(guest) === uuid);
      await c.ctx.monitoring.collector.tick();
      const samples = async (id: string) => {
        const out: number[] = [];
        for (let i = 0; i < TICKS + 3; i++) {
          const t = performance.now();
          const res = await app.request(`http://localhost/api/vms/${id}/metrics`, { headers });
          const body = await res.json();
          if (res.status !== 200 || body.vmId !== uuid) {
            throw new Error(`metrics by ${id}: ${res.status} ${JSON.stringify(body)}`);
          }
          if (i >= 3) out.push(performance.now() - t);
        }
        return out;
      };
      const both = async () =>
        `by UUID median ${ms(median(await samples(uuid)))}, by name median ${
          ms(median(await samples(guest)))
        }`;
      // A page waits its PAGE_WAIT_MS (routes/page_data.ts) on a libvirtd that does not answer,
      // then draws what it knew with the notice: a few runs each, to keep the freeze short.
      const pages = async (stale: boolean) => {
        const out: string[] = [];
        for (const path of ["/", "/vms", `/vms/${uuid}`]) {
          const times: number[] = [];
          for (let i = 0; i < 3; i++) {
            const t = performance.now();
            const res = await app.request(`http://localhost${path}`, { headers });
            const html = await res.text();
            if (res.status !== 200 || (stale && !html.includes('id="stale-notice"'))) {
              throw new Error(`page ${path}: ${res.status}${stale ? ", no stale notice" : ""}`);
            }
            times.push(performance.now() - t);
          }
          out.push(`${path.replace(uuid, ":id")} ${ms(median(times))}`);
        }
        return `median ${out.join(", ")}`;
      };
      const running = await both();
      const runningPages = await pages(false);
      frozen = Number((await Deno.readTextFile(`${base}/run/libvirtd.pid`)).trim());
      if ((await Deno.readTextFile(`/proc/${frozen}/comm`)).trim() !== "libvirtd-mig") {
        throw new Error(`pid ${frozen} is not the bench's libvirtd-mig`);
      }
      Deno.kill(frozen, "SIGSTOP");
      const stopped = await both();
      const stoppedPages = await pages(true);
      console.log(`\nfrozen GET /api/vms/:id/metrics, libvirtd frozen (SIGSTOP): ${stopped}`);
      console.log(`${"floor  the same, libvirtd running:".padEnd(60)}${running}`);
      console.log(`${"frozen pages, libvirtd frozen (SIGSTOP):".padEnd(60)}${stoppedPages}`);
      console.log(`${"floor  the same, libvirtd running:".padEnd(60)}${runningPages}`);
    } finally {
      if (frozen !== null) Deno.kill(frozen, "SIGCONT");
      await c.close();
    }
  } finally {
    await sh("bash", script, "stop");
    await Deno.remove(base, { recursive: true });
  }
}
