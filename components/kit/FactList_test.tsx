import { renderToString } from "preact-render-to-string";
import { assertEquals } from "../../tests/support/assert.ts";
import { FactList } from "./FactList.tsx";

Deno.test("fact list - a term and value a line, missing facts left out, a value's class kept", () => {
  const html = renderToString(
    <FactList
      facts={[["Mode", "nat"], false, ["Description", "two\nlines", "pre-line"], null]}
    />,
  );
  assertEquals(
    html,
    '<dl class="props"><dt>Mode</dt><dd>nat</dd>' +
      '<dt>Description</dt><dd class="pre-line">two\nlines</dd></dl>',
  );
});
