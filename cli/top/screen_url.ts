// Where `kvm-manager top`'s screen module is. The screen carries Ink and React (~400 KB), which
// the server never runs, so the server bundle (scripts/bundle_server.ts) leaves it out: it is a
// bundle of its own beside dist/server.js, loaded by URL only when `top` runs.

/** The screen's source (relative to the project) and its bundle's name in dist/. */
export const TOP_SCREEN_BUNDLE = { source: "cli/top/app.ts", bundle: "top-screen.js" } as const;

/**
 * The URL to import the screen from, for a caller in cli/ whose `import.meta.url` is
 * `callerUrl`: the bundle beside dist/server.js when the caller is bundled, else the source.
 */
export function topScreenUrl(callerUrl: string): URL {
  if (callerUrl.endsWith(".js")) return new URL(`./${TOP_SCREEN_BUNDLE.bundle}`, callerUrl);
  return new URL("./top/app.ts", callerUrl);
}
