import { assertEquals } from "../../tests/support/assert.ts";
import { stateReason } from "./state_reason.ts";
import { DomainState } from "../../ffi/libvirt/domain.ts";

const { RUNNING, PAUSED, SHUTOFF, CRASHED, PMSUSPENDED, SHUTDOWN } = DomainState;

Deno.test("state reason - QEMU's own pauses are named, a user's pause is not", () => {
  assertEquals(stateReason(PAUSED, 5), "io-error"); // IOERROR
  assertEquals(stateReason(PAUSED, 0), "internal-error"); // UNKNOWN: QEMU's internal-error
  assertEquals(stateReason(PAUSED, 1), undefined); // USER
  assertEquals(stateReason(PAUSED, 2), "migration");
  assertEquals(stateReason(PAUSED, 6), "watchdog");
  assertEquals(stateReason(PAUSED, 9), "snapshot");
  assertEquals(stateReason(PAUSED, 10), "panicked");
  assertEquals(stateReason(PAUSED, 13), "postcopy-failed");
  assertEquals(stateReason(PAUSED, 14), "api-error");
  assertEquals(stateReason(PAUSED, 15), undefined, "a newer libvirt's reason: none");
});

Deno.test("state reason - a stop tells a crash, a failed start, a forced stop; a shutdown nothing", () => {
  assertEquals(stateReason(SHUTOFF, 0), undefined); // UNKNOWN: never started
  assertEquals(stateReason(SHUTOFF, 1), undefined); // SHUTDOWN
  assertEquals(stateReason(SHUTOFF, 2), "destroyed");
  assertEquals(stateReason(SHUTOFF, 3), "crashed");
  assertEquals(stateReason(SHUTOFF, 4), "migrated");
  assertEquals(stateReason(SHUTOFF, 5), "saved");
  assertEquals(stateReason(SHUTOFF, 6), "failed");
  assertEquals(stateReason(SHUTOFF, 7), "from-snapshot");
  assertEquals(stateReason(SHUTOFF, 8), "daemon");
});

Deno.test("state reason - running and crashed VMs: only what says something is wrong", () => {
  for (const plain of [0, 1, 2, 3, 4, 5, 6, 7, 8, 10]) {
    assertEquals(stateReason(RUNNING, plain), undefined);
  }
  assertEquals(stateReason(RUNNING, 9), "panicked");
  assertEquals(stateReason(RUNNING, 11), "postcopy-failed");
  assertEquals(stateReason(CRASHED, 1), "panicked");
  assertEquals(stateReason(CRASHED, 0), undefined);
  assertEquals(stateReason(PMSUSPENDED, 0), undefined);
  assertEquals(stateReason(SHUTDOWN, 1), undefined);
  // Object's own keys only: a reason number is never looked up on the prototype.
  assertEquals(stateReason(PAUSED, -1), undefined);
});
