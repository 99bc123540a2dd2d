// The head most pages open with: their title, and the sentence under it that says what the page
// is for. Pages ask for it with the kit's `render(c, body, { title, head: { lead } })`
// (routes/page_kit.tsx), which puts it above their body.

import type { ComponentChildren } from "preact";

/** `children`: the lead sentence. `muted`: in the kit's muted colour, as some pages have it. */
export function PageHead(
  { title, muted = false, children }: {
    title: string;
    muted?: boolean;
    children: ComponentChildren;
  },
) {
  return (
    <>
      <h1>{title}</h1>
      <p class={muted ? "muted lead" : "lead"}>{children}</p>
    </>
  );
}
