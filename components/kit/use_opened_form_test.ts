import { signal } from "@preact/signals";
import { assertEquals } from "../../tests/support/assert.ts";
import type { Outcome } from "./use_action.tsx";
import { openedFormOf } from "./use_opened_form.ts";

Deno.test("opened form - done closes it, notes what was made and reads the list again", () => {
  const shown = signal(false);
  const outcome = signal<Outcome | null>(null);
  let reads = 0;
  const reload = () => reads++;
  openedFormOf(shown, outcome, reload).setOpen(true);
  assertEquals(openedFormOf(shown, outcome, reload).open, true);
  openedFormOf(shown, outcome, reload).done("Volume a created.");
  assertEquals([shown.value, outcome.value, reads], [
    false,
    { ok: true, message: "Volume a created." },
    1,
  ]);
});

Deno.test("opened form - done without words leaves the note as it was", () => {
  const shown = signal(true);
  const outcome = signal<Outcome | null>({ ok: false, message: "earlier" });
  openedFormOf(shown, outcome, () => {}).done();
  assertEquals([shown.value, outcome.value?.message], [false, "earlier"]);
});
