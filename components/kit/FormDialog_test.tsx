import { renderToString } from "preact-render-to-string";
import { assertMatch } from "../../tests/support/assert.ts";
import { FormDialog } from "./FormDialog.tsx";

const ref = { current: null };

Deno.test("form dialog - named by its title, fields, then Close and the submit", () => {
  const html = renderToString(
    <FormDialog
      dialogRef={ref}
      id="clone"
      title="Clone web"
      onSubmit={() => {}}
      submitLabel="Clone"
      busy={false}
    >
      <input id="clone-name" />
    </FormDialog>,
  );
  assertMatch(
    html,
    /^<dialog class="dialog" aria-labelledby="clone-title"><form><h2 id="clone-title">Clone web<\/h2><input id="clone-name"\/>/,
  );
  assertMatch(
    html,
    /<div class="dialog-buttons"><button type="button" class="button">Close<\/button><button type="submit" class="button button-primary">Clone<\/button><\/div>/,
  );
});

Deno.test("form dialog - a busy or not yet valid form cannot be sent; a destructive one says Cancel", () => {
  const busy = renderToString(
    <FormDialog
      dialogRef={ref}
      id="d"
      title="Delete pool"
      onSubmit={() => {}}
      submitLabel="Delete pool"
      busy
      kind="danger"
      closeLabel="Cancel"
    >
      <p>Sure?</p>
    </FormDialog>,
  );
  assertMatch(
    busy,
    />Cancel<\/button><button disabled type="submit" class="button button-danger" aria-busy="true">Delete pool/,
  );
  const invalid = renderToString(
    <FormDialog
      dialogRef={ref}
      id="r"
      title="Restore"
      onSubmit={() => {}}
      submitLabel="Restore"
      busy={false}
      disabled
    >
      <p />
    </FormDialog>,
  );
  assertMatch(invalid, /<button disabled type="submit" class="button button-primary">Restore/);
});
