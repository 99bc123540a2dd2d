import { renderToString } from "preact-render-to-string";
import { Trash } from "./icons.ts";
import { assertMatch } from "../../tests/support/assert.ts";
import { Icon } from "./Icon.tsx";

Deno.test("icon - lucide's nodes as inline SVG, hidden unless labelled", () => {
  const html = renderToString(<Icon icon={Trash} />);
  assertMatch(html, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 24 24"/);
  assertMatch(html, /class="icon" aria-hidden="true"><path d="M10 11v6"/);
  assertMatch(
    renderToString(<Icon icon={Trash} label="Delete" />),
    /role="img" aria-label="Delete"/,
  );
});
