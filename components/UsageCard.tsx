// The card around a usage-graphs island (host on the dashboard, a VM on its page).

import type { ComponentChildren } from "preact";
import { t } from "../shared/i18n/t.ts";

interface Props {
  title: string;
  /** The whole row of the cards grid, rather than two columns. */
  full?: boolean;
  children: ComponentChildren;
}

export function UsageCard({ title, full = false, children }: Props) {
  return (
    <section class={`card ${full ? "card-full" : "card-wide"}`} aria-labelledby="graphs-title">
      <h2 id="graphs-title">{title}</h2>
      <noscript>
        <p class="muted">{t("The graphs need JavaScript.")}</p>
      </noscript>
      {children}
    </section>
  );
}
