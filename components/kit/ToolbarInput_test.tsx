import { renderToString } from "preact-render-to-string";
import { assertMatch } from "../../tests/support/assert.ts";
import { ToolbarInput } from "./ToolbarInput.tsx";

Deno.test("ToolbarInput - a search input sits inside its label", () => {
  const html = renderToString(
    <ToolbarInput label="Find" value="web" placeholder="Name" onValue={() => {}} />,
  );
  assertMatch(
    html,
    /^<label>Find<input placeholder="Name" type="search" value="web"\/?><\/label>$/,
  );
});

Deno.test("ToolbarInput - a text input keeps its label's classes and its name", () => {
  const html = renderToString(
    <ToolbarInput
      label="Snapshot name"
      type="text"
      class="needs-admin"
      name="q"
      disabled
      value=""
      onValue={() => {}}
    />,
  );
  assertMatch(html, /^<label class="needs-admin">Snapshot name<input /);
  assertMatch(html, /name="q"/);
  assertMatch(html, /disabled/);
  assertMatch(html, /type="text"/);
});
