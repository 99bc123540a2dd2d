// Benchmark: every page the app declares on a 42-VM demo host (libvirt's test driver) in
// Chromium, warm (the second visit): when the server's HTML has arrived (responseEnd) and when
// the page is interactive — its module scripts, which hydrate the islands, have run
// (domContentLoadedEventEnd) — each the median of 5 loads, beside the raw libvirt list of the
// same VMs measured in this run. Target: every page interactive in under 500 ms.
//   deno task bench:pages [--vms N] [--lang en|de]

import { parseArgs } from "node:util";
import { listFloorMs } from "./list_floor.ts";
import { withDemoServer } from "../tests/support/browser_helpers.ts";
import { declaredPagePaths } from "../tests/support/declared_pages.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { vms: { type: "string", default: "42" }, lang: { type: "string", default: "en" } },
});
const VMS = Number(values.vms);
const LOADS = 5;
const TARGET_MS = 500;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const domains = Array.from({ length: VMS }, (_, i) => ({
  name: i === 0 ? "web" : `vm-${String(i).padStart(2, "0")}`,
  runstate: (i % 3 === 0 ? 5 : 1) as 1 | 5,
  vcpus: 1 + (i % 4),
  memoryMb: 1024,
}));

await withDemoServer(async (page, server) => {
  const floor = listFloorMs(server.ctx.config.uri);

  await page.setExtraHTTPHeaders({ "accept-language": values.lang! });
  const paths = (await declaredPagePaths(server, { agentFiles: false })).sort();

  console.log(`VMs: ${VMS}; language ${values.lang}; median of ${LOADS} warm loads per page`);
  console.log(`floor  FFI list + name/UUID/info (median of 7)  ${floor.toFixed(1)} ms`);
  console.log(`${"page".padEnd(52)} ${"html".padStart(7)} ${"interactive".padStart(12)}`);
  let slowest = { path: "", ms: 0 };
  for (const path of paths) {
    await page.goto(`${server.url}${path}`); // warm: bundles cached, first reads done
    const html: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      await page.goto(`${server.url}${path}`, { waitUntil: "domcontentloaded" });
      const timing = await page.evaluate(() => {
        const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
        return { html: nav.responseEnd, ready: nav.domContentLoadedEventEnd };
      });
      html.push(timing.html);
      ready.push(timing.ready);
    }
    const ms = median(ready);
    if (ms > slowest.ms) slowest = { path, ms };
    console.log(
      `${path.padEnd(52)} ${median(html).toFixed(0).padStart(4)} ms ${
        ms.toFixed(0).padStart(9)
      } ms`,
    );
  }
  console.log(
    `slowest ${slowest.path}: ${
      slowest.ms.toFixed(0)
    } ms (target: every page under ${TARGET_MS} ms)`,
  );
}, domains);
