import { renderToString } from "preact-render-to-string";
import { assertEquals } from "../../tests/support/assert.ts";
import { ErrorNotice, Notice } from "./Notice.tsx";

Deno.test("notice - errors are alerts, the rest status; nothing to say draws nothing", () => {
  assertEquals(
    renderToString(<ErrorNotice message="Cannot read" />),
    '<p class="notice notice-error" role="alert">Cannot read</p>',
  );
  assertEquals(
    renderToString(<Notice tone="success" kind="note">Saved</Notice>),
    '<p class="note note-success" role="status">Saved</p>',
  );
  assertEquals(renderToString(<ErrorNotice message={null} />), "");
  assertEquals(renderToString(<Notice>{null}</Notice>), "");
});
