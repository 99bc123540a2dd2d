import { renderToString } from "preact-render-to-string";
import { signal } from "@preact/signals";
import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { editOrNew, FormPanel } from "./FormPanel.tsx";
import { NewButton } from "./ListToolbar.tsx";
import type { Submit } from "./use_form.ts";

const submit = (failure: string | null, busy = false): Submit => ({
  busy: signal(busy),
  failure: signal(failure),
  onSubmit: () => Promise.resolve(),
});

Deno.test("form panel - named by its heading, the failure as an alert, submit before Cancel", () => {
  const html = renderToString(
    <FormPanel
      label="New rule"
      class="form-panel"
      submit={submit("Name is taken")}
      submitLabel="Create rule"
      onCancel={() => {}}
    >
      <p>fields</p>
    </FormPanel>,
  );
  assertMatch(
    html,
    /^<form class="form-panel" novalidate aria-label="New rule"><h2>New rule<\/h2>/,
  );
  assertMatch(html, /<p>fields<\/p><p class="notice notice-error" role="alert">Name is taken<\/p>/);
  assertMatch(html, /button-primary"[^>]*>Create rule<\/button><button type="button"[^>]*>Cancel/);
});

Deno.test("form panel - its own title and h3, browser validation, busy submit", () => {
  const html = renderToString(
    <FormPanel
      label="Template from a VM"
      title="Template from an existing VM"
      heading={3}
      class="settings-form"
      browserValidates
      submit={submit(null, true)}
      submitLabel="Create"
    >
      <p>x</p>
    </FormPanel>,
  );
  assertMatch(
    html,
    /^<form class="settings-form" aria-label="Template from a VM"><h3>Template from/,
  );
  assertMatch(
    html,
    /<button disabled type="submit"[^>]*aria-busy="true">Create<\/button><\/div><\/form>$/,
  );
  assertEquals(html.includes('role="alert"'), false);
});

Deno.test("form panel - inside a card: an h3, the failure the smaller note (still an alert)", () => {
  const html = renderToString(
    <FormPanel
      label="New job"
      class="settings-form"
      inCard
      submit={submit("Bad cron")}
      submitLabel="Create job"
    >
      <p>x</p>
    </FormPanel>,
  );
  assertMatch(
    html,
    /^<form class="settings-form" novalidate aria-label="New job"><h3>New job<\/h3>/,
  );
  assertMatch(html, /<p class="note note-error" role="alert">Bad cron<\/p>/);
});

Deno.test("new button - primary, admins only, says whether its form is open", () => {
  assertEquals(
    renderToString(<NewButton label="New job" disabled={false} expanded onClick={() => {}} />),
    '<button aria-expanded="true" type="button" class="button button-primary needs-admin">' +
      "New job</button>",
  );
});

Deno.test("edit or new - the words of a form that edits a thing or makes one", () => {
  assertEquals(editOrNew({ name: "cpu-high" }, "alert rule", "Create rule"), {
    label: "Edit alert rule",
    title: "Edit cpu-high",
    submitLabel: "Save changes",
  });
  assertEquals(editOrNew(null, "alert rule", "Create rule"), {
    label: "New alert rule",
    title: "New alert rule",
    submitLabel: "Create rule",
  });
});
