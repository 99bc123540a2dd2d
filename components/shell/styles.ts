// The stylesheets of every page in the Layout, served as one (routes/static.ts): a first visit
// then waits for one stylesheet before it can draw, not for nine over six connections.

/** The combined stylesheet's path under /static/. */
export const BASE_STYLESHEET = "base.css";

/** Its parts under static/, in cascade order: later sheets win ties, as separate links did. */
export const BASE_STYLESHEET_PARTS = [
  "kit.css",
  "app.css",
  "shell.css",
  "tree.css",
  "auth.css",
  "tabs.css",
  "tasks.css",
  "vmlist.css",
  "palette.css",
] as const;
