// kill -9 during store writes: the real server (the bundle users run, `deno run dist/server.js
// serve` on test:///default, built first when its sources changed; it starts in 0.8 s where
// main.ts's thousand modules take 1.3) is started on a data folder, template writes are sent through the HTTP API as fast as four
// clients can, and the process is killed with SIGKILL 0-350 ms after its first acknowledged
// write; 60 times, split over two data folders that run side by side (30 kills each, one
// after another on each folder; the claim is per folder, and a start on this 2-core machine is
// mostly waiting for the CPU, so two lanes take about half the time). After each kill the folder's file must pass
// PRAGMA integrity_check and hold every template whose POST was answered 201, and the next start
// on it must not be degraded.
//
// KVMM_CRASH_KILLS=N runs N kills instead of 60 (more for a longer look at a store change; 200
// until ci75, when the suite stood over its 35 minutes and this file took 5.6 of them).

import { startServeProcess } from "./harness/server_process.ts";
import { DatabaseSync } from "node:sqlite";
import { ApiTokens } from "../lib/auth/tokens.ts";
import { DB_FILE, Store } from "../lib/store.ts";
import { assert, assertEquals } from "./support/assert.ts";
import { longerDeadline } from "./support/test_deadline.ts";
import { bundleServer } from "../scripts/bundle_server.ts";

const KILLS = Number(Deno.env.get("KVMM_CRASH_KILLS") ?? 60);
const WRITERS = 4;
/** Data folders killed side by side; each takes its share of the kills, one after another. */
const LANES = 2;
const TEMPLATE_CONFIG = {
  cpuCount: 1,
  memoryMb: 256,
  diskSizeGb: 1,
  osType: "linux",
  network: "default",
  diskFormat: "qcow2",
  bootMenu: false,
};

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/**
 * startServer on a port that was free a moment ago. Between the check and the server's bind
 * another lane's client may take it as its own source port (the same ephemeral range): then the
 * server exits with AddrInUse, and another port is tried.
 */
async function startOnFreePort(dataDir: string, entry: string) {
  for (let attempt = 1;; attempt++) {
    const port = freePort();
    try {
      return { ...await startServer(dataDir, port, entry), port };
    } catch (err) {
      if (attempt >= 5 || !String((err as Error).message).includes("AddrInUse")) throw err;
    }
  }
}

/** Starts the server and resolves once it says it listens; rejects with its output otherwise. */
async function startServer(dataDir: string, port: number, entry: string) {
  const { child, stderr } = await startServeProcess({
    uri: "test:///default",
    dataDir,
    port,
    timeoutMs: 30_000,
    entry,
  });
  return { child, stderr };
}

interface Tally {
  acknowledged: string[];
  /** Requests that failed when the server was killed (cut off, or refused afterwards). */
  cut: number;
}

/** One client: POSTs templates until the server stops answering. */
async function writer(base: string, token: string, prefix: string, tally: Tally) {
  for (let i = 0;; i++) {
    const name = `${prefix}-${i}`;
    let res: Response;
    try {
      res = await fetch(`${base}/api/templates`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ name, config: TEMPLATE_CONFIG }),
      });
    } catch {
      tally.cut++;
      return;
    }
    const body = await res.text().catch(() => null);
    if (body === null) {
      tally.cut++;
      return;
    }
    if (res.status !== 201) throw new Error(`POST /api/templates: ${res.status} ${body}`);
    tally.acknowledged.push(name);
  }
}

/** Checks the file as the kill left it, through a read-only connection (no checkpoint). */
function checkFile(path: string, acknowledged: string[]): number {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const check = db.prepare("PRAGMA integrity_check").all().map((r) => r.integrity_check);
    assertEquals(check, ["ok"]);
    const names = new Set(
      db.prepare("SELECT name FROM templates").all().map((r) => String(r.name)),
    );
    const missing = acknowledged.filter((name) => !names.has(name));
    assertEquals(missing, [], "acknowledged templates missing after kill -9");
    return names.size;
  } finally {
    db.close();
  }
}

interface Lane {
  tally: Tally;
  rows: number;
  startupMs: number;
}

