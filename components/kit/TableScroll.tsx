// A wide table's sideways scroller. It is a named region a keyboard can focus, so the columns
// past the edge of a phone can be reached without a mouse (axe: scrollable-region-focusable).

import type { ComponentChildren } from "preact";

export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
