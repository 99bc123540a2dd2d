import { renderToString } from "preact-render-to-string";
import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { EditorCard } from "./EditorCard.tsx";
import { editingOf, type EditMode } from "./use_editing.ts";
import { itemEditorOf } from "./use_item_editor.ts";

const rules = [{ id: "a", name: "cpu" }];

function render(mode: EditMode, asked: (string | undefined)[] = []) {
  return renderToString(
    <EditorCard
      id="rules"
      title="Rules"
      newLabel="New rule"
      disabled={false}
      editor={itemEditorOf(editingOf(mode, rules, () => {}), () => {})}
      form={(rule) => {
        asked.push(rule?.name);
        return <form>{rule ? `Edit ${rule.name}` : "New"}</form>;
      }}
    >
      <table />
    </EditorCard>,
  );
}

Deno.test("editor card - the New button beside the title, the list alone while no form is open", () => {
  const asked: (string | undefined)[] = [];
  const html = render({ kind: "none" }, asked);
  assertMatch(html, /^<section class="card" aria-labelledby="rules-title"><div class="card-head">/);
  assertMatch(
    html,
    /<h2 id="rules-title">Rules<\/h2><button[^>]*>New rule<\/button><\/div><table>/,
  );
  assertEquals(asked, []);
});

Deno.test("editor card - the form for a new item or the one edited stands above the list", () => {
  const asked: (string | undefined)[] = [];
  assertMatch(render({ kind: "new" }, asked), /<\/div><form>New<\/form><table>/);
  assertMatch(render({ kind: "edit", id: "a" }, asked), /<form>Edit cpu<\/form><table>/);
  assertEquals(asked, [undefined, "cpu"]);
});
