import { renderToString } from "preact-render-to-string";
import { signal } from "@preact/signals";
import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { AskDialog, AskNamedDialog } from "./Dialog.tsx";
import type { Confirm } from "./use_confirm.ts";

Deno.test("ask dialog - confirming runs the action on the thing asked about", () => {
  const asked: string[] = [];
  const subject = signal<string | null>("web");
  const confirm: Confirm<string> = {
    dialogRef: { current: null },
    subject,
    ask: (t) => subject.value = t,
    then: (fn) => () => subject.value !== null && fn(subject.value),
  };
  const vnode = (
    <AskDialog
      confirm={confirm}
      title="Delete VM"
      confirmLabel="Delete"
      onConfirm={(t) => asked.push(t)}
    >
      <p>Delete web?</p>
    </AskDialog>
  );
  const html = renderToString(vnode);
  assertMatch(
    html,
    /<dialog class="dialog" aria-labelledby="dialog-delete-vm"><h2 id="dialog-delete-vm">/,
  );
  assertMatch(html, /<p>Delete web\?<\/p><div class="dialog-buttons">/);
  // The dialog's button runs the action on the subject, not on anything passed to it.
  const dialog = AskDialog(vnode.props as Parameters<typeof AskDialog<string>>[0]);
  (dialog.props as { onConfirm: () => void }).onConfirm();
  subject.value = null;
  (dialog.props as { onConfirm: () => void }).onConfirm();
  assertEquals(asked, ["web"]);
});

Deno.test("ask named dialog - the question names the thing asked about in bold", () => {
  const subject = signal<{ name: string } | null>({ name: "web" });
  const confirm: Confirm<{ name: string }> = {
    dialogRef: { current: null },
    subject,
    ask: (t) => subject.value = t,
    then: (fn) => () => subject.value !== null && fn(subject.value),
  };
  const html = renderToString(
    <AskNamedDialog
      confirm={confirm}
      title="Delete rule"
      question="Delete the rule {{name}}?"
      more="It stops firing."
      onConfirm={() => {}}
    />,
  );
  assertMatch(
    html,
    /<p>Delete the rule <strong>web<\/strong>\? It stops firing\.<\/p><div class="dialog-buttons">/,
  );
  assertMatch(html, /class="button button-danger">Delete<\/button>/);
  const plain = renderToString(
    <AskNamedDialog
      confirm={confirm}
      title="Revoke token"
      question="Revoke {{name}}?"
      confirmLabel="Revoke"
      onConfirm={() => {}}
    />,
  );
  assertMatch(plain, /<p>Revoke <strong>web<\/strong>\?<\/p>/);
  assertMatch(plain, />Revoke<\/button>/);
});

Deno.test("ask named dialog - a thing named by another field fills that placeholder", () => {
  const subject = signal<{ user: string } | null>({ user: "alice" });
  const confirm: Confirm<{ user: string }> = {
    dialogRef: { current: null },
    subject,
    ask: (t) => subject.value = t,
    then: (fn) => () => subject.value !== null && fn(subject.value),
  };
  const html = renderToString(
    <AskNamedDialog
      confirm={confirm}
      nameKey="user"
      title="Remove role"
      question="Remove the role of {{user}}?"
      confirmLabel="Remove"
      onConfirm={() => {}}
    />,
  );
  assertMatch(html, /<p>Remove the role of <strong>alice<\/strong>\?<\/p>/);
});
