// Virtualised rows for the kit's data table (@tanstack/virtual-core): of thousands of rows only
// those in (and just around) the scroll wrapper's view are rendered, with spacer rows above and
// below keeping the scroll height. Rows have one fixed height (the table's CSS holds them to it),
// so nothing is measured while scrolling.

import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
} from "@tanstack/virtual-core";
import type { RefObject } from "preact";
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from "preact/hooks";

/**
 * Rows rendered beyond each edge of the view: enough that Tab and the arrow keys always reach a
 * rendered row (the browser then scrolls it into view), few enough that a long jump builds little.
 */
const OVERSCAN = 4;

/** Which rows to render and how much space stands in for the rest. */
export interface RowWindow {
  start: number;
  /** One past the last rendered row. */
  end: number;
  padTop: number;
  padBottom: number;
}

/** The first `rows` rows: what the server renders and hydration starts from. */
export function firstRows(count: number, rows: number, rowHeight: number): RowWindow {
  const end = Math.min(count, rows);
  return { start: 0, end, padTop: 0, padBottom: (count - end) * rowHeight };
}

/**
 * The window of rows to render in `scrollRef`'s element. Off (every row) when `enabled` is
 * false; before mount (and on the server) the first `initialRows`.
 */
export function useVirtualRows(
  { scrollRef, count, rowHeight, initialRows, overscan = OVERSCAN, enabled }: {
    scrollRef: RefObject<HTMLElement | null>;
    count: number;
    rowHeight: number;
    initialRows: number;
    overscan?: number;
    enabled: boolean;
  },
): RowWindow {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // One estimate function for the instance's life: a new one would re-measure every row.
  const height = useRef(rowHeight);
  height.current = rowHeight;
  const [virtualizer] = useState(() =>
    new Virtualizer<HTMLElement, HTMLElement>({
      count,
      getScrollElement: () => scrollRef.current,
      estimateSize: () => height.current,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      initialRect: { width: 0, height: initialRows * rowHeight },
      overscan,
      onChange: () => rerender(0),
    })
  );
  virtualizer.setOptions({ ...virtualizer.options, count, enabled, overscan });
  // Until the wrapper is measured (the server, hydration) the first rows: the same on both sides.
  const [mounted, setMounted] = useState(false);
  useEffect(() => virtualizer._didMount(), []);
  useLayoutEffect(() => {
    virtualizer._willUpdate();
    if (!mounted) setMounted(true);
  });

  if (!enabled) return { start: 0, end: count, padTop: 0, padBottom: 0 };
  const items = mounted ? virtualizer.getVirtualItems() : [];
  if (items.length === 0) return firstRows(count, initialRows, rowHeight);
  const start = items[0].index;
  const end = items[items.length - 1].index + 1;
  return {
    start,
    end,
    padTop: items[0].start,
    padBottom: Math.max(0, virtualizer.getTotalSize() - items[items.length - 1].end),
  };
}
