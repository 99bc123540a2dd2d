// Benchmark: the first page a user sees, /vms, in a fresh browser (a new Chromium context each
// load: no cache, no open connection) on test-driver hosts of 10, 100 and 1,000 VMs, served by
// the bundled server in a process of its own. For each size, the median of 5 loads of: the first
// VM row on screen, the whole list on screen (every row the page shows once settled), and the
// page hydrated (the list's select-all box and the command palette's button enabled), beside
// the same figures for a bare page of the same rows (the table's own markup and stylesheets, no
// shell, no script) served from this process — the floor. Times are from the start of the
// navigation; a figure is the start of the first animation frame that shows it (a frame is drawn
// only once the page may render, after its blocking stylesheets). Target: the whole list of 10 VMs
// on screen in 150 ms or less. --against DIR also loads another checkout's bundled server
// (DIR/dist/server.js, made by its `deno task bundle`) in turn with this one's, so a change is
// compared under the same load on a shared machine.
//   deno task bench:page [--sizes 10,100,1000] [--loads 5] [--against DIR]

import { parseArgs } from "node:util";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { openBrowser } from "../tests/support/browser_helpers.ts";
import { type TestDomainSpec, writeTestNode } from "../tests/support/test_node.ts";
import { SESSION_COOKIE } from "../routes/middleware/auth.ts";
import { startBenchServer } from "./server_process.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    sizes: { type: "string", default: "10,100,1000" },
    loads: { type: "string", default: "5" },
    against: { type: "string" },
  },
});
const SIZES = values.sizes!.split(",").map(Number);
const LOADS = Number(values.loads);
const TARGET_MS = 150;
const STATIC = join(import.meta.dirname!, "..", "static");
/** The stylesheets the table's own markup needs: the kit, the app's base and the list's. */
const BARE_STYLES = ["kit.css", "app.css", "vmlist.css"];

interface Load {
  row: number | null;
  full: number | null;
  hydrated: number | null;
}

const median = (xs: (number | null)[]) => {
  const known = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  return known.length ? known[Math.floor(known.length / 2)] : null;
};
const ms = (x: number | null) => (x === null ? "—" : `${x.toFixed(0)} ms`).padStart(8);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Watches every animation frame from the document's start: the first frame with a VM row, the
 * row count of each frame, and the first frame where the islands are hydrated.
 */
function watchFrames() {
  const seen = { row: null as number | null, frames: [] as [number, number][], hydrated: null };
  (globalThis as unknown as { firstPage: typeof seen }).firstPage = seen;
  const ready = () =>
    document.querySelector("thead input[type=checkbox]:not([disabled])") !== null &&
    document.querySelector("#palette-button:not([disabled])") !== null;
  const frame = () => {
    const at = performance.now();
    const rows = document.querySelectorAll("tr[data-vm-id]").length;
    if (rows > 0 && seen.row === null) seen.row = at;
    seen.frames.push([at, rows]);
    if (seen.hydrated === null && ready()) (seen as { hydrated: number | null }).hydrated = at;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** One load of `url` in a fresh context; `settled` says when the page has done its work. */
async function load(
  browser: Browser,
  url: string,
  cookie: string | null,
  settled: string,
): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    if (cookie) {
      await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url, httpOnly: true }]);
    }
    await context.addInitScript(watchFrames);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });
    await page.locator(settled).first().waitFor();
    await page.waitForTimeout(300); // a few more frames: the rows the page keeps showing
    const seen = await page.evaluate(() =>
      (globalThis as unknown as {
        firstPage: { row: number | null; frames: [number, number][]; hydrated: number | null };
      }).firstPage
    );
    // The whole list: the first frame from which the row count stays at its final value.
    const final = seen.frames.at(-1)?.[1] ?? 0;
    let full: number | null = null;
    for (const [at, rows] of seen.frames) {
      if (rows !== final) full = null;
      else full ??= at;
    }
    return { row: seen.row, full: final > 0 ? full : null, hydrated: seen.hydrated };
  } finally {
    await context.close();
  }
}

