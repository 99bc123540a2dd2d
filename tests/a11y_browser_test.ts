// Accessibility (issue 23 item 8): axe-core over every page the app declares, in the light and
// the dark colour scheme, at a desktop and a phone width. A serious or critical violation fails
// the test with the rule, what it means and the elements that break it.

import type { Page } from "playwright-core";
import axe from "axe-core";
import type { Server } from "../main.ts";
import { assertEquals } from "./support/assert.ts";
import { withDemoServer } from "./support/browser_helpers.ts";
import { declaredPagePaths } from "./support/declared_pages.ts";

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Every declared page, the page of a path no route declares, and the sign-in page as nobody sees it. */
async function pagePaths(server: Server): Promise<string[]> {
  return [...new Set([...await declaredPagePaths(server), "/no-such-page"])].sort();
}

/**
 * The serious and critical violations axe finds on the page as it is now. `inject: false` when
 * axe is already on this document (the same page, only the colour scheme switched).
 */
async function violations(page: Page, inject = true): Promise<Violation[]> {
  // Injected over the DevTools protocol, which the page's Content-Security-Policy does not cover.
  if (inject) await page.evaluate(axe.source);
  const found = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const result = await (globalThis as any).axe.run(document, {
      resultTypes: ["violations"],
    });
    return result.violations as Violation[];
  });
  return found.filter((v) => v.impact === "serious" || v.impact === "critical");
}

function describe(path: string, scheme: string, width: number, found: Violation[]): string[] {
  return found.map((v) =>
    `${path} (${scheme}, ${width}px): ${v.id} — ${v.help}: ${
      v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")
    }`
  );
}

const SCHEMES = ["light", "dark"] as const;

/**
 * The problems on the page as loaded, in each colour scheme. The colours follow
 * `prefers-color-scheme` in CSS alone (no script reads it and no colour is animated), so the
 * page is loaded once and axe runs again after switching: the same check as a load in each
 * scheme, at half the loads. The switch is confirmed on the page before axe runs. `inject`
 * false when axe is already on this document.
 */
async function inEachScheme(
  page: Page,
  label: string,
  width: number,
  inject = true,
): Promise<string[]> {
  const problems: string[] = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    const dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
    assertEquals(dark, scheme === "dark", `${label}: the page is in the ${scheme} scheme`);
    const first = inject && scheme === SCHEMES[0];
    problems.push(...describe(label, scheme, width, await violations(page, first)));
  }
  return problems;
}

/**
 * Narrows the loaded page to `width` and waits until it has laid itself out again. What changes
 * with the width is CSS, and the few scripts that move things for a phone (the VM table's cards,
 * the shell's drawer, the account menu) follow `matchMedia` change events: the narrowed page is
 * the page a phone loads, with axe already on it.
 */
async function narrow(page: Page, width: number) {
  await page.setViewportSize({ width, height: 900 });
  await page.waitForFunction((w) => innerWidth === w, width);
  // Two frames: the change events' effects are rendered by then.
  await page.evaluate(() =>
    new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
  );
}

/**
 * The islands on the loaded page that did not hydrate (islands/client/hydrate.ts marks those
 * that did): one missing from its page's bundle, or one that threw. Checked here, where every
 * page is loaded anyway; routes/pages_bundles_test.ts checks the bundles without a browser.
 */
function deadIslands(page: Page, path: string): Promise<string[]> {
  return page.evaluate(
    (path) =>
      [...document.querySelectorAll<HTMLElement>("[data-island]:not([data-hydrated])")]
        .map((el) => `${path}: island ${el.dataset.island} did not hydrate`),
    path,
  );
}

Deno.test("a11y browser - every page has no serious or critical axe violation (light and dark), and every island on it hydrates", async () => {
  await withDemoServer(async (page, server) => {
    const problems: string[] = [];
    for (const path of await pagePaths(server)) {
      // Loaded once, wide and light; checked in both schemes, then narrowed to a phone's width
      // and checked again: a load per page instead of four.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ colorScheme: "light" });
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState("networkidle");
      problems.push(...await deadIslands(page, path));
      problems.push(...await inEachScheme(page, path, 1280));
      await narrow(page, 390);
      problems.push(...await inEachScheme(page, path, 390, false));
    }
    assertEquals(problems, []);
  });
});

Deno.test("a11y browser - the sign-in page has no serious or critical axe violation", async () => {
  await withDemoServer(
    async (page, server) => {
      const problems: string[] = [];
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`${server.url}/login`);
        await page.waitForLoadState("networkidle");
        problems.push(...await deadIslands(page, "/login"));
        problems.push(...describe("/login", scheme, 1280, await violations(page)));
      }
      assertEquals(problems, []);
    },
    undefined,
    { signInAs: null },
  );
});

Deno.test("a11y browser - every step of the create wizard has no serious or critical axe violation", async () => {
  await withDemoServer(async (page, server) => {
    const problems: string[] = [];
    const next = () => page.getByRole("button", { name: "Next", exact: true }).click();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      // /vms/new is the first step; the later ones are no page of their own.
      await page.emulateMedia({ colorScheme: "light" });
      await page.goto(`${server.url}/vms/new`);
      await page.locator("#wiz-name:enabled").waitFor();
      await page.fill("#wiz-name", "a11y-vm");
      await next();
      await page.fill("#wiz-variant-search", "debian");
      const first = page.locator("#wiz-variant option").first();
      await page.selectOption("#wiz-variant", (await first.getAttribute("value"))!);
      for (const step of [2, 3, 4, 5]) {
        if (step > 2) await next();
        if (step === 5) await page.getByText("The host accepts this configuration.").waitFor();
        problems.push(...await inEachScheme(page, `/vms/new step ${step}`, width));
      }
    }
    assertEquals(problems, []);
  });
});
