// kill -9 during a scheduled run: a child process claims a slot and starts the operation (its
// runner writes a marker, then hangs), it is killed with SIGKILL, and a second process on the
// same database file marks the run interrupted without executing that slot again; the next
// slot still runs. Five kills in a row, each on the next day's slot.

import { assert, assertEquals } from "./support/assert.ts";
import { INTERRUPTED, Scheduler } from "../lib/scheduler/scheduler.ts";
import type { ScheduleRun } from "../shared/scheduler.ts";
import { Store } from "../lib/store.ts";

const CHILD = new URL("./scheduler_crash_child.ts", import.meta.url).pathname;
const KILLS = 5;

function child(db: string, markers: string, now: number, mode: "run" | "check") {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CHILD, db, markers, new Date(now).toISOString(), mode],
    stdout: "piped",
    stderr: "piped",
  });
}

function markerLines(path: string): string[] {
  try {
    return Deno.readTextFileSync(path).split("\n").filter(Boolean);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
}

/** The child's runs after it marked leftovers interrupted and processed what was due. */
async function check(db: string, markers: string, now: number): Promise<ScheduleRun[]> {
  const out = await child(db, markers, now, "check").output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert(out.success, `check child failed: ${stderr}`);
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

Deno.test("scheduler crash - kill -9 during a run: interrupted on restart, never run twice", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-sched-" });
  const db = `${dir}/kvm-manager.db`;
  const markers = `${dir}/markers`;
  try {
    const day = (i: number) => Date.parse("2026-01-10T09:00:00Z") + i * 86_400_000;
    {
      using store = Store.open(db);
      const scheduler = new Scheduler({
        store,
        clock: { now: () => day(0) - 3_600_000, setTimeout: () => 0, clearTimeout: () => {} },
        emit: () => {},
        vmName: () => Promise.resolve("crash-vm"),
        run: () => Promise.resolve(),
      });
      await scheduler.create({
        name: "kvmm-test-sched-crash",
        operation: "snapshot",
        vmIds: ["6b5a6f1e-0000-4000-8000-000000000001"],
        timing: { kind: "daily", time: "09:00" },
        timezone: "UTC",
      });
    }

    for (let i = 0; i < KILLS; i++) {
      const running = child(db, markers, day(i) + 10_000, "run").spawn();
      // Until the operation has started (the claim is committed before it starts).
      const deadline = Date.now() + 60_000;
      while (markerLines(markers).length < i + 1) {
        if (Date.now() > deadline) {
          running.kill("SIGKILL");
          const { stderr } = await running.output();
          throw new Error(`the child never started the run: ${new TextDecoder().decode(stderr)}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      running.kill("SIGKILL");
      const killed = await running.output();
      assertEquals([killed.success, killed.signal], [false, "SIGKILL"]);

      const runs = await check(db, markers, day(i) + 20_000);
      assertEquals(runs.length, i + 1);
      assertEquals(
        [runs[0].slotAt, runs[0].status, runs[0].error],
        [new Date(day(i)).toISOString(), "interrupted", INTERRUPTED],
      );
      assert(runs.every((r) => r.status === "interrupted"));
      assertEquals(markerLines(markers).length, i + 1, "the killed slot was not executed again");
    }

    // One execution per slot, each slot's own snapshot name.
    assertEquals(markerLines(markers), [
      "kvmm-test-sched-crash-20260110-0900",
      "kvmm-test-sched-crash-20260111-0900",
      "kvmm-test-sched-crash-20260112-0900",
      "kvmm-test-sched-crash-20260113-0900",
      "kvmm-test-sched-crash-20260114-0900",
    ]);
    // And the schedule goes on: the next slot runs to the end.
    const runs = await check(db, markers, day(KILLS) + 10_000);
    assertEquals([runs[0].slotAt, runs[0].status], [
      new Date(day(KILLS)).toISOString(),
      "succeeded",
    ]);
    assertEquals(markerLines(markers).length, KILLS + 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
