import { renderToString } from "preact-render-to-string";
import { assertMatch } from "../../tests/support/assert.ts";
import { SavedItemForm } from "./SavedItemForm.tsx";

type Item = { id: string; name: string };
const form = (editing?: Item) =>
  renderToString(
    <SavedItemForm<Item, string>
      editing={editing}
      words={{ edit: "Edit rule", new: "New rule" }}
      createLabel="Create rule"
      class="form-panel"
      input={() => "body"}
      create={() => Promise.resolve({ id: "1", name: "x" })}
      update={() => Promise.resolve({ id: "1", name: "x" })}
      onSaved={() => {}}
      onCancel={() => {}}
    >
      <p>fields</p>
    </SavedItemForm>,
  );

Deno.test("saved item form - a new item: named New, the create words on its submit", () => {
  const html = form();
  assertMatch(
    html,
    /^<form class="form-panel" novalidate aria-label="New rule"><h2>New rule<\/h2>/,
  );
  assertMatch(html, /<p>fields<\/p>.*button-primary"[^>]*>Create rule<\/button>/);
});

Deno.test("saved item form - an item to edit: named by its name, Save changes", () => {
  const html = form({ id: "r1", name: "cpu-high" });
  assertMatch(html, /aria-label="Edit rule"><h2>Edit cpu-high<\/h2>/);
  assertMatch(html, />Save changes<\/button>/);
});
