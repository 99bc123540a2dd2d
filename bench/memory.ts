// Benchmark: where the server's memory goes, each figure beside the floor measured in this same
// run (an empty Deno process of the same binary).
//   deno task bench:memory [--vms N] [--hosts N]
// Prints the floor, the module graph alone (sources and bundle), the idle server (on this
// machine's libvirtd when it runs: the bundle `deno task start` runs and, for comparison, the
// sources as tests run them; and on a test node), 1,000 VMs with 10 event streams open, and the
// cost of each added host (test-driver URIs, and distinct qemu+unix URIs to this machine's
// libvirtd). Servers run the bundle unless said otherwise. The server's own figures (V8 heap, libvirt isolates, threads) come from its /metrics.

import { parseArgs } from "node:util";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { pathToFileURL } from "node:url";
import { bundleServer } from "../scripts/bundle_server.ts";
import { writeTestNode } from "../tests/support/test_node.ts";
import { type BenchServer, rssMb, startBenchServer } from "./server_process.ts";
import { SYSTEM_SOCKET } from "../lib/config.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { vms: { type: "string", default: "1000" }, hosts: { type: "string", default: "20" } },
});
const VMS = Number(values.vms);
const HOSTS = Number(values.hosts);
const ROOT = new URL("..", import.meta.url).pathname;
/**
 * Long enough for the collector's first two ticks (5 s apart) and for call workers started by
 * the start-up's calls at once to go idle and stop (15 s without a call).
 */
const SETTLE_MS = 22_000;

const LIBVIRT_FLOOR = `
const lib = Deno.dlopen("libvirt.so.0", {
  virConnectOpen: { parameters: ["buffer"], result: "pointer" },
  virConnectNumOfDomains: { parameters: ["pointer"], result: "i32" },
});
const conn = lib.symbols.virConnectOpen(new TextEncoder().encode("qemu:///system\\0"));
if (lib.symbols.virConnectNumOfDomains(conn) < 0) throw new Error("libvirt refused the floor's call");
await new Promise((r) => setTimeout(r, 60_000));`;

/**
 * The libvirt floor after one worker (a V8 isolate on a thread of its own, as the server's call
 * workers are) started and stopped: what Deno keeps of its first worker after it is gone (its code
 * pages and V8's), which an idle server that made one libvirt call through a worker pays.
 */
const WORKER_FLOOR = LIBVIRT_FLOOR.replace(
  "await new Promise",
  `const w = new Worker(URL.createObjectURL(new Blob(["postMessage(1)"], { type: "text/javascript" })), { type: "module" });
await new Promise((r) => w.onmessage = r);
w.terminate();
await new Promise`,
);

const mib = (n: number) => `${n.toFixed(1)} MiB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RSS of a process running `code` under `deno eval` in the project, after it settled. */
async function evalRss(code: string): Promise<number> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", code],
    cwd: ROOT,
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  try {
    await sleep(3000);
    return rssMb(child.pid);
  } finally {
    child.kill("SIGKILL");
    await child.status;
  }
}

interface Figures {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  threads: number;
  isolates: number;
}

/** The server's own figures from its /metrics, with its RSS as /proc tells it. */
async function figures(s: BenchServer): Promise<Figures> {
  const res = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${s.token}` } });
  const families = parsePrometheusTextFormat(await res.text()) as {
    name: string;
    metrics: { value: string }[];
  }[];
  const sum = (name: string) =>
    (families.find((f) => f.name === name)?.metrics ?? []).reduce((a, m) => a + Number(m.value), 0);
  return {
    rss: rssMb(s.pid),
    heapUsed: sum("kvmm_v8_heap_used_bytes") / 2 ** 20,
    heapTotal: sum("kvmm_v8_heap_total_bytes") / 2 ** 20,
    threads: sum("kvmm_process_threads"),
    isolates: sum("kvmm_libvirt_isolates") + sum("kvmm_libvirt_shared_isolates"),
  };
}

/**
 * After the last libvirt call worker stopped: how long V8 takes to give its memory back (about
 * 10 s here; read at once, an idle server showed 110 MiB where it held 95 from then on).
 */
