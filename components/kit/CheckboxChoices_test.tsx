import { renderToString } from "preact-render-to-string";
import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { CheckboxChoices, toggled } from "./CheckboxChoices.tsx";

Deno.test("checkbox choices - a box per option under the legend, the chosen ones ticked", () => {
  const html = renderToString(
    <CheckboxChoices
      legend="Send to"
      options={[["a", "Mail"], ["b", "Phone"]]}
      chosen={["b"]}
      onChosen={() => {}}
    >
      <p class="hint">Add a target first.</p>
    </CheckboxChoices>,
  );
  assertMatch(html, /^<fieldset class="choice"><legend>Send to<\/legend><p class="hint">/);
  assertMatch(html, /<label class="checkbox"><input type="checkbox"\/?>Mail<\/label>/);
  assertMatch(html, /<label class="checkbox"><input type="checkbox" checked\/?>Phone<\/label>/);
});

Deno.test("checkbox choices - a tick adds at the end once, an untick takes out", () => {
  assertEquals(toggled([3, 1], 2, true), [3, 1, 2]);
  assertEquals(toggled([3, 1], 1, true), [3, 1]);
  assertEquals(toggled(["a", "b"], "a", false), ["b"]);
});
