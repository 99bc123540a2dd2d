// Keeps a console's screen as tall as the window leaves room for, so "Scale to fit" fits the
// whole guest screen in view: whatever the header, tabs and toolbar above it take (they wrap on
// narrow windows), the page then needs no scrolling. CSS alone cannot know that height.

import { type RefObject } from "preact";
import { useEffect } from "preact/hooks";

/** The screen is never shorter than this, even in a very short window. */
export const MIN_SCREEN_PX = 240;

/** Sets `screen`'s height to the room left below its top; again on resize and `deps` changes. */
export function useFitHeight(screen: RefObject<HTMLElement | null>, deps: unknown[] = []): void {
  useEffect(() => {
    const fit = () => {
      const el = screen.current;
      if (!el || document.fullscreenElement) return;
      const root = document.documentElement;
      const top = el.getBoundingClientRect().top + scrollY;
      el.style.height = `${Math.max(MIN_SCREEN_PX, innerHeight - top)}px`;
      // What is below it (the console's padding, the page's margin) comes off too.
      const over = root.scrollHeight - innerHeight;
      if (over > 0) el.style.height = `${Math.max(MIN_SCREEN_PX, innerHeight - top - over)}px`;
    };
    fit();
    addEventListener("resize", fit);
    document.addEventListener("fullscreenchange", fit);
    return () => {
      removeEventListener("resize", fit);
      document.removeEventListener("fullscreenchange", fit);
    };
  }, deps);
}
