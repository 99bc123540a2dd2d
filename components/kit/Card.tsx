// A card: a section titled by its heading, with the card's main action beside the title.

import type { ComponentChildren } from "preact";

interface Props {
  /** Makes the heading's id (`${id}-title`) the section's name. */
  id: string;
  title: ComponentChildren;
  /** Buttons beside the title (New …, Refresh). */
  actions?: ComponentChildren;
  class?: string;
  children?: ComponentChildren;
}

export function Card({ id, title, actions, class: extra, children }: Props) {
  const heading = <h2 id={`${id}-title`}>{title}</h2>;
  return (
    <section class={extra ? `card ${extra}` : "card"} aria-labelledby={`${id}-title`}>
      {actions ? <div class="card-head">{heading}{actions}</div> : heading}
      {children}
    </section>
  );
}
