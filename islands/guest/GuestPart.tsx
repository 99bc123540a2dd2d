// One part of the Guest card that reads the guest on open and on Refresh (Activity, Services,
// Updates): its heading and buttons, why the last read failed, "Asking the guest…" until the
// first answer, and the answer's own content once there is one.

import type { ComponentChildren } from "preact";
import type { GuestRead } from "./use_guest_read.ts";
import { Button } from "../../components/kit/Button.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props<T> {
  read: GuestRead<T>;
  /** The part's <h3>, with the id its tables are labelled by. */
  heading: ComponentChildren;
  /** The words of its Refresh button, which reads again. */
  refreshLabel: string;
  disabled: boolean;
  /** Buttons that choose what is read (by CPU, by memory), grouped with Refresh under `label`. */
  choices?: { label: string; buttons: ComponentChildren };
  children: (answer: T) => ComponentChildren;
}

export function GuestPart<T>(
  { read, heading, refreshLabel, disabled, choices, children }: Props<T>,
) {
  const answer = read.value.value;
  const refresh = (
    <Button small disabled={disabled || read.busy.value} busy={read.busy.value} onClick={read.load}>
      {refreshLabel}
    </Button>
  );
  return (
    <div class="guest-part" aria-busy={read.busy.value}>
      <div class="card-head">
        {heading}
        {choices
          ? (
            <div class="form-buttons" role="group" aria-label={choices.label}>
              {choices.buttons}
              {refresh}
            </div>
          )
          : refresh}
      </div>
      {read.error.value && <p class="notice notice-error" role="alert">{read.error.value}</p>}
      {!answer && !read.error.value && <p class="muted">{t("Asking the guest…")}</p>}
      {answer && children(answer)}
    </div>
  );
}
