// Developer tool (issue 45): full-page screenshots of every page the app serves, at a phone, a
// laptop and a wide screen, light and dark, plus axe-core's findings on each — for looking at,
// not a test (tests/a11y_browser_test.ts is the gate for serious and critical findings).
// The pages come from the route table (tests/support/declared_pages.ts), with the create
// wizard's later steps, the 404 page and the sign-in page as nobody sees it added.
//   deno task shots [--out DIR] [--only TEXT,...] [--widths 390,1280,1920] [--schemes light,dark]
// (--only: pages whose file name holds one of the texts, e.g. --only access,vms-web-hardware)

import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import axe from "axe-core";
import type { Server } from "../main.ts";
import { vmId, withDemoServer } from "../tests/support/browser_helpers.ts";
import { declaredPagePaths } from "../tests/support/declared_pages.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    out: { type: "string", default: "/work/shots/all/" },
    only: { type: "string", default: "" },
    widths: { type: "string", default: "390,1280,1920" },
    schemes: { type: "string", default: "light,dark" },
  },
});
const OUT = values.out!.replace(/\/?$/, "/");
const WIDTHS = values.widths!.split(",").map(Number);
const SCHEMES = values.schemes!.split(",") as ("light" | "dark")[];

/** A phone is 844 px tall (an iPhone 12–14), every wider window 900. */
const heightFor = (width: number) => width <= 480 ? 844 : 900;

interface Shot {
  /** The file name's stem, e.g. "vms-web-hardware". */
  name: string;
  /** Opens the page (and walks it to the state to show); the page is then shot as it is. */
  open: (page: Page) => Promise<void>;
  /** Shot in a browser context without the session cookie. */
  signedOut?: boolean;
}

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** "/vms/<web's id>/hardware" → "vms-web-hardware"; "/" → "dashboard". */
function stem(path: string, ids: Map<string, string>): string {
  let named = path;
  for (const [id, name] of ids) named = named.replaceAll(id, name);
  return named.replace(/^\/|\/$/g, "").replace(/[^a-z0-9]+/gi, "-") || "dashboard";
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => {});
  // Fonts and the islands' first paint; charts draw on the next frame.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise(requestAnimationFrame)));
}

function visit(url: string): Shot["open"] {
  return async (page) => {
    await page.goto(url);
    await settle(page);
  };
}

const next = (page: Page) => page.getByRole("button", { name: "Next", exact: true }).click();

/** The create wizard walked from its first step to `step` (1–5) with a name and a Debian. */
function wizardAt(url: string, step: number): Shot["open"] {
  return async (page) => {
    await page.goto(`${url}/vms/new`);
    await page.locator("#wiz-name:enabled").waitFor();
    await page.fill("#wiz-name", "shot-vm");
    if (step === 1) return await settle(page);
    await next(page);
    await page.fill("#wiz-variant-search", "debian");
    const first = page.locator("#wiz-variant option").first();
    await page.selectOption("#wiz-variant", (await first.getAttribute("value"))!);
    for (let at = 3; at <= step; at++) await next(page);
    if (step === 5) await page.getByText("The host accepts this configuration.").waitFor();
    await settle(page);
  };
}

async function shotList(server: Server): Promise<Shot[]> {
  const ids = new Map([[await vmId(server, "web"), "web"], [await vmId(server, "db"), "db"]]);
  const paths = (await declaredPagePaths(server, { agentFiles: false })).filter((p) =>
    p !== "/login"
  );
  const shots: Shot[] = paths.sort().map((path) => ({
    name: stem(path, ids),
    open: visit(server.url + path),
  }));
  // A shut-off VM's overview reads differently from a running one's.
  const db = [...ids].find(([, name]) => name === "db")![0];
  shots.push({ name: "vms-db-stopped", open: visit(`${server.url}/vms/${db}`) });
  for (let step = 2; step <= 5; step++) {
    shots.push({ name: `vms-new-step${step}`, open: wizardAt(server.url, step) });
  }
  shots.push({ name: "not-found", open: visit(`${server.url}/no-such-page`) });
  shots.push({ name: "login", open: visit(`${server.url}/login`), signedOut: true });
  const only = values.only!.split(",");
  return shots.filter((s) => only.some((part) => s.name.includes(part)));
}

/** axe's findings on the page as it is now, every impact, as "impact rule (n×): first targets". */
async function axeFindings(page: Page): Promise<string[]> {
  // Injected over the DevTools protocol, which the page's Content-Security-Policy does not cover.
  await page.evaluate(axe.source);
  const found: Violation[] = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const result = await (globalThis as any).axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  return found.map((v) =>
    `${v.impact} ${v.id} (${v.nodes.length}×): ${
      v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(", ")
    }`
  );
}

/** Elements wider than the window at this width: what makes a phone scroll sideways. */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
}

await Deno.mkdir(OUT, { recursive: true });
let findings = 0;
await withDemoServer(async (page, server) => {
  const browser = page.context().browser()!;
  const anonymous = await browser.newPage();
  const shots = await shotList(server);
  console.log(
    `${shots.length} pages × ${WIDTHS.length} widths × ${SCHEMES.length} schemes → ${OUT}`,
  );
  for (const shot of shots) {
    const tab = shot.signedOut ? anonymous : page;
    for (const scheme of SCHEMES) {
      await tab.emulateMedia({ colorScheme: scheme });
      for (const width of WIDTHS) {
        await tab.setViewportSize({ width, height: heightFor(width) });
        const label = `${shot.name} ${width} ${scheme}`;
        try {
          await shot.open(tab);
        } catch (e) {
          console.log(`${label.padEnd(40)} FAILED to open: ${(e as Error).message.split("\n")[0]}`);
          findings++;
          continue;
        }
        const wide = await overflow(tab);
        const found = await axeFindings(tab);
        await tab.screenshot({
          path: `${OUT}${shot.name}-${width}-${scheme}.png`,
          fullPage: true,
          animations: "disabled",
        });
        const notes = [...(wide > 0 ? [`scrolls sideways by ${wide}px`] : []), ...found];
        findings += notes.length;
        console.log(`${label.padEnd(40)} ${notes.length ? notes.join("; ") : "ok"}`);
      }
    }
  }
  await anonymous.close();
});
console.log(findings ? `${findings} findings` : "no findings");
