// The way back from an object's page: the list it belongs to, linked, then where the page is.

import type { ComponentChildren } from "preact";

/** `list`: the list's name, at `href`; `children`: the object's name (and tab, if any). */
export function Breadcrumb(
  { href, list, children }: { href: string; list: string; children: ComponentChildren },
) {
  return (
    <p class="breadcrumb">
      <a href={href}>{list}</a> / {children}
    </p>
  );
}
