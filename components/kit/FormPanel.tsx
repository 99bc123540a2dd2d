// A form as every screen draws it: named by its heading, its fields, the API's words when saving
// failed, and its buttons (submit first, Cancel). Its state comes from useSubmit.

import type { ComponentChildren } from "preact";
import { FormButtons } from "./FormButtons.tsx";
import { Notice } from "./Notice.tsx";
import type { Submit } from "./use_form.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  /** The form's accessible name, and its heading unless `title` says otherwise. */
  label: string;
  title?: ComponentChildren;
  /** h2 in a page's panel, h3 inside a card. */
  heading?: 2 | 3;
  /** "form-panel" (set apart above a table), "settings-form" (inside a card) … */
  class: string;
  submit: Submit;
  submitLabel: ComponentChildren;
  /** Disabled for another reason than being busy (nothing chosen yet). */
  disabled?: boolean;
  onCancel?: () => void;
  kind?: "primary" | "danger";
  /** Lets the browser check `required` and the like before the submit runs. */
  browserValidates?: boolean;
  /** A form inside a card: an h3 heading and the failure as the smaller note. */
  inCard?: boolean;
  /** Buttons after Cancel. */
  buttons?: ComponentChildren;
  children: ComponentChildren;
}

export function FormPanel(
  { label, title = label, heading = 2, submit, submitLabel, browserValidates, ...rest }: Props,
) {
  const Heading = heading === 2 && !rest.inCard ? "h2" : "h3";
  return (
    <form
      class={rest.class}
      noValidate={!browserValidates}
      onSubmit={submit.onSubmit}
      aria-label={label}
    >
      <Heading>{title}</Heading>
      {rest.children}
      <Notice tone="error" kind={rest.inCard ? "note" : "notice"}>{submit.failure.value}</Notice>
      <FormButtons
        submit={submitLabel}
        busy={submit.busy.value}
        disabled={rest.disabled}
        onCancel={rest.onCancel}
        kind={rest.kind}
      >
        {rest.buttons}
      </FormButtons>
    </form>
  );
}

/** A form's names, translated by its caller: t("Edit profile"), t("New profile"). */
export interface EditOrNewWords {
  edit: string;
  new: string;
}

/**
 * A FormPanel's words for a form that edits `editing` or, when there is none, makes a new one.
 * `words` are whole phrases (German changes "New" with the noun's gender); a plain noun is the
 * old English-only way, left for callers not moved yet.
 */
export function editOrNew(
  editing: { name: string } | null | undefined,
  words: EditOrNewWords | string,
  createLabel: string,
): { label: string; title: string; submitLabel: string } {
  const { edit, new: fresh } = typeof words === "string" ? englishWords(words) : words;
  return editing
    ? {
      label: edit,
      title: t("Edit {{name}}", { name: editing.name }),
      submitLabel: t("Save changes"),
    }
    : { label: fresh, title: fresh, submitLabel: createLabel };
}

// deno-lint-ignore translate/untranslated-text -- the old callers' English, until they pass words
const englishWords = (noun: string) => ({ edit: `Edit ${noun}`, new: `New ${noun}` });
