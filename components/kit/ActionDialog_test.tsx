import { renderToString } from "preact-render-to-string";
import { signal } from "@preact/signals";
import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { ActionDialog } from "./ActionDialog.tsx";
import type { Action, Outcome } from "./use_action.tsx";

const ref = { current: null };

function action(outcome: Outcome | null = null, ran: string[] = []): Action {
  return {
    busy: signal(false),
    outcome: signal(outcome),
    run: async (fn) => {
      ran.push(String(await fn()));
    },
  };
}

const render = (a: Action, ready?: boolean) =>
  renderToString(
    <ActionDialog
      dialogRef={ref}
      id="clone"
      title="Clone web"
      submitLabel="Clone"
      action={a}
      ready={ready}
      run={() => Promise.resolve("Cloned.")}
    >
      <input id="clone-name" />
    </ActionDialog>,
  );

Deno.test("action dialog - the fields, then the outcome's note, then the buttons", () => {
  const html = render(action({ ok: true, message: "Cloned as web-clone." }));
  assertMatch(
    html,
    /<input id="clone-name"\/><div class="note note-success" role="status">Cloned as web-clone\.<\/div><div class="dialog-buttons">/,
  );
});

Deno.test("action dialog - a form not ready cannot be sent", () => {
  assertMatch(render(action(), false), /<button disabled type="submit"/);
  assert(!render(action()).includes("disabled"), "a ready form can be sent");
});

Deno.test("action dialog - the submit runs the request once, and only when ready", async () => {
  for (const [ready, expected] of [[true, ["Cloned."]], [false, []]] as const) {
    const ran: string[] = [];
    const a = action(null, ran);
    const dialog = ActionDialog({
      dialogRef: ref,
      id: "clone",
      title: "Clone web",
      submitLabel: "Clone",
      action: a,
      ready,
      run: () => Promise.resolve("Cloned."),
      children: null,
    });
    const { onSubmit } = dialog.props as { onSubmit: (e: Event) => void };
    let prevented = false;
    onSubmit({ preventDefault: () => prevented = true } as unknown as Event);
    await Promise.resolve();
    await Promise.resolve();
    assert(prevented, "the browser's own submit never runs");
    assertEquals(ran, [...expected]);
  }
});
