import { renderToString } from "preact-render-to-string";
import { assert, assertMatch } from "../../tests/support/assert.ts";
import { MenuButton } from "./MenuButton.tsx";

Deno.test("menu button - a closed menu with its ARIA wiring and disabled items marked", () => {
  const html = renderToString(
    <MenuButton
      label="More"
      class="button-small"
      items={[
        { label: "Reboot", onSelect: () => {} },
        { label: "Force stop", onSelect: () => {}, danger: true, disabled: true, title: "Off" },
      ]}
    />,
  );
  assertMatch(html, /<button type="button" id="([^"]+)-button" class="button button-small"/);
  assertMatch(html, /aria-haspopup="menu" aria-expanded="false"/);
  assertMatch(html, /role="menu" id="[^"]+-menu" aria-labelledby="[^"]+-button" hidden/);
  assertMatch(html, /role="menuitem" tabindex="-1" class="menu-item">Reboot/);
  assertMatch(html, /class="menu-item menu-item-danger" aria-disabled="true" title="Off"/);
  assert(!html.includes('aria-disabled="true" title="undefined"'));
});
