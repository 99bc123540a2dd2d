// Benchmark: what VM screen thumbnails cost, on 1,000 running test-driver VMs, beside the raw
// libvirt floor measured in this same run.
//   deno run -A bench/thumbnails.ts [--vms N] [--seconds N]
// Prints the screenshots libvirt is asked for (1) with no browser at all while the server runs
// its collector and events, (2) with one VM list page of 50 visible rows whose user sweeps the
// pointer over every row, each rest long enough to peek (the worst a list page can do), and
// (3) with one VM's Summary open (its Screen card); the sweep lasts a minute, the window the
// app-wide cap counts in, whatever --seconds says; then the time of one thumbnail through the
// API against one raw virDomainScreenshot through FFI on this thread, and how late the event loop
// ran meanwhile (the collector's ticks, every BENCH_STATS seconds, default 5, count in it too).

import { parseArgs } from "node:util";
import { Connection } from "../ffi/libvirt/connection.ts";
import { screenshot } from "../ffi/libvirt/display.ts";
import { startServer } from "../main.ts";
import { writeTestNode } from "../tests/support/test_node.ts";
import { adminToken } from "../tests/harness/test_app.ts";
import { screensFeature } from "../lib/consoles/screens_feature.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { vms: { type: "string", default: "1000" }, seconds: { type: "string", default: "30" } },
});
const VMS = Number(values.vms);
const SECONDS = Number(values.seconds);
/** What the list's peek waits before it asks (islands/shell/screen_peek.ts REST_MS) and a bit. */
const REST_MS = 400;
const ROWS = 50;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const perMinute = (n: number, ms: number) => (n * 60_000 / ms).toFixed(0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const node = await writeTestNode(
  Array.from({ length: VMS }, (_, i) => ({
    name: `vm-${String(i).padStart(4, "0")}`,
    runstate: 1 as const,
    vcpus: 1,
    memoryMb: 512,
  })),
);
const dataDir = await Deno.makeTempDir({ prefix: "kvmm-bench-thumbs-" });
const server = await startServer({
  uri: node.uri,
  uriSource: "flag",
  demo: true,
  listen: { hostname: "127.0.0.1", port: 0 },
  tls: { mode: "off" },
  dataDir,
  statsInterval: Number(Deno.env.get("BENCH_STATS") ?? 5),
}, { quiet: true });
try {
  const { ctx } = server;
  const headers = { authorization: `Bearer ${adminToken(ctx)}` };
  const vms = (await (await fetch(`${server.url}/api/vms`, { headers })).json()) as {
    id: string;
  }[];
  const thumbnail = async (id: string, width = 240) => {
    const res = await fetch(`${server.url}/api/vms/${id}/screenshot?width=${width}`, { headers });
    await res.arrayBuffer();
    return res.status;
  };
  console.log(`Thumbnail benchmark, ${vms.length} running VMs (test driver), ${SECONDS} s each\n`);

  // 1. Nobody looks: the collector ticks and events flow, and no screen is read.
  let before = ctx.features.get(screensFeature).taken;
  await sleep(SECONDS * 1000);
  console.log(
    `no browser:            ${
      ctx.features.get(screensFeature).taken - before
    } screenshot calls in ${SECONDS} s ` +
      `(target 0)`,
  );

  // 2. A list page of 50 visible rows, its pointer resting on one row after another, round and
  // round: each rest is one peek request (the page's own 10 s memory of an image is left out,
  // so this is more than a real page would ask).
  before = ctx.features.get(screensFeature).taken;
  const statuses = new Map<number, number>();
  // A whole minute, the window the cap counts in.
  let began = performance.now();
  for (let i = 0; performance.now() - began < 60_000; i++) {
    const status = await thumbnail(vms[i % ROWS].id);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    await sleep(REST_MS);
  }
  let took = performance.now() - began;
  const asked = [...statuses.values()].reduce((a, b) => a + b, 0);
  console.log(
    `list, ${ROWS} rows swept:   ${
      ctx.features.get(screensFeature).taken - before
    } screenshot calls in ` +
      `${(took / 1000).toFixed(0)} s for ${asked} peeks ` +
      `(answers: ${[...statuses].map(([s, n]) => `${s} ×${n}`).join(", ")}; ` +
      `cap 120 a minute app-wide, one at a time)`,
  );

  // 3. One VM's Summary: its Screen card asks every 10 s.
  await sleep(60_000); // the sweep's minute leaves the budget
  before = ctx.features.get(screensFeature).taken;
  began = performance.now();
  const summaryVm = vms[ROWS + 1].id;
  while (performance.now() - began < SECONDS * 1000) {
    await thumbnail(summaryVm, 480);
    await sleep(10_000);
  }
  took = performance.now() - began;
  console.log(
    `one Summary page:      ${
      perMinute(ctx.features.get(screensFeature).taken - before, took)
    } screenshot calls ` +
      `a minute`,
  );

  // 4. One thumbnail through the API (a VM not asked before: no cached image) beside the raw
  // screenshot on this thread.
  // Meanwhile a 5 ms timer measures how late the server's event loop answers: the image work
  // runs on its own thread, so a request arriving meanwhile should not wait for it.
  const apiTimes: number[] = [];
  let lagMax = 0;
  let startLag = 0;
  let expected = performance.now() + 5;
  const lagTimer = setInterval(() => {
    const now = performance.now();
    lagMax = Math.max(lagMax, now - expected);
    expected = now + 5;
  }, 5);
  for (let i = 0; i < 40; i++) {
    const id = vms[ROWS + 10 + i].id;
    const t = performance.now();
    if (await thumbnail(id) !== 200) throw new Error(`thumbnail of ${id} refused`);
    apiTimes.push(performance.now() - t);
    // The first may start the image worker (stopped after a quiet half minute): told apart.
    if (i === 0) [startLag, lagMax] = [lagMax, 0];
  }
  clearInterval(lagTimer);
  const conn = Connection.open(node.uri);
  const rawTimes: number[] = [];
  try {
    const [dom, ...rest] = conn.listAllDomains();
    rest.forEach((d) => d.free());
    for (let i = 0; i < 40; i++) {
      const t = performance.now();
      using stream = conn.newStream();
      screenshot(dom, stream, 0, 64 * 1024 * 1024);
      rawTimes.push(performance.now() - t);
    }
    dom.free();
  } finally {
    conn.close();
  }
  console.log(
    `one thumbnail:         ${median(apiTimes).toFixed(2)} ms over HTTP (screenshot, decode, ` +
      `shrink to 240 px, PNG) vs raw virDomainScreenshot ${median(rawTimes).toFixed(2)} ms; ` +
      `event-loop lag meanwhile at most ${lagMax.toFixed(1)} ms ` +
      `(${startLag.toFixed(1)} ms during the first, which may start the image worker)`,
  );
} finally {
  await server.close();
  await node.remove();
  await Deno.remove(dataDir, { recursive: true });
}
