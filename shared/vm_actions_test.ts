import { assertEquals } from "../tests/support/assert.ts";
import { actionRefusal, canRun } from "./vm_actions.ts";
import { VM_ACTIONS, type VmState } from "./vms.ts";

const STATES: VmState[] = ["running", "paused", "suspended", "stopped", "crashed"];

Deno.test("vm_actions - which state allows which action", () => {
  const allowed = Object.fromEntries(
    VM_ACTIONS.map((a) => [a, STATES.filter((s) => canRun(a, s))]),
  );
  assertEquals(allowed, {
    start: ["stopped", "crashed"],
    stop: ["running"],
    "force-stop": ["running", "paused", "suspended", "crashed"],
    pause: ["running"],
    resume: ["paused"],
    reboot: ["running"],
    reset: ["running"],
  });
});

Deno.test("vm_actions - refusals use the API's words", () => {
  assertEquals(actionRefusal("start", "suspended"), "VM is already running");
  assertEquals(actionRefusal("pause", "paused"), "VM is already paused");
  assertEquals(actionRefusal("reset", "paused"), "VM is not running");
  assertEquals(actionRefusal("resume", "running"), "VM is not paused");
});
