import { renderToString } from "preact-render-to-string";
import { assertMatch } from "../../tests/support/assert.ts";
import { Checkbox, InlineField, RadioGroup, SelectField, TextField } from "./controls.tsx";

Deno.test("controls - a text field is labelled, described by its hint and error", () => {
  const html = renderToString(
    <TextField
      id="n"
      label="Name"
      hint="Letters"
      errors={["Required"]}
      value=""
      onValue={() => {}}
    />,
  );
  assertMatch(html, /<label for="n">Name<\/label>/);
  assertMatch(html, /<input id="n" aria-invalid="true" aria-describedby="n-hint n-error"/);
  assertMatch(html, /<div class="field-error" id="n-error" role="alert"><p>Required<\/p>/);
});

Deno.test("controls - a select lists its options; a checkbox sits in its label", () => {
  const select = renderToString(
    <SelectField
      id="s"
      label="Kind"
      value="b"
      onValue={() => {}}
      options={[["a", "A"], ["b", "B"]]}
    />,
  );
  assertMatch(select, /<select id="s" aria-invalid="false"[^>]*><option value="a">A<\/option>/);
  const box = renderToString(<Checkbox label="Enabled" checked onChecked={() => {}} />);
  assertMatch(box, /<label class="checkbox"><input type="checkbox" checked\/?>Enabled<\/label>/);
});

Deno.test("controls - a radio group checks the chosen option, each radio in its label", () => {
  const html = renderToString(
    <RadioGroup
      legend="Source"
      name="src"
      value="b"
      onValue={() => {}}
      options={[["a", "New"], ["b", "Existing"]]}
    />,
  );
  assertMatch(html, /^<fieldset class="choice"><legend>Source<\/legend><label class="checkbox">/);
  assertMatch(html, /<input type="radio" name="src"\/?>New<\/label>/);
  assertMatch(html, /<input type="radio" name="src" checked\/?>Existing<\/label>/);
});

Deno.test("inline field - a label for its input, side by side, the input's attributes kept", () => {
  const html = renderToString(
    <InlineField id="host-mac" label="MAC address" required value="52:54" onValue={() => {}} />,
  );
  assertMatch(html, /^<label for="host-mac">MAC address<\/label><input required id="host-mac"/);
  assertMatch(html, /type="text" value="52:54"/);
});

Deno.test("controls - warnings show without marking the field invalid; inputClass on the control", () => {
  const html = renderToString(
    <TextField
      id="m"
      label="Memory"
      warnings={["More than the host has"]}
      inputClass="size-input"
      value="64 GiB"
      onValue={() => {}}
    />,
  );
  assertMatch(html, /^<div class="field">/);
  assertMatch(
    html,
    /<input id="m" aria-invalid="false" aria-describedby="m-warning" class="size-input"/,
  );
  assertMatch(html, /<div class="field-warning" id="m-warning"><p>More than the host has<\/p>/);
});

Deno.test("controls - a select's option marked disabled stays listed but cannot be chosen", () => {
  const html = renderToString(
    <SelectField
      id="p"
      label="Pool"
      value="a"
      onValue={() => {}}
      options={[["a", "default"], ["b", "backup (inactive)", true]]}
    />,
  );
  assertMatch(html, /default<\/option><option value="b" disabled>backup/);
});
