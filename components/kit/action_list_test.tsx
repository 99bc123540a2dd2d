import { renderToString } from "preact-render-to-string";
import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { actionList, loadedRows } from "./action_list.tsx";

interface Row {
  name: string;
  live: boolean;
}

const column = (busy: boolean) =>
  actionList<Row>({ name: (r) => r.name, busy, class: "needs-admin" }, [
    { action: "Edit", run: () => {} },
    { action: "Revoke", kind: "danger", when: (r) => r.live, run: () => {} },
    { action: "Revert", label: (r) => `Revert to ${r.name}`, run: () => {} },
  ]);

Deno.test("action list - one button per action the row has, named with the row", () => {
  const col = column(false);
  assertEquals(col.id, "actions");
  assertEquals(col.class, "row-actions needs-admin");
  const html = renderToString(<>{col.cell({ name: "web", live: true })}</>);
  assertMatch(html, /aria-label="Edit web"[^>]*>Edit</);
  assertMatch(
    html,
    /aria-label="Revoke web" type="button" class="button button-danger button-small"/,
  );
  assertMatch(html, /aria-label="Revert to web"/);
  const dead = renderToString(<>{col.cell({ name: "old", live: false })}</>);
  assert(!dead.includes("Revoke"), "a row the action's `when` refuses has no button");
});

Deno.test("action list - a busy table disables every button", () => {
  const html = renderToString(<>{column(true).cell({ name: "web", live: true })}</>);
  assertEquals(html.match(/disabled/g)?.length, 3);
});

Deno.test("loaded rows - loading words while null, the none words when empty", () => {
  assertEquals(loadedRows(null, "Loading…", "None yet."), { rows: [], empty: "Loading…" });
  assertEquals(loadedRows([1], "Loading…", "None yet."), { rows: [1], empty: "None yet." });
});
