// Child process of tests/scheduler_crash_test.ts: a scheduler on a database file with its clock
// fixed at argv[2]. Its runner appends the snapshot name it was given (job name + slot) to the
// markers file. "run" mode then blocks forever, to be killed with SIGKILL; "check" mode lets
// the operation finish, prints the job's runs as JSON and exits.
//
//   deno run -A tests/scheduler_crash_child.ts DB MARKERS NOW_ISO run|check

import { Scheduler } from "../lib/scheduler/scheduler.ts";
import { Store } from "../lib/store.ts";

const [dbPath, markers, nowIso, mode] = Deno.args;
const now = Date.parse(nowIso);
const store = Store.open(dbPath);
const scheduler = new Scheduler({
  store,
  clock: {
    now: () => now,
    // The test drives the scheduler with tick(); the timer is not needed.
    setTimeout: () => 0,
    clearTimeout: () => {},
  },
  emit: () => {},
  vmName: () => Promise.resolve("crash-vm"),
  run: (_operation, _vmId, options) => {
    Deno.writeTextFileSync(markers, `${options.name}\n`, { append: true });
    // Keeps the process alive until it is killed.
    return mode === "run"
      ? new Promise<void>(() => setInterval(() => {}, 60_000))
      : Promise.resolve();
  },
});
scheduler.start();
await scheduler.tick();
const [job] = scheduler.list();
console.log(JSON.stringify(scheduler.runs(job.id, 200)));
await scheduler.close();
store.close();
