import { assertEquals, assertRejects } from "../tests/support/assert.ts";
import { AppError } from "./errors.ts";
import { scheduledOperations, scheduledVmName } from "./scheduled_operations.ts";

Deno.test("operations - each operation reaches its service; a backup waits for its copy", async () => {
  const calls: unknown[][] = [];
  const record = (...call: unknown[]) => Promise.resolve(void calls.push(call));
  const run = scheduledOperations({
    vms: { vmAction: (id, action) => record("vm", id, action).then(() => ({})) },
    snapshots: { create: (id, input) => record("snapshot", id, input) as never },
    backups: {
      start: (id, input) => record("backup", id, input).then(() => ({ id: "b1" })) as never,
      waitFor: (id) => record("wait", id) as never,
    },
  });
  for (const op of ["start", "shutdown", "reboot", "snapshot", "backup"] as const) {
    await run(op, "web", { keep: 2 });
  }
  assertEquals(calls, [
    ["vm", "web", "start"],
    ["vm", "web", "stop"],
    ["vm", "web", "reboot"],
    ["snapshot", "web", { keep: 2 }],
    ["backup", "web", { keep: 2 }],
    ["wait", "b1"],
  ]);
});

Deno.test("operations - a backup naming a repository goes there; its failure is thrown", async () => {
  const calls: unknown[][] = [];
  const jobs: Record<string, string> = {};
  const run = scheduledOperations({
    vms: { vmAction: () => Promise.resolve({}) as never },
    snapshots: { create: () => Promise.resolve() as never },
    backups: {
      start: (id) =>
        Promise.resolve(void calls.push(["pool", id])).then(() => ({ id: "b1" })) as never,
      waitFor: () => Promise.resolve() as never,
    },
    restic: () => ({
      startBackup: (id, input) => {
        calls.push(["restic", id, input]);
        jobs[`j-${id}`] = id;
        return Promise.resolve({ id: `j-${id}` } as never);
      },
      waitFor: (job) =>
        Promise.resolve(
          jobs[job] === "web" ? { status: "succeeded", error: null } as never : {
            status: "failed",
            error: { code: "RESTIC_WRONG_PASSWORD", message: "The password does not open" },
          } as never,
        ),
    }),
  });
  await run("backup", "web", { mode: "auto", repository: "offsite" });
  await run("backup", "db", { mode: "auto" });
  const err = await assertRejects(
    () => run("backup", "bad", { mode: "auto", repository: "offsite" }),
    AppError,
  );
  assertEquals(err.code, "RESTIC_WRONG_PASSWORD");
  assertEquals(calls, [
    ["restic", "web", { repository: "offsite" }],
    ["pool", "db"],
    ["restic", "bad", { repository: "offsite" }],
  ]);
});

Deno.test("operations - a gone VM has no name; other failures are thrown", async () => {
  const name = scheduledVmName({
    getVm: (id) =>
      id === "web"
        ? Promise.resolve({ name: "web" } as never)
        : id === "gone"
        ? Promise.reject(new AppError("VM_NOT_FOUND", "VM not found: gone"))
        : Promise.reject(new Error("libvirt down")),
  });
  assertEquals(await name("web"), "web");
  assertEquals(await name("gone"), null);
  assertEquals((await assertRejects(() => name("other"), Error)).message, "libvirt down");
});