/** The bare page: `table` with the table's stylesheets, served from this process. */
function serveBare(table: string): { url: string; close(): Promise<void> } {
  const links = BARE_STYLES.map((f) => `<link rel="stylesheet" href="/static/${f}"/>`).join("");
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"/>` +
    `<title>Virtual machines</title>${links}</head>` +
    `<body><main class="main"><section class="card">${table}</section></main></body></html>`;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = new URL(req.url).pathname;
    const file = /^\/static\/([a-z_]+\.css)$/.exec(path)?.[1];
    if (file && BARE_STYLES.includes(file)) {
      return new Response(await Deno.readFile(join(STATIC, file)), {
        headers: { "content-type": "text/css; charset=utf-8", "cache-control": "no-cache" },
      });
    }
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
  });
  return { url: `http://127.0.0.1:${server.addr.port}/vms`, close: () => server.shutdown() };
}

function domainsOf(n: number): TestDomainSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `vm-${String(i).padStart(4, "0")}`,
    runstate: (i % 3 === 0 ? 5 : 1) as 1 | 5,
    vcpus: 1 + (i % 4),
    memoryMb: 1024,
  }));
}

/** The median full list of this server's /vms at 10 VMs, judged against the target. */
let tenFull: number | null = null;
const browser = await openBrowser();
try {
  console.log(
    `/vms in a fresh browser context per load; median of ${LOADS} loads; ` +
      `times from navigation start (load average ${Deno.loadavg()[0].toFixed(2)})`,
  );
  console.log(
    `${"VMs".padStart(5)}  ${"page".padEnd(5)} ${"html".padStart(9)} ${"first row".padStart(9)} ${
      "full list".padStart(9)
    } ${"hydrated".padStart(9)}`,
  );
  for (const n of SIZES) {
    const node = await writeTestNode(domainsOf(n));
    const servers = [{ name: "/vms", server: await startBenchServer(node.uri) }];
    if (values.against) {
      const entry = join(values.against, "dist", "server.js");
      servers.push({ name: "other", server: await startBenchServer(node.uri, { entry }) });
    }
    let bare: ReturnType<typeof serveBare> | null = null;
    try {
      const loads = new Map<string, Load[]>();
      const bytes = new Map<string, number>();
      for (const { name, server } of servers) {
        const url = `${server.url}/vms`;
        const cookie = { headers: { cookie: `${SESSION_COOKIE}=${server.session}` } };
        bytes.set(name, (await (await fetch(url, cookie)).bytes()).length);
        await load(browser, url, server.session, "#palette-button:not([disabled])"); // first reads
        loads.set(name, []);
      }
      // The floor: the rows this server's page shows once settled, as plain markup.
      const first = servers[0].server;
      const url = `${first.url}/vms`;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies([{ name: SESSION_COOKIE, value: first.session, url }]);
      const page = await context.newPage();
      await page.goto(url);
      await page.locator("thead input[type=checkbox]:not([disabled])").waitFor();
      await page.waitForTimeout(300);
      const table = await page.locator("table.vm-table").evaluate((el) => el.outerHTML);
      await context.close();
      bare = serveBare(table);
      bytes.set("bare", (await (await fetch(bare.url)).bytes()).length);
      loads.set("bare", []);
      // In turn, so each page meets the same load on a shared machine.
      for (let i = 0; i < LOADS; i++) {
        for (const { name, server } of servers) {
          loads.get(name)!.push(
            await load(
              browser,
              `${server.url}/vms`,
              server.session,
              "thead input[type=checkbox]:not([disabled])",
            ),
          );
        }
        loads.get("bare")!.push(await load(browser, bare.url, null, "tr"));
      }
      for (const [name, list] of loads) {
        if (n === 10 && name === "/vms") tenFull = median(list.map((l) => l.full));
        console.log(
          `${String(n).padStart(5)}  ${name.padEnd(5)} ${kb(bytes.get(name)!).padStart(9)} ${
            ms(median(list.map((l) => l.row)))
          }  ${ms(median(list.map((l) => l.full)))}  ${ms(median(list.map((l) => l.hydrated)))}`,
        );
      }
    } finally {
      await bare?.close();
      for (const { server } of servers) await server.stop();
      await node.remove();
    }
  }
  const verdict = tenFull === null
    ? "not measured (add 10 to --sizes)"
    : `${tenFull <= TARGET_MS ? "met" : "NOT met"} (${tenFull.toFixed(0)} ms)`;
  console.log(`target: 10 VMs' whole list on screen in ${TARGET_MS} ms or less: ${verdict}`);
} finally {
  await browser.close();
}
