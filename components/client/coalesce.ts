// One reload at a time, whatever asks for it: for the islands' live lists and the kit's reload hook.

/**
 * Wraps a reload so calls during a run cost one more run after it, never a parallel one (a
 * burst of events, e.g. an upload's create and refresh, becomes at most two reads).
 */
export function coalesce(reload: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await reload();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  return run;
}
