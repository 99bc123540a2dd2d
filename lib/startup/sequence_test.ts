// The start and stop sequences over stand-in VMs: order, a failed start said and passed over,
// the agent ending a wait early, running VMs left alone, a stop forcing off after its timeout.

import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { openStore } from "../store.ts";
import { TaskLog } from "../tasks/log.ts";
import type { StartupOrder } from "../../shared/startup.ts";
import { type SequenceDeps, startInOrder, stopInOrder } from "./sequence.ts";
import type { Planned } from "./sequence.ts";

const order = (n: number, more: Partial<StartupOrder> = {}): StartupOrder => ({
  order: n,
  upDelay: 0,
  waitForAgent: false,
  downTimeout: 0,
  ...more,
});

function standIns(plan: Planned[], { failing = "", agentAfter = 1 } = {}) {
  const calls: string[] = [];
  let pings = 0;
  const deps: SequenceDeps = {
    plan: () => Promise.resolve(plan),
    start: (uuid) => {
      calls.push(`start ${uuid}`);
      return uuid === failing ? Promise.reject(new Error("no disk")) : Promise.resolve();
    },
    shutdown: (uuid) => Promise.resolve(calls.push(`shutdown ${uuid}`)),
    forceStop: (uuid) => Promise.resolve(calls.push(`force ${uuid}`)),
    // "b" obeys its shutdown, the others ignore it.
    running: (uuid) => Promise.resolve(uuid !== "b"),
    agentAnswers: () => Promise.resolve(++pings > agentAfter),
  };
  return { deps, calls, pings: () => pings };
}

Deno.test("sequence - starts in order, says a failure and goes on, the agent ends a wait", async () => {
  using store = openStore(null);
  const tasks = new TaskLog(store);
  const plan: Planned[] = [
    {
      uuid: "a",
      name: "db",
      running: false,
      startup: order(1, { upDelay: 5, waitForAgent: true }),
    },
    { uuid: "b", name: "cache", running: true, startup: order(2) },
    { uuid: "c", name: "app", running: false, startup: order(3) },
    { uuid: "d", name: "web", running: false, startup: order(4) },
  ];
  const { deps, calls, pings } = standIns(plan, { failing: "c" });
  const task = tasks.start({ action: "host.start-in-order", user: "kvm-manager", hostId: "local" });
  await startInOrder(deps, task, new AbortController().signal);
  // The agent answered at its second ask, and the wait ended there: asked a second apart until
  // the 5 s up-delay, it would have been asked five times.
  assertEquals(pings(), 2);
  assertEquals(calls, ["start a", "start c", "start d"]);
  const ended = task.snapshot();
  assertEquals([ended.status, ended.code, ended.progress], ["failed", "INTERNAL_ERROR", 1]);
  assertMatch(
    ended.message!,
    /^db started, its agent answered after 1 s; cache was running; app failed: no disk; web started$/,
  );
  tasks.close();
});

Deno.test("sequence - stops in reverse order, forcing off after the timeout", async () => {
  using store = openStore(null);
  const tasks = new TaskLog(store);
  const plan: Planned[] = [
    { uuid: "a", name: "db", running: true, startup: order(1) },
    { uuid: "b", name: "cache", running: true, startup: order(2, { downTimeout: 5 }) },
    { uuid: "c", name: "app", running: false, startup: order(3) },
  ];
  const { deps, calls } = standIns(plan);
  const task = tasks.start({ action: "host.stop-in-order", user: "root", hostId: "local" });
  await stopInOrder(deps, task, new AbortController().signal);
  assertEquals(calls, ["shutdown b", "shutdown a", "force a"]);
  assertEquals(task.snapshot().status, "succeeded");
  assertEquals(task.snapshot().message, "cache shut down; db forced off after 0 s");
  tasks.close();
});
