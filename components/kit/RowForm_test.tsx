import { renderToString } from "preact-render-to-string";
import { assertMatch } from "../../tests/support/assert.ts";
import { RowForm } from "./RowForm.tsx";

Deno.test("row form - its fields, the busy submit, Cancel, then what comes after", () => {
  const html = renderToString(
    <RowForm onSubmit={() => {}} submitLabel="Grow" busy onCancel={() => {}} after={<span>x</span>}>
      <input id="size" />
    </RowForm>,
  );
  assertMatch(
    html,
    /^<form class="row-form"><input id="size"\/><button disabled type="submit" class="button button-primary" aria-busy="true">Grow<\/button><button type="button" class="button">Cancel<\/button><span>x<\/span><\/form>$/,
  );
});
