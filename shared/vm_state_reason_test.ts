import { assert, assertEquals } from "../tests/support/assert.ts";
import { loadLanguage, withLanguage } from "../lib/i18n/scope.ts";
import { isVmStateReason, reasonWords, VM_STATE_REASONS } from "./vm_state_reason.ts";
import type { VmState } from "./vms.ts";

Deno.test("state reason words - the state and the reason together, with what to do", () => {
  const io = reasonWords("paused", "io-error")!;
  assertEquals([io.short, io.full, io.tone], ["I/O error", "Paused: I/O error", "warning"]);
  assert(io.hint?.includes("free space"), io.hint);
  const internal = reasonWords("paused", "internal-error")!;
  assertEquals(internal.full, "Paused: internal error");
  assert(internal.hint?.includes("software emulation"), internal.hint);

  assertEquals(reasonWords("stopped", "crashed")?.full, "Crashed");
  assertEquals(reasonWords("stopped", "failed")?.full, "Failed to start");
  assertEquals(reasonWords("stopped", "destroyed")?.full, "Shut off: forced off");
  assertEquals(reasonWords("stopped", "destroyed")?.tone, "info");
  assertEquals(reasonWords("stopped", "destroyed")?.hint, undefined);
  assertEquals(reasonWords("crashed", "panicked")?.full, "Crashed: guest kernel panic");
  assertEquals(reasonWords("paused", "migration")?.full, "Paused: migrating");
});

Deno.test("state reason words - none for no reason, or a word of a newer server", () => {
  assertEquals(reasonWords("paused", undefined), null);
  assertEquals(reasonWords("paused", "toString"), null);
  assertEquals(reasonWords("paused", "from-a-newer-server"), null);
  assertEquals(isVmStateReason("io-error"), true);
  assertEquals(isVmStateReason(5), false);
});

Deno.test("state reason words - every reason has words in every state, in German too", async () => {
  await loadLanguage("de");
  const states: VmState[] = ["running", "paused", "suspended", "stopped", "crashed"];
  withLanguage("de", () => {
    assertEquals(reasonWords("paused", "io-error")?.full, "Angehalten: E/A-Fehler");
    for (const reason of VM_STATE_REASONS) {
      for (const state of states) {
        const words = reasonWords(state, reason)!;
        assert(words.short && words.full && !/\{\{/.test(words.full), `${state} ${reason}`);
      }
    }
  });
});