const WORKER_RELEASE_MS = 15_000;

/**
 * The figures once the server is idle: after SETTLE_MS, once no libvirt call worker is alive
 * (each is an isolate of about 10 MiB; on a loaded machine a start-up's workers may still be
 * finishing at SETTLE_MS, which read up to 20 MiB more), and once the last one's memory is back.
 */
async function idleFigures(s: BenchServer): Promise<Figures> {
  await sleep(SETTLE_MS);
  let f = await figures(s);
  for (let i = 0; i < 60 && f.isolates > 0; i++) {
    await sleep(500);
    f = await figures(s);
  }
  await sleep(WORKER_RELEASE_MS);
  return await figures(s);
}

const describe = (f: Figures) =>
  `RSS ${mib(f.rss)}; V8 heap ${mib(f.heapUsed)} used of ${mib(f.heapTotal)}; ` +
  `${f.isolates} libvirt isolates; ${f.threads} threads`;

async function call(s: BenchServer, method: string, path: string, body?: unknown) {
  const res = await fetch(s.url + path, {
    method,
    headers: { authorization: `Bearer ${s.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A server on a test node of `count` VMs, stopped (and its node removed) after `fn`. */
async function onTestNode<T>(count: number, fn: (s: BenchServer) => Promise<T>): Promise<T> {
  const node = await writeTestNode(
    Array.from({ length: count }, (_, i) => ({
      name: `vm-${String(i).padStart(4, "0")}`,
      runstate: (i % 3 === 0 ? 5 : 1) as 1 | 5,
      vcpus: 1 + (i % 4),
      memoryMb: 512,
    })),
  );
  const server = await startBenchServer(node.uri);
  try {
    return await fn(server);
  } finally {
    await server.stop();
    await node.remove();
  }
}

/** Adds `uris` as hosts and waits until every one is connected. */
async function addHosts(s: BenchServer, uris: string[]): Promise<void> {
  for (const [i, uri] of uris.entries()) {
    await call(s, "POST", "/api/hosts", { name: `bench-${i}`, uri });
  }
  for (let i = 0; i < 600; i++) {
    const hosts = await call(s, "GET", "/api/hosts") as { connected: boolean }[];
    if (hosts.every((h) => h.connected)) return;
    await sleep(100);
  }
  throw new Error("the added hosts did not all connect within 60 s");
}

/** What each of `uris`, added as a host, costs: RSS and isolates per host. */
async function perHost(what: string, uris: string[]): Promise<void> {
  await onTestNode(0, async (s) => {
    await sleep(SETTLE_MS);
    const before = await figures(s);
    await addHosts(s, uris);
    await sleep(SETTLE_MS);
    const after = await figures(s);
    const n = uris.length;
    console.log(
      `hosts   +${n} ${what.padEnd(31)} +${mib((after.rss - before.rss) / n)} and ` +
        `+${((after.isolates - before.isolates) / n).toFixed(1)} isolates each ` +
        `(target <= 3 MiB, no isolate); ${describe(after)}`,
    );
  });
}

console.log(`Memory benchmark (RSS as /proc tells it; MiB)\n`);
const floor = await evalRss("await new Promise((r) => setTimeout(r, 60_000));");
console.log(`floor   an empty Deno process                    RSS ${mib(floor)}`);
let hasSystem = false;
try {
  hasSystem = (await Deno.stat(SYSTEM_SOCKET)).isSocket === true;
} catch { /* no libvirtd here */ }
// What no program on this stack can go under: Deno with libvirt loaded and one connection open
// (libvirt's own threads, its libraries and their pages).
const libvirtFloor = hasSystem ? await evalRss(LIBVIRT_FLOOR) : floor;
if (hasSystem) {
  console.log(`floor   Deno + libvirt, connected to qemu:///system  RSS ${mib(libvirtFloor)}`);
  const workerFloor = await evalRss(WORKER_FLOOR);
  console.log(
    `floor   the same after a worker started and stopped RSS ${mib(workerFloor)} ` +
      `(+${mib(workerFloor - libvirtFloor)}, kept for the process's life)`,
  );
}
const serverBundle = await bundleServer({ quiet: true });
for (
  const [what, entry] of [
    ["main.ts (sources)", new URL("../main.ts", import.meta.url).href],
    ["dist/server.js (bundle)", pathToFileURL(serverBundle).href],
  ]
) {
  const code = `await import(${
    JSON.stringify(entry)
  });await new Promise((r) => setTimeout(r, 60_000));`;
  // Measured on a second load: Deno makes V8's code cache of a new or changed module on its first
  // load, which holds some 40 MiB more for that run only (a fresh bundle is such a module).
  await evalRss(code);
  const modules = await evalRss(code);
  console.log(
    `modules ${what}, imported`.padEnd(49) +
      `RSS ${mib(modules)} (+${mib(modules - floor)} over the floor)`,
  );
}

if (hasSystem) {
  // The bundle is what `deno task start` runs; the sources, as the tests run them, for comparison.
  for (const source of [false, true]) {
    // Started once before it is measured, as every start but a new install's first is: Deno
    // keeps V8's code cache of a module for the flags it ran with (the server's are not the
    // module lines' above), and a start that must make it held 106-157 MiB here, not 96.
    await (await startBenchServer("qemu:///system", { source })).stop();
    const s = await startBenchServer("qemu:///system", { source });
    try {
      // Read before listing: a list is a call, which starts a call worker for 15 s.
      const f = await idleFigures(s);
      const vms = (await call(s, "GET", "/api/vms") as unknown[]).length;
      console.log(
        `idle    qemu:///system, ${vms} VMs${source ? ", sources" : ""}`.padEnd(49) +
          `${describe(f)} (targets: <= 100 MiB, issue 59; <= ${mib(libvirtFloor + 25)}, 25 over ` +
          `Deno + libvirt; +${mib(f.rss - floor)} over the floor, ` +
          `+${mib(f.rss - libvirtFloor)} over Deno + libvirt)`,
      );
    } finally {
      await s.stop();
    }
  }
}
await onTestNode(0, async (s) => {
  const f = await idleFigures(s);
  console.log(
    `idle    a test node, 0 VMs`.padEnd(49) +
      `${describe(f)} (+${mib(f.rss - floor)} over the floor)`,
  );
});

await onTestNode(VMS, async (s) => {
  // Ten pages' event streams, held open and read.
  const streams = await Promise.all(
    Array.from(
      { length: 10 },
      () => fetch(`${s.url}/api/events`, { headers: { authorization: `Bearer ${s.token}` } }),
    ),
  );
  const readers = streams.map((r) => r.body!.getReader());
  const draining = readers.map(async (r) => {
    while (!(await r.read().catch(() => ({ done: true }))).done) { /* discard */ }
  });
  try {
    await call(s, "GET", "/api/vms");
    await sleep(SETTLE_MS);
    const f = await figures(s);
    console.log(
      `${VMS}    VMs, 10 event streams open`.padEnd(49) + `${describe(f)} (target <= 128 MiB)`,
    );
  } finally {
    for (const r of readers) await r.cancel().catch(() => {});
    await Promise.all(draining);
  }
});

const nodes = await Promise.all(
  Array.from({ length: HOSTS }, () => writeTestNode([{ name: "far", runstate: 1 }])),
);
try {
  await perHost("test-driver hosts", nodes.map((n) => n.uri));
} finally {
  await Promise.all(nodes.map((n) => n.remove()));
}
if (hasSystem) {
  // Distinct URIs to the one libvirtd. A host URI may name only a libvirt daemon's own sockets
  // (lib/hosts/uri_policy.ts), so the spellings of the two it has, read-write and read-only, are
  // the distinct URIs there are: up to four hosts.
  const sockets = ["/run/libvirt", "/var/run/libvirt"].flatMap((dir) =>
    ["libvirt-sock", "libvirt-sock-ro"].map((name) => `${dir}/${name}`)
  );
  const uris = sockets.slice(0, HOSTS).map((path) => `qemu+unix:///system?socket=${path}`);
  await perHost("qemu+unix hosts", uris);
}
