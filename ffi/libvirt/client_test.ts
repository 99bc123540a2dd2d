import { assert, assertEquals, assertMatch, assertRejects } from "../../tests/support/assert.ts";
import {
  type ConnectionState,
  LibvirtClient,
  type LifecycleEvent,
  MAX_ABANDONED_OPENS,
  pickLane,
  reconnectDelay,
} from "./client.ts";
import { callPool } from "./call_pool.ts";
import { clientLimits, firstDeadline } from "./call_policy.ts";
import { ErrorCode, LibvirtError } from "./error.ts";
import { Lane, NotStarted } from "./lane.ts";
import type { MetricsReading } from "./ops/metrics.ts";
import { writeTestNode } from "../../tests/support/test_node.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withClient(fn: (client: LibvirtClient) => Promise<void>) {
  const client = new LibvirtClient({ uri: "test:///default" });
  try {
    assert(await client.connect(), "connects to test:///default");
    await fn(client);
  } finally {
    await client.close();
  }
}

Deno.test("client - lists the demo domain with one bulk stats call", async () => {
  await withClient(async (client) => {
    const list = await client.call("domainList");
    assertEquals(list.length, 1);
    assertEquals(list[0].name, "test");
    assertEquals(list[0].params["state.state"], 1);
  });
});

Deno.test("client - two concurrent failing calls each get their own error", async () => {
  await withClient(async (client) => {
    // Run many pairs so both workers are busy at once; each must report its own code.
    for (let i = 0; i < 20; i++) {
      const [missing, invalid] = await Promise.allSettled([
        client.call("domainGet", "no-such-vm-" + i),
        client.call("domainAction", "test", "create"), // "test" is already running
      ]);
      assertEquals(missing.status, "rejected");
      assertEquals(invalid.status, "rejected");
      const a = (missing as PromiseRejectedResult).reason as LibvirtError;
      const b = (invalid as PromiseRejectedResult).reason as LibvirtError;
      assertEquals(a.code, ErrorCode.NO_DOMAIN, a.message);
      // The test driver reports "already running" as INTERNAL_ERROR.
      assertEquals(b.code, ErrorCode.INTERNAL_ERROR, b.message);
      assertMatch(b.message, /already running/);
      assertMatch(a.message, /Domain not found/);
    }
  });
});

Deno.test("client - a metrics reading made off the JS thread reads its own errors while other calls fail", async () => {
  await withClient(async (client) => {
    // The test driver has no virNodeGetMemoryStats: the reading must see NO_SUPPORT (and fall
    // back to node info) from its own connection, never the NO_DOMAIN of a call beside it.
    for (let i = 0; i < 20; i++) {
      const [reading, missing] = await Promise.allSettled([
        client.readMetrics(i % 2 === 0),
        client.call("domainGet", "no-such-vm-" + i),
      ]);
      assertEquals(reading.status, "fulfilled", String((reading as PromiseRejectedResult).reason));
      const { hostMemory } = (reading as PromiseFulfilledResult<MetricsReading>).value;
      assert(hostMemory.totalKiB > 0 && hostMemory.freeKiB > 0, JSON.stringify(hostMemory));
      const err = (missing as PromiseRejectedResult).reason as LibvirtError;
      assertEquals(err.code, ErrorCode.NO_DOMAIN, err.message);
    }
  });
});

