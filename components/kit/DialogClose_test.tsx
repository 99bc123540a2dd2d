import { renderToString } from "preact-render-to-string";
import { assertEquals } from "../../tests/support/assert.ts";
import { DialogClose } from "./DialogClose.tsx";

Deno.test("DialogClose - one Close button in the dialog's button row", () => {
  const html = renderToString(<DialogClose dialogRef={{ current: null }} />);
  assertEquals(
    html,
    '<div class="dialog-buttons"><button type="button" class="button">Close</button></div>',
  );
});
