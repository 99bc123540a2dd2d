// The choices of a select (or of checkboxes) whose words are a table of message keys, one per
// value (KIND_LABELS, MODE_LABELS …): each value with its words translated when drawn.

import { t } from "../../shared/i18n/t.ts";

export function wordOptions<V extends string>(
  values: readonly V[],
  words: Record<V, string>,
): (readonly [V, string])[] {
  return values.map((v) => [v, t(words[v])] as const);
}
