// A card's facts as a definition list: a term and its value a line, the ones that do not apply
// left out (false), and a value class where one needs it (pre-line for a description).

import { type ComponentChildren, Fragment } from "preact";

export type Fact = readonly [term: string, value: ComponentChildren, valueClass?: string];

export function FactList(
  { facts, class: extra, label }: {
    facts: readonly (Fact | false | null | undefined)[];
    class?: string;
    label?: string;
  },
) {
  return (
    <dl class={extra ? `props ${extra}` : "props"} aria-label={label}>
      {facts.filter((f): f is Fact => !!f).map(([term, value, cls]) => (
        <Fragment key={term}>
          <dt>{term}</dt>
          <dd class={cls}>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
