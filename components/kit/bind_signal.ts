// A control's value and its change callback taken from one signal, so a field that simply edits
// a signal says so once: <TextField id="name" label={t("Name")} {...bindSignal(name)} />.

import type { Signal } from "@preact/signals";

/** What TextField, SelectField, TextAreaField and InlineField take to show and change a value. */
export interface BoundValue {
  value: string;
  onValue: (value: string) => void;
}

export function bindSignal(signal: Signal<string>): BoundValue {
  return { value: signal.value, onValue: (value) => signal.value = value };
}