Deno.test("client - hosts share the call workers: started on demand, a second while the first is busy, none once idle", async () => {
  const pool = callPool("calls");
  const idleWorkerMs = pool.options.idleWorkerMs;
  pool.options.idleWorkerMs = 200;
  const clients = [0, 1, 2].map(() => new LibvirtClient({ uri: "test:///default" }));
  try {
    for (const client of clients) assert(await client.connect(), "connects to test:///default");
    // Events come by the process's one event loop, into this isolate: no worker for them; and
    // a host's calls run on the process's workers, so three hosts hold no isolate of their own.
    assertEquals(clients.map((c) => c.isolates), [0, 0, 0]);
    assertEquals(pool.isolates, 0, "connected, no call yet: no call worker");
    // The collector's reading is made from this thread, off it: still no worker.
    const reading = await clients[0].readMetrics(true);
    assertEquals(reading.domains.map((d) => d.name), ["test"]);
    assert(reading.hostCpu && reading.hostThreads! > 0, JSON.stringify(reading));
    assertEquals(pool.isolates, 0, "a metrics reading needs no call worker");
    // Nor does asking which domains run (the agents' heartbeat, every 30 s).
    assertEquals(await clients[0].read("runningDomainIds"), [reading.domains[0].uuid]);
    assertEquals(pool.isolates, 0, "the running domains need no call worker");
    // Nor do the events' snapshot after a connection and the host check's facts.
    const states = await clients[0].read("domainStates");
    assertEquals(states.map((d) => [d.name, d.params["state.state"]]), [["test", 1]]);
    const facts = await clients[0].read("hostCheckFacts");
    assertEquals([facts.type, facts.networks, facts.pools], [
      "TEST",
      [{ name: "default", active: true }],
      [{ name: "default-pool", active: true }],
    ]);
    assertEquals(pool.isolates, 0, "the snapshot and the host check's facts need no call worker");
    await clients[0].call("domainList");
    await clients[1].call("domainList");
    assertEquals(pool.isolates, 1, "one call at a time needs one worker");
    await Promise.all(clients.map((c) => c.call("domainList")));
    assert(pool.isolates >= 2, "calls at once: more call workers");
    for (let i = 0; i < 100 && pool.isolates > 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assertEquals(pool.isolates, 0, "idle: no call worker");
    assertEquals((await clients[2].call("domainList")).length, 1, "and a call starts one again");
    assertEquals(pool.isolates, 1);
  } finally {
    for (const client of clients) await client.close();
    pool.options.idleWorkerMs = idleWorkerMs;
  }
  for (let i = 0; i < 50 && pool.isolates > 0; i++) await new Promise((r) => setTimeout(r, 10));
  assertEquals(pool.isolates, 0, "no host left: no call worker");
});

Deno.test("client - the running domains (neither paused nor shut off ones) and every domain's state, on a private test node too", async () => {
  const node = await writeTestNode([
    { name: "up", runstate: 1 },
    { name: "paused", runstate: 3 },
    { name: "off", runstate: 5 },
    { name: "up-too", runstate: 1 },
  ]);
  const client = new LibvirtClient({ uri: node.uri });
  try {
    assert(await client.connect(), `connects to ${node.uri}`);
    const byName = new Map((await client.call("domainList")).map((d) => [d.name, d.uuid]));
    assertEquals(
      (await client.read("runningDomainIds")).sort(),
      [byName.get("up"), byName.get("up-too")].sort(),
    );
    // The events' snapshot: every domain's state, read the same way.
    assertEquals(
      (await client.read("domainStates")).map((d) => [d.name, d.params["state.state"]]).sort(),
      [["off", 5], ["paused", 3], ["up", 1], ["up-too", 1]],
    );
  } finally {
    await client.close();
    await node.remove();
  }
});

Deno.test("client - lifecycle events arrive as JavaScript events", async () => {
  await withClient(async (client) => {
    const seen: LifecycleEvent[] = [];
    const got = new Promise<void>((resolve) => {
      client.addEventListener("lifecycle", (e) => {
        seen.push((e as CustomEvent<LifecycleEvent>).detail);
        if (seen.length >= 2) resolve();
      });
    });
    await client.call("domainAction", "test", "suspend");
    await client.call("domainAction", "test", "resume");
    await got;
    assertEquals(seen.map((e) => e.event), [3, 4]); // SUSPENDED, RESUMED
    assertEquals(seen[0].name, "test");
  });
});

Deno.test("client - clients share the one event loop: closing one leaves the other's events flowing", async () => {
  const first = new LibvirtClient({ uri: "test:///default" });
  const second = new LibvirtClient({ uri: "test:///default" });
  try {
    assert(await first.connect() && await second.connect(), "both connect");
    await first.close();
    const seen: number[] = [];
    const got = new Promise<void>((resolve) => {
      second.addEventListener("lifecycle", (e) => {
        seen.push((e as CustomEvent<LifecycleEvent>).detail.event);
        if (seen.length >= 2) resolve();
      });
    });
    await second.call("domainAction", "test", "suspend");
    await second.call("domainAction", "test", "resume");
    await got;
    assertEquals(seen, [3, 4]); // SUSPENDED, RESUMED
  } finally {
    await first.close();
    await second.close();
  }
});

Deno.test("client - a call while disconnected rejects with NO_CONNECT", async () => {
  const client = new LibvirtClient({ uri: "qemu+unix:///system?socket=/nonexistent/sock" });
  try {
    assertEquals(await client.connect(), false);
    assertEquals(client.state.connected, false);
    const err = await assertRejects(() => client.call("domainList"), LibvirtError);
    assertEquals(err.code, ErrorCode.NO_CONNECT);
  } finally {
    await client.close();
  }
});

Deno.test("client - reconnect attempts wait 0.5 s, doubling up to 5 s", () => {
  const limits = { reconnectMs: 500, reconnectMaxMs: 5000 };
  assertEquals(
    [0, 1, 2, 3, 4, 5, 60].map((n) => reconnectDelay(n, limits)),
    [500, 1000, 2000, 4000, 5000, 5000, 5000],
  );
});

// CI's first list of a fresh libvirtd took ~750 ms, so the next list's first try got 3 s of a
// 3 s deadline and its retry 3 s more: a caller waited 6 s.
Deno.test("client - a stats call's first try takes at most half its deadline; others the whole", () => {
  const limits = clientLimits({
    uri: "test:///default",
    callTimeoutMs: 3000,
    statsTimeoutMs: 1000,
  });
  assertEquals(
    [undefined, 100, 300, 750, 5000].map((took) => firstDeadline("domainList", 3000, limits, took)),
    [1000, 1000, 1200, 1500, 1500],
  );
  assertEquals(firstDeadline("domainGet", 3000, limits, 750), 3000);
});

/**
 * A unix socket that accepts and never answers, like a libvirtd stopped with SIGSTOP.
 * `release()` closes it, which makes every waiting virConnectOpen fail.
 */
function silentDaemon() {
  const path = Deno.makeTempFileSync({ prefix: "kvmm-silent-", suffix: ".sock" });
  Deno.removeSync(path);
  const listener = Deno.listen({ transport: "unix", path });
  const accepted: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of listener) accepted.push(conn);
  })().catch(() => {});
  return {
    uri: `qemu+unix:///system?socket=${path}`,
    /** Connections accepted so far: one per open libvirt made. */
    get accepted() {
      return accepted.length;
    },
    /** Closes the `n`th connection: the open waiting on it fails. */
    drop(n: number) {
      accepted[n].close();
    },
    async release() {
      listener.close();
      for (const c of accepted) {
        try {
          c.close();
        } catch { /* dropped before */ }
      }
      await accepting;
      await Deno.remove(path).catch(() => {});
    },
  };
}

