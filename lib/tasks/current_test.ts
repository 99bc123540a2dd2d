// Work a request merely sets going lives on outside the request's task: a host added by
// "Add host" starts its services (their timers, their connection) as part of no task. (The
// scheduler's timer: routes/api/tasks_test.ts, through the API.)

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { AppContext } from "../context.ts";
import { HostRegistry } from "../hosts/registry.ts";
import { HOST_TABLES } from "../hosts/schema.ts";
import { Store } from "../store.ts";
import { assertEquals } from "../../tests/support/assert.ts";
import { currentTask, outsideTask, withTask } from "./current.ts";
import { TaskLog } from "./log.ts";
import { TASK_TABLES } from "./schema.ts";

Deno.test("current task - outsideTask runs code, and the timers it sets, as part of no task", async () => {
  using store = Store.open(":memory:", { migrations: [TASK_TABLES], quickCheck: false });
  const task = new TaskLog(store).start({ action: "vm.start", user: "root", hostId: "local" });
  const seen = await withTask(task, () => {
    const inside = currentTask()?.id;
    return outsideTask(() =>
      new Promise<unknown[]>((resolve) => setTimeout(() => resolve([inside, currentTask()?.id]), 0))
    );
  });
  assertEquals(seen, [task.id, undefined]);
});

Deno.test("current task - a host added in a request starts its services outside the request's task", () => {
  using store = Store.open(":memory:", {
    migrations: [TASK_TABLES, HOST_TABLES],
    quickCheck: false,
  });
  const task = new TaskLog(store).start({ action: "host.add", user: "root", hostId: "local" });
  const seen: Record<string, number | undefined> = {};
  const client = {
    state: { connected: false, uri: "qemu+ssh://far/system", error: null },
    connect: () => {
      seen.connect = currentTask()?.id;
      return Promise.resolve();
    },
  } as unknown as LibvirtClient;
  const hosts = new HostRegistry({
    store,
    open: () => ({
      ctx: {} as AppContext,
      client,
      start: () => seen.start = currentTask()?.id,
      close: () => Promise.resolve(),
    }),
  });
  withTask(task, () => hosts.add({ name: "Far", uri: "qemu+ssh://far/system" }));
  assertEquals(seen, { connect: undefined, start: undefined });
});
