// The user guides, served by the program itself: /help lists them, /help/NAME shows one
// (lib/help/render.ts). The Markdown is read from static/build/help/, where scripts/build.ts puts
// it, so the release and the Debian package carry it.

import { join } from "node:path";
import type { AppContext } from "../lib/context.ts";
import { HELP_PAGES, isHelpPage, renderGuide } from "../lib/help/render.ts";
import { type GuideLink, HelpPage } from "../components/HelpPage.tsx";
import { DeclaredApp } from "./declare.ts";
import { renderPage } from "./pages.tsx";
import { t } from "../shared/i18n/t.ts";

const ROOT = join(import.meta.dirname!, "..", "static", "build", "help");
const STYLES = ["/static/help.css"];

type Guides = Map<string, { title: string; html: string }>;
/** The guides by name with their titles, read once per folder (they change only with a build). */
const read = new Map<string, Promise<Guides>>();

async function readGuides(root: string): Promise<Guides> {
  const out: Guides = new Map();
  for (const name of HELP_PAGES) {
    const markdown = await Deno.readTextFile(join(root, `${name}.md`)).catch(() => null);
    if (markdown !== null) out.set(name, await renderGuide(markdown));
  }
  return out;
}

/** Mount at "/". */
export function helpRoutes(ctx: AppContext, root = ROOT): DeclaredApp {
  const app = new DeclaredApp();
  const all = () => {
    if (!read.has(root)) read.set(root, readGuides(root));
    return read.get(root)!;
  };
  const links = (guides: Guides): GuideLink[] =>
    [...guides].map(([name, g]) => ({ name, title: g.title || name }));

  app.page({
    method: "get",
    path: "/help",
    summary: "The user guides shipped with this version",
    access: "signed-in",
  }, async (c) => {
    const guides = await all();
    return renderPage(ctx, c, <HelpPage guides={links(guides)} current={null} html={null} />, {
      title: t("Help"),
      styles: STYLES,
    });
  });

  app.page({
    method: "get",
    path: "/help/:page",
    summary: "One user guide",
    access: "signed-in",
  }, async (c) => {
    const name = c.req.param("page");
    const guides = await all();
    const guide = isHelpPage(name) ? guides.get(name) : undefined;
    if (!guide) return c.notFound();
    return renderPage(
      ctx,
      c,
      <HelpPage guides={links(guides)} current={name} html={guide.html} />,
      { title: guide.title || name, styles: STYLES },
    );
  });

  return app;
}