/** `kills` start/write/kill/check cycles, one after another, on the data folder `dir`. */
async function lane(
  dir: string,
  kills: number,
  name: string,
  running: Set<Deno.ChildProcess>,
  failed: { now: boolean },
  entry: string,
): Promise<Lane> {
  const result: Lane = { tally: { acknowledged: [], cut: 0 }, rows: 0, startupMs: 0 };
  let token: string;
  {
    using store = Store.open(`${dir}/${DB_FILE}`);
    token = new ApiTokens(store).create({ name: "crash-test", owner: "root", role: "admin" })
      .secret;
  }
  for (let kill = 0; kill < kills && !failed.now; kill++) {
    const t0 = performance.now();
    const { child, stderr, port } = await startOnFreePort(dir, entry);
    running.add(child);
    result.startupMs += performance.now() - t0;
    const writers = Array.from(
      { length: WRITERS },
      (_, w) => writer(`http://127.0.0.1:${port}`, token, `${name}k${kill}-w${w}`, result.tally),
    );
    // Killed during writes: once this server has acknowledged one (a loaded machine starts its
    // writers late; a fixed time after listening then kills before any), 0-350 ms later.
    const before = result.tally.acknowledged.length;
    for (let waited = 0; result.tally.acknowledged.length === before && waited < 10_000;) {
      await new Promise((r) => setTimeout(r, 10));
      waited += 10;
    }
    await new Promise((r) => setTimeout(r, Math.random() * 350));
    child.kill("SIGKILL");
    const status = await child.status;
    running.delete(child);
    assertEquals(status.signal, "SIGKILL");
    await Promise.all(writers);
    const errors = await stderr;
    assert(!errors.includes("temporary store"), `the server started degraded:\n${errors}`);
    result.rows = checkFile(`${dir}/${DB_FILE}`, result.tally.acknowledged);
  }
  return result;
}

const NAME = `store crash - ${KILLS} kill -9 during writes: intact, every acknowledged write kept`;
// Sixty servers started and killed: well under a minute alone on a 2-core machine, more beside
// the other lane's browsers (scripts/test_lanes.ts).
longerDeadline(NAME, 600_000);

Deno.test(NAME, async () => {
  const entry = await bundleServer({ quiet: true });
  const top = await Deno.makeTempDir({ prefix: "kvmm-test-crash-" });
  const started = performance.now();
  const running = new Set<Deno.ChildProcess>();
  // A lane that fails stops the others after their current cycle.
  const failed = { now: false };
  try {
    const settled = await Promise.allSettled(
      Array.from({ length: LANES }, async (_, i) => {
        const dir = `${top}/lane${i}`;
        await Deno.mkdir(dir);
        // The first lanes take one more kill each when KILLS does not divide evenly.
        const kills = Math.floor(KILLS / LANES) + (i < KILLS % LANES ? 1 : 0);
        try {
          return await lane(dir, kills, `l${i}`, running, failed, entry);
        } catch (e) {
          failed.now = true;
          throw new Error(`data folder ${i}: ${e instanceof Error ? e.message : e}`, { cause: e });
        }
      }),
    );
    const lost = settled.find((s) => s.status === "rejected");
    if (lost) throw lost.reason;
    const lanes = settled.map((s) => (s as PromiseFulfilledResult<Lane>).value);
    const seconds = (performance.now() - started) / 1000;
    const sum = (f: (l: Lane) => number) => lanes.reduce((n, l) => n + f(l), 0);
    const acknowledged = sum((l) => l.tally.acknowledged.length);
    console.log(
      `${KILLS} kills on ${LANES} data folders in ${seconds.toFixed(1)} s (start-up ` +
        `${(sum((l) => l.startupMs) / KILLS).toFixed(0)} ms each): ${acknowledged} writes ` +
        `acknowledged, ${sum((l) => l.rows)} rows, ${sum((l) => l.tally.cut)} requests failed ` +
        `by a kill`,
    );
    assert(acknowledged >= KILLS, "too few writes got through to test anything");
  } finally {
    for (const child of running) {
      child.kill("SIGKILL");
      await child.status;
    }
    await Deno.remove(top, { recursive: true });
  }
});