Deno.test("client - connect stops waiting on a libvirtd that never answers; calls fail at once", async () => {
  const daemon = silentDaemon();
  const client = new LibvirtClient({ uri: daemon.uri, connectTimeoutMs: 500 });
  try {
    const states: ConnectionState[] = [];
    client.addEventListener("connection", (e) => states.push((e as CustomEvent).detail));
    // Not before its 0.5 s, and the words name that deadline: it ended the wait, not libvirt.
    const started = Date.now();
    assertEquals(await client.connect(), false);
    const waited = Date.now() - started;
    assert(waited >= 450, `connect gave up after ${waited} ms`);
    assertEquals(client.state.connected, false);
    assertMatch(client.state.error!, /did not answer within 0.5 s/);
    assertEquals(states.length, 1, "the UI hears why");

    // The open was given up, not waited for: others follow (0.5 s, then 1 s later), each given
    // up in turn, until MAX_ABANDONED_OPENS are; the one then in flight is waited for.
    const opens = 1 + MAX_ABANDONED_OPENS;
    for (let i = 0; i < 100 && daemon.accepted < opens; i++) await sleep(50);
    assertEquals(daemon.accepted, opens, "opens tried");
    await sleep(2500);
    assertEquals(daemon.accepted, opens, "no more while they hang");
    assertEquals(states.length, 1, "the same words each time");
    // One given up returns (its connection dropped): the open waited for is given a deadline
    // again, given up in turn, and another is tried.
    daemon.drop(0);
    for (let i = 0; i < 160 && daemon.accepted < opens + 1; i++) await sleep(50);
    assertEquals(daemon.accepted, opens + 1, "one more once one returned");

    // A call while disconnected does not wait: it is refused, with the known reason, before a
    // timer of 0 ms fires, so it went neither to the daemon nor to a worker.
    const settled: string[] = [];
    const timer = new Promise<void>((r) => setTimeout(() => r(void settled.push("timer")), 0));
    const refused = client.call("domainList").finally(() => settled.push("call"));
    const err = await assertRejects(() => refused, LibvirtError);
    await timer;
    assertEquals(err.code, ErrorCode.NO_CONNECT);
    assertMatch(err.message, /did not answer within 0.5 s/);
    assertEquals(settled, ["call", "timer"]);
  } finally {
    await daemon.release();
    await client.close();
  }
});

