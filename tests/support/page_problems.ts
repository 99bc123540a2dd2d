// What a user would trip on with a page as it is now, at a phone's width and a desktop's, light
// and dark: axe-core's serious and critical findings, and a page wider than its window, for the
// host network's browser tests. The pointer stays where the test left it: a hover style is
// measured too.

import type { Page } from "playwright-core";
import axe from "axe-core";

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** The problems found, one line each ("light 390px: scrolls sideways by 12px"); [] when none. */
export async function pageProblems(page: Page, widths = [390, 1280]): Promise<string[]> {
  const found: string[] = [];
  const before = page.viewportSize()!;
  // Injected over the DevTools protocol, which the page's Content-Security-Policy does not cover.
  await page.evaluate(axe.source);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      // The side navigation slides between its phone and desktop forms.
      await page.waitForTimeout(600);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      if (wide > 0) found.push(`${scheme} ${width}px: scrolls sideways by ${wide}px`);
      const violations = await page.evaluate(async () => {
        // deno-lint-ignore no-explicit-any
        const result = await (globalThis as any).axe.run(document, {
          resultTypes: ["violations"],
        });
        return result.violations as Violation[];
      });
      for (const v of violations) {
        if (v.impact !== "serious" && v.impact !== "critical") continue;
        found.push(
          `${scheme} ${width}px: ${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
        );
      }
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(before);
  return found;
}
