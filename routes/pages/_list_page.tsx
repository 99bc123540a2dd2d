// What the list pages share (storage pools, networks, host devices, the topology): one read of
// what libvirt knows, shown by one island in a card under the page's muted lead. The page
// renders without libvirt too: the island says why it has nothing and reads again, and the page
// says since when what it shows was known.

import type { Context } from "hono";
import type { ComponentChildren, VNode } from "preact";
import type { NavItem } from "../layout/Layout.tsx";
import type { PageRead } from "../page_data.ts";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";

export interface ListPage {
  title: string;
  /** The sentence under the title: what the list is for. */
  lead: ComponentChildren;
  active: NavItem;
  styles: string[];
  /** What stands above the card (the Networks page's links to bridge a NIC). */
  above?: VNode;
}

/**
 * The list page of `read`; `island` shows its value, or null and why there is none. The island
 * is the page file's own, so that its bundle hydrates it (scripts/page_manifest.ts).
 */
export function renderListPage<T>(
  page: PageKit,
  c: Context,
  read: PageRead<T>,
  island: (value: T | null, error: string | null) => VNode,
  { title, lead, active, styles, above }: ListPage,
): Response {
  const body = (
    <>
      {above}
      <section class="card">{island(read.value, page.missing(read))}</section>
    </>
  );
  return page.render(c, body, {
    title,
    head: { muted: true, lead },
    active,
    styles,
    stale: staleOf([read]),
  });
}
