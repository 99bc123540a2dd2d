// A card: a section titled by its heading, with the card's main action beside the title and,
// under it, the words that say what the card is for.

import type { ComponentChildren } from "preact";

interface Props {
  /** Makes the heading's id (`${id}-title`) the section's name. */
  id: string;
  title: ComponentChildren;
  /** Buttons beside the title (New …, Refresh). */
  actions?: ComponentChildren;
  /** What the card is for, in a hint's small muted words under the title. */
  intro?: ComponentChildren;
  class?: string;
  children?: ComponentChildren;
}

export function Card({ id, title, actions, intro, class: extra, children }: Props) {
  const heading = <h2 id={`${id}-title`}>{title}</h2>;
  return (
    <section class={extra ? `card ${extra}` : "card"} aria-labelledby={`${id}-title`}>
      {actions ? <div class="card-head">{heading}{actions}</div> : heading}
      {intro && <p class="form-hint">{intro}</p>}
      {children}
    </section>
  );
}
