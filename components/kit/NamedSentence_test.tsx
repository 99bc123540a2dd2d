import { renderToString } from "preact-render-to-string";
import { assertEquals } from "../../tests/support/assert.ts";
import { NamedSentence } from "./NamedSentence.tsx";

Deno.test("named sentence - each name bold at its place, what follows after a space", () => {
  assertEquals(
    renderToString(
      <NamedSentence
        text="Revert {{vm}} to {{snapshot}}?"
        names={{ snapshot: "s1", vm: "web" }}
        more="Changes are lost."
      />,
    ),
    "<p>Revert <strong>web</strong> to <strong>s1</strong>? Changes are lost.</p>",
  );
  assertEquals(
    renderToString(<NamedSentence text="Delete {{name}}?" names={{ name: undefined }} />),
    "<p>Delete <strong></strong>?</p>",
  );
});
