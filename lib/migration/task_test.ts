// A migration started as part of a task (a request's) takes the task over: it stays running
// and cancellable after the start answered, and ends with the migration, in libvirt's words.
// The test driver cannot migrate, so this migration fails; real ones: tests/qemu_migrate_test.ts.

import { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { assert, assertEquals } from "../../tests/support/assert.ts";
import { writeTestNode } from "../../tests/support/test_node.ts";
import { Store } from "../store.ts";
import { withTask } from "../tasks/current.ts";
import { TaskLog } from "../tasks/log.ts";
import { TASK_TABLES } from "../tasks/schema.ts";
import { MigrationService } from "./service.ts";

Deno.test("migration - the request's task follows the migration to its end", async () => {
  const from = await writeTestNode([{ name: "mover", runstate: 1 }]);
  const to = await writeTestNode([{ name: "other-vm" }]);
  const source = new LibvirtClient({ uri: from.uri });
  const target = new LibvirtClient({ uri: to.uri });
  using store = Store.open(":memory:", { migrations: [TASK_TABLES], quickCheck: false });
  const tasks = new TaskLog(store);
  const service = new MigrationService({
    client: source,
    emit: () => {},
    hostId: "local",
    destination: (id) => ({ id, name: "Other", uri: to.uri, client: target }),
    pollMs: 50,
  });
  try {
    assert(await source.connect() && await target.connect(), "both nodes connect");
    const task = tasks.start({ action: "vm.migrate", user: "ann", hostId: "local" });
    const job = await withTask(task, () => service.start("mover", { to: "other" }));
    assertEquals(job.state, "running");
    // The start has answered; the task goes on with the migration and can stop it.
    assertEquals([task.followed, tasks.get(task.id).status, tasks.get(task.id).cancellable], [
      true,
      "running",
      true,
    ]);
    for (let i = 0; i < 100 && !task.ended; i++) await new Promise((r) => setTimeout(r, 50));
    const status = service.status("mover");
    const ended = tasks.get(task.id);
    assertEquals([ended.status, ended.code, ended.message, ended.cancellable], [
      "failed",
      status.errorCode,
      status.error,
      false,
    ]);
  } finally {
    await service.close();
    await Promise.all([source.close(), target.close()]);
    await Promise.all([from.remove(), to.remove()]);
  }
});
