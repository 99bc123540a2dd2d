import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { ErrorCode, LibvirtError } from "../../ffi/libvirt/error.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError } from "../errors.ts";
import { actionOrConflict, vmLock } from "./service.ts";
import { VmLocks } from "./lock.ts";

const tick = () => new Promise((r) => setTimeout(r, 1));

Deno.test("vm_lock - one operation at a time per VM, in arrival order; other VMs run meanwhile", async () => {
  const locks = new VmLocks();
  const log: string[] = [];
  const op = (key: string, name: string) =>
    locks.run(key, async () => {
      log.push(`${name} in`);
      await tick();
      log.push(`${name} out`);
      return name;
    });
  const results = await Promise.all([op("a", "a1"), op("a", "a2"), op("b", "b1"), op("a", "a3")]);
  assertEquals(results, ["a1", "a2", "b1", "a3"]);
  const a = log.filter((l) => l.startsWith("a"));
  assertEquals(a, ["a1 in", "a1 out", "a2 in", "a2 out", "a3 in", "a3 out"]);
  assert(log.indexOf("b1 in") < log.indexOf("a1 out"), "b1 did not wait for a1");
  assertEquals(locks.pending("a"), 0);
});

Deno.test("vm_lock - a failed operation releases its VM; past the bound callers get 409 VM_BUSY", async () => {
  const locks = new VmLocks(2);
  await assertRejects(() => locks.run("a", () => Promise.reject(new Error("boom"))), Error);
  assertEquals(await locks.run("a", () => Promise.resolve(1)), 1);
  let open = () => {};
  const first = locks.run("a", () => new Promise<void>((r) => open = r));
  const second = locks.run("a", () => Promise.resolve());
  const busy = await locks.run("a", () => Promise.resolve()).catch((e) => e);
  assert(busy instanceof AppError);
  assertEquals([busy.status, busy.code], [409, "VM_BUSY"]);
  open();
  await Promise.all([first, second]);
  assertEquals(locks.pending("a"), 0);
});

/** A client whose domainState answers `states` in turn and whose domainAction throws `err`. */
function fakeClient(states: number[], err: Error) {
  const calls: string[] = [];
  const client = {
    call(op: string) {
      calls.push(op);
      if (op === "domainState") {
        return Promise.resolve({ uuid: "u", name: "db", state: states.shift() });
      }
      return Promise.reject(err);
    },
  } as unknown as LibvirtClient;
  return { client, calls };
}

Deno.test("vm_lock - a start failing because the VM started meanwhile is 409 after a re-read", async () => {
  // The test driver says "already running" as INTERNAL_ERROR; the QEMU driver's killed start
  // is INTERNAL_ERROR too. 5 = SHUTOFF, 1 = RUNNING.
  const race = new LibvirtError(ErrorCode.INTERNAL_ERROR, 10, "Domain 'db' is already running");
  const { client, calls } = fakeClient([5, 1], race);
  const err = await actionOrConflict(client, "db", "start").catch((e) => e);
  assertEquals([err.status, err.code, err.message], [
    409,
    "INVALID_STATE",
    "VM is already running",
  ]);
  assertEquals(calls, ["domainState", "domainAction", "domainState"]);
});

Deno.test("vm_lock - a start failing while the VM stays stopped keeps libvirt's 500", async () => {
  const broken = new LibvirtError(ErrorCode.INTERNAL_ERROR, 10, "cannot open disk image");
  const err = await actionOrConflict(fakeClient([5, 5], broken).client, "db", "start")
    .catch((e) => e);
  assertEquals([err.status, err.code], [500, "LIBVIRT_ERROR"]);
  // Codes that no state explains are not re-read at all.
  const denied = new LibvirtError(ErrorCode.OPERATION_DENIED, 10, "no");
  const { client, calls } = fakeClient([5], denied);
  assertEquals((await actionOrConflict(client, "db", "start").catch((e) => e)).status, 403);
  assertEquals(calls, ["domainState", "domainAction"]);
});

Deno.test("vm_lock - vmLock holds one VM whether it is named by name or by UUID", async () => {
  const uuid = "6b6f0d2e-0000-4000-8000-000000000001";
  const client = {
    call: () => Promise.resolve({ uuid, name: "db", state: 1 }),
  } as unknown as LibvirtClient;
  const lock = vmLock(client);
  const log: string[] = [];
  const op = (id: string) =>
    lock(id, async () => {
      log.push(`${id} in`);
      await tick();
      log.push(`${id} out`);
    });
  await Promise.all([op("db"), op(uuid.toUpperCase())]);
  // One after the other, whichever comes first (the name takes a lookup): never interleaved.
  assertEquals(log.length, 4);
  assertEquals([log[0].split(" ")[0], log[1]], [log[1].split(" ")[0], log[0].replace("in", "out")]);
  assertEquals(log[3], log[2].replace("in", "out"));
});
