// A form's fields bound to its draft by key, so that a form lists each field as its key, its
// words and its limits, as a Proxmox edit window lists its fields by name: the field's id is the
// form's prefix and the key ("target-new-port"; `id` names the part after the prefix where the
// page's ids differ from the draft's keys), its value and change are the draft's. The controls
// are the kit's own TextField, SelectField and TextAreaField, so the markup is theirs.
//
//   const field = draftFields(draft, "target-new");
//   {field.text("port", { label: t("Port"), type: "number", min: 1, max: 65535 })}

import type { ComponentProps, JSX } from "preact";
import { SelectField, TextAreaField, TextField } from "./controls.tsx";
import type { Draft } from "./use_form.ts";

/** A control's props less what the draft and the prefix give; `id`: the part after the prefix. */
type Bound<P> = Omit<P, "id" | "value" | "onValue"> & { id?: string };

/** The draft's keys whose values are text (a select's choice included). */
type TextKey<T> = Parameters<Draft<T>["text"]>[0];

export interface DraftFields<T> {
  text(key: TextKey<T>, props: Bound<ComponentProps<typeof TextField>>): JSX.Element;
  select(key: TextKey<T>, props: Bound<ComponentProps<typeof SelectField>>): JSX.Element;
  area(key: TextKey<T>, props: Bound<ComponentProps<typeof TextAreaField>>): JSX.Element;
}

export function draftFields<T>(draft: Draft<T>, prefix: string): DraftFields<T> {
  const bound = (key: TextKey<T>, id: string | undefined) => ({
    id: `${prefix}-${id ?? String(key)}`,
    ...draft.text(key),
  });
  return {
    text: (key, { id, ...props }) => <TextField {...props} {...bound(key, id)} />,
    select: (key, { id, ...props }) => <SelectField {...props} {...bound(key, id)} />,
    area: (key, { id, ...props }) => <TextAreaField {...props} {...bound(key, id)} />,
  };
}
