// Work that can wait until the page's first frame is on screen: the shell's islands hydrate
// after the server's HTML is drawn, not before it (bundles often arrive before it is parsed).

/** The longest `fn` waits when no frame comes (a page opened in a background tab draws none). */
const AT_MOST_MS = 200;

/** Runs `fn` once, just after the next frame is painted, or after AT_MOST_MS without a frame. */
export function afterPaint(fn: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  // A frame's callbacks run before it is painted; a task queued from one runs after.
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, AT_MOST_MS);
}
