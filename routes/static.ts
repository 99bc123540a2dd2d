// Serves static/ (hand-written CSS, icons and the island bundles in static/build/) to anyone,
// except static/build/agent/: the guest agent's files sit there so the binary embeds them, but
// they are admin-only, served at /agent/ (routes/agent_files.ts). base.css is the Layout's
// stylesheets joined into one (components/shell/styles.ts), made from the files as they are now.

import { extname, join, normalize, sep } from "node:path";
import { BASE_STYLESHEET, BASE_STYLESHEET_PARTS } from "../components/shell/styles.ts";
import { DeclaredApp } from "./declare.ts";

// Relative to this module, so `deno compile --include static` finds the embedded copy.
const ROOT = join(import.meta.dirname!, "..", "static");

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** The folder under the root that is never served here. */
const AGENT_DIR = join("build", "agent");

const etagOf = (info: Deno.FileInfo) =>
  `${info.size.toString(36)}-${(info.mtime?.getTime() ?? 0).toString(36)}`;

/**
 * The joined stylesheet's ETag and bytes: its parts in order, each after a comment naming it;
 * joined again only when a part changed (its size or time), else the last join.
 */
function baseStylesheet(root: string) {
  let last: { etag: string; body: Uint8Array<ArrayBuffer> } | null = null;
  return async () => {
    const files = BASE_STYLESHEET_PARTS.map((part) => join(root, part));
    const infos = await Promise.all(files.map((f) => Deno.stat(f)));
    const etag = `W/"${infos.map(etagOf).join(".")}"`;
    if (last?.etag !== etag) {
      const texts = await Promise.all(files.map((f) => Deno.readTextFile(f)));
      const css = texts.map((text, i) => `/* ${BASE_STYLESHEET_PARTS[i]} */\n${text}`).join("\n");
      last = { etag, body: new TextEncoder().encode(css) };
    }
    return last;
  };
}

/** Mount at "/static": `app.route("/static", staticRoutes())`. */
export function staticRoutes(root = ROOT): DeclaredApp {
  const app = new DeclaredApp();
  const base = baseStylesheet(root);
  app.page({
    method: "get",
    path: "/:path{.+}",
    summary: "Static assets: styles, icons and the island bundles",
    access: "public",
  }, async (c) => {
    const rel = normalize(c.req.param("path"));
    const type = TYPES[extname(rel)];
    if (!type || rel.startsWith("..") || rel.split(sep).includes("..")) return c.notFound();
    if (rel === AGENT_DIR || rel.startsWith(AGENT_DIR + sep)) return c.notFound();
    if (rel === BASE_STYLESHEET) {
      const { etag, body } = await base();
      const headers = { "content-type": type, "cache-control": "no-cache", etag };
      if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
      return c.body(body, 200, headers);
    }
    const file = join(root, rel);
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(file);
    } catch {
      return c.notFound();
    }
    if (!info.isFile) return c.notFound();
    // Bundle names carry no hash, so browsers revalidate each time and get a cheap 304.
    const etag = `W/"${etagOf(info)}"`;
    const headers = { "content-type": type, "cache-control": "no-cache", etag };
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
    return c.body(await Deno.readFile(file), 200, headers);
  });
  return app;
}
