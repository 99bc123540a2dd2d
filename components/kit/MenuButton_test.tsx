import { renderToString } from "preact-render-to-string";
import { assert, assertMatch } from "../../tests/support/assert.ts";
import { MenuButton, MenuList } from "./MenuButton.tsx";

Deno.test("menu button - closed: the button with its ARIA wiring, no list until opened", () => {
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
  assert(!html.includes("aria-controls"), "no id of a list not in the page");
  assert(!html.includes('role="menu"') && !html.includes("Reboot"), "the list is built on opening");
});

Deno.test("menu button - the open list: items labelled by the button, disabled ones marked", () => {
  const html = renderToString(
    <MenuList
      id="m"
      first={0}
      root={{ current: null }}
      close={() => {}}
      items={[
        { label: "Reboot", onSelect: () => {} },
        { label: "Force stop", onSelect: () => {}, danger: true, disabled: true, title: "Off" },
      ]}
    />,
  );
  assertMatch(html, /role="menu" id="m-menu" aria-labelledby="m-button"/);
  assertMatch(html, /role="menuitem" tabindex="-1" class="menu-item">Reboot/);
  assertMatch(html, /class="menu-item menu-item-danger" aria-disabled="true" title="Off"/);
  assert(!html.includes('aria-disabled="true" title="undefined"'));
});
