// A choice of several among a few, each a checkbox inside its label, under a legend: which events
// a rule sends, which targets it sends to, which VMs a job runs on, which weekdays.

import type { ComponentChildren } from "preact";
import { Checkbox } from "./controls.tsx";

interface Props<V extends string | number> {
  legend: ComponentChildren;
  /** Each box's value (its key) and its words. */
  options: readonly (readonly [value: V, label: ComponentChildren])[];
  /** The values ticked. */
  chosen: readonly V[];
  /** The values ticked after a click: one added at the end, or one taken out. */
  onChosen: (chosen: V[]) => void;
  /** Shown between the legend and the boxes: what to do when there is nothing to choose. */
  children?: ComponentChildren;
}

export function CheckboxChoices<V extends string | number>(
  { legend, options, chosen, onChosen, children }: Props<V>,
) {
  return (
    <fieldset class="choice">
      <legend>{legend}</legend>
      {children}
      {options.map(([value, label]) => (
        <Checkbox
          key={value}
          label={label}
          checked={chosen.includes(value)}
          onChecked={(on) => onChosen(toggled(chosen, value, on))}
        />
      ))}
    </fieldset>
  );
}

/** `list` with `item` added at the end (once) or taken out. */
export function toggled<V>(list: readonly V[], item: V, on: boolean): V[] {
  return on ? (list.includes(item) ? [...list] : [...list, item]) : list.filter((x) => x !== item);
}