Deno.test("client - pickLane: least busy first, round-robin among equals, never a stuck lane", () => {
  const lanes = [
    { id: "a", busy: 0, stuck: false },
    { id: "b", busy: 0, stuck: false },
    { id: "c", busy: 1, stuck: false },
  ];
  // Before, ties always went to lanes[0], so calls piled onto one lane.
  assertEquals([0, 1, 2, 3].map((turn) => pickLane(lanes, turn)!.id), ["a", "b", "a", "a"]);
  lanes[0].busy = 1;
  lanes[0].stuck = true;
  lanes[1].busy = 2;
  assertEquals([0, 1, 2].map((turn) => pickLane(lanes, turn)!.id), ["c", "c", "c"]);
  lanes[2].stuck = true;
  lanes[1].stuck = true;
  assertEquals(pickLane(lanes, 0), undefined);
});

Deno.test("client - pickLane: a lane on a long call (a disk copy) only when no other is free", () => {
  const lanes = [
    { id: "copying", busy: 1, stuck: false, long: true },
    { id: "queued", busy: 3, stuck: false, long: false },
  ];
  // A short call waits behind three short ones rather than behind a copy of minutes.
  assertEquals([0, 1].map((turn) => pickLane(lanes, turn)!.id), ["queued", "queued"]);
  lanes[1].stuck = true;
  assertEquals(pickLane(lanes, 0)!.id, "copying");
});

/** A Lane over a stand-in thread that answers when the test says so. */
function fakeLane() {
  const posted: { id: number; op?: string }[] = [];
  const worker = {
    postMessage: (m: { id: number; op?: string }) => posted.push(m),
    terminate() {},
  };
  const lane = new Lane(worker as unknown as Worker);
  const answer = (value: unknown) => lane.settle({ id: posted.at(-1)!.id, ok: true, value });
  return { lane, posted, answer };
}

const call = (op: string) => ({ type: "call" as const, op, args: [] });

Deno.test("lane - a deadline counts from when the thread gets the call, not from the queue", async () => {
  const { lane, posted, answer } = fakeLane();
  const first = lane.send(call("slow"), 5000);
  // A deadline of 100 ms once started; it may wait up to 5 s for the thread.
  const second = lane.send(call("quick"), 100, 5000);
  assertEquals(posted.map((m) => m.op), ["slow"], "one request at a time");
  await new Promise((r) => setTimeout(r, 300)); // longer than the second call's deadline
  answer("slow done");
  assertEquals(await first, "slow done");
  assertEquals(posted.map((m) => m.op), ["slow", "quick"]);
  answer("quick done");
  assertEquals(await second, "quick done");
  assertEquals(lane.busy, 0);
});

Deno.test("lane - past a deadline the lane is stuck and hands back what it had not started", async () => {
  const { lane, posted, answer } = fakeLane();
  let stuck = 0;
  lane.onStuck = () => stuck++;
  const hung = lane.send(call("hung"), 50);
  const queued = lane.send(call("queued"), 5000).catch((e) => e);
  const err = await assertRejects(() => hung, LibvirtError);
  assertEquals(err.code, ErrorCode.DEADLINE_EXCEEDED);
  const moved = await queued;
  assert(moved instanceof NotStarted && moved.reason === "stuck", String(moved));
  assertEquals([stuck, lane.stuck, lane.busy], [1, true, 1]);
  assertEquals(posted.map((m) => m.op), ["hung"], "the queued call never reached the thread");
  const refused = await assertRejects(() => lane.send(call("later")), NotStarted);
  assertEquals(refused.reason, "stuck");
  answer("late"); // libvirt returns at last: the lane serves again
  assertEquals([lane.stuck, lane.busy], [false, 0]);
  const after = lane.send(call("after"), 1000);
  answer("ok");
  assertEquals(await after, "ok");
});
