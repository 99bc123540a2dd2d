import { renderToString } from "preact-render-to-string";
import { assertEquals } from "../../tests/support/assert.ts";
import { SelectField, TextAreaField, TextField } from "./controls.tsx";
import { draftFields } from "./FormFieldsDraft.tsx";
import { heldDraft } from "./use_form.ts";

type Form = { port: string; kind: string; headers: string };
const value: Form = { port: "25", kind: "email", headers: "" };

Deno.test("draft fields - a bound field renders as the control written out by hand", () => {
  const field = draftFields(heldDraft(value, () => {}), "target-new");
  const noop = () => {};
  assertEquals(
    renderToString(field.text("port", { label: "Port", type: "number", min: 1, max: 65535 })),
    renderToString(
      <TextField
        id="target-new-port"
        label="Port"
        type="number"
        min={1}
        max={65535}
        value="25"
        onValue={noop}
      />,
    ),
  );
  const options = [["email", "E-mail"], ["ntfy", "ntfy"]] as const;
  assertEquals(
    renderToString(field.select("kind", { label: "Kind", options })),
    renderToString(
      <SelectField
        id="target-new-kind"
        label="Kind"
        options={options}
        value="email"
        onValue={noop}
      />,
    ),
  );
  assertEquals(
    renderToString(field.area("headers", { label: "Headers", rows: 2 })),
    renderToString(
      <TextAreaField id="target-new-headers" label="Headers" rows={2} value="" onValue={noop} />,
    ),
  );
});

Deno.test("draft fields - `id` names the field where the page's id is not the key", () => {
  const field = draftFields(heldDraft(value, () => {}), "rule-1");
  const html = renderToString(
    field.select("kind", { id: "severity", label: "At least", options: [] }),
  );
  assertEquals(html.includes('id="rule-1-severity"'), true);
  assertEquals(html.includes('for="rule-1-severity"'), true);
});

Deno.test("draft fields - typing changes the draft's key", () => {
  const changes: Partial<Form>[] = [];
  const field = draftFields(heldDraft(value, (c) => changes.push(c)), "p");
  field.text("port", { label: "Port" }).props.onValue("587");
  assertEquals(changes, [{ port: "587" }]);
});
