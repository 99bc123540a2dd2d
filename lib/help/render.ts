// The user guides as HTML pages of the program itself (/help/…): docs/guide/*.md, the install
// guide, the command line and the limits, shipped inside the release (scripts/build.ts copies them into
// static/build/help/) so a host without network reads the same words as the repository. Rendered
// with marked; raw HTML in a guide is shown as text, never passed through. Links between guides
// become /help/ links; a link to a file that is not shipped (the developers' docs) keeps its words
// without the link, so no page points at something the program cannot serve.

import type { Marked, Tokens } from "marked";

/**
 * The shipped guides, by the name /help/NAME serves: each docs/guide/NAME.md, and docs/install.md,
 * docs/cli.md and docs/limits.md.
 */
export const HELP_PAGES = [
  "vms",
  "consoles",
  "storage",
  "networks",
  "backups",
  "guest",
  "devices",
  "hosts",
  "cluster",
  "monitoring",
  "access",
  "profiles",
  "reliability",
  "ui",
  "install",
  "cli",
  "limits",
] as const;
export type HelpPage = (typeof HELP_PAGES)[number];

export const isHelpPage = (name: string): name is HelpPage =>
  (HELP_PAGES as readonly string[]).includes(name);

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
  return text.toLowerCase().trim().replace(/<[^>]*>/g, "").replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/**
 * Where a guide's link goes: another shipped guide (`cluster.md#fencing`, `../limits.md`) to its
 * /help/ page, a web address or an anchor as it is; null for a file the program does not ship.
 */
export function helpHref(href: string): string | null {
  if (/^(https?:|mailto:|#)/.test(href)) return href;
  const m = /^(?:\.\.\/|\.\/)*(?:guide\/)?([a-z_]+)\.md(#[\w-]*)?$/.exec(href);
  if (m && isHelpPage(m[1])) return `/help/${m[1]}${m[2] ?? ""}`;
  // The README's own sections are the install guide's first part.
  if (/^(?:\.\.\/)+README\.md(#.*)?$/.test(href)) return "/help/install";
  return null;
}

/**
 * The guides' renderer, made at the first guide read: marked is not loaded by a server that
 * nobody asked for help yet.
 */
let marked: Promise<Marked> | null = null;

async function guideRenderer(): Promise<Marked> {
  const { Marked } = await import("marked");
  return new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth, text }: Tokens.Heading) {
        return `<h${depth} id="${slug(text)}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      link({ href, tokens, title }: Tokens.Link) {
        const words = this.parser.parseInline(tokens);
        const to = helpHref(href);
        if (to === null) return words;
        const external = /^https?:/.test(to);
        return `<a href="${escapeHtml(to)}"${title ? ` title="${escapeHtml(title)}"` : ""}${
          external ? ' rel="noreferrer"' : ""
        }>${words}</a>`;
      },
      image({ text }: Tokens.Image) {
        // Screenshots live in the repository, not in the release: their words stand in.
        return escapeHtml(text);
      },
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
    },
  });
}

/** A guide's Markdown as HTML, and its first heading as the title. */
export async function renderGuide(markdown: string): Promise<{ title: string; html: string }> {
  const title = /^#\s+(.+)$/m.exec(markdown)?.[1].trim() ?? "";
  marked ??= guideRenderer();
  return { title, html: (await marked).parse(markdown, { async: false }) };
}
