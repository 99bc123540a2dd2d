// Benchmark: the VM list page with 5,000 test-driver VMs in Chromium: the time until the whole
// list is on screen and usable (hydrated, its count shown), and the longest long task
// (PerformanceObserver "longtask") while loading and while scrolling to the last VM, beside the
// raw libvirt list call measured in this same run. Target: no long task over 50 ms in scrolling.
// Long tasks depend on the machine's load; the main thread's script, style and layout time while
// scrolling (Chromium's Performance.getMetrics) say more steadily what each step costs, and
// --throttle N slows the CPU N times (as a slower or busier machine) so long tasks show.
//   deno task bench:list-scroll [--vms N] [--throttle N]

import { parseArgs } from "node:util";
import { listFloorMs } from "./list_floor.ts";
import { withDemoServer } from "../tests/support/browser_helpers.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    vms: { type: "string", default: "5000" },
    throttle: { type: "string", default: "1" },
  },
});
const VMS = Number(values.vms);
const THROTTLE = Number(values.throttle);
const STEPS = 60;

const domains = Array.from({ length: VMS }, (_, i) => ({
  name: `vm-${String(i).padStart(4, "0")}`,
  runstate: (i % 3 === 0 ? 5 : 1) as 1 | 5,
  vcpus: 1 + (i % 4),
  memoryMb: 512,
}));

await withDemoServer(async (page, server) => {
  // The floor: the same libvirt work done directly through FFI on this thread.
  const floor = listFloorMs(server.ctx.config.uri);

  await page.addInitScript(() => {
    const w = globalThis as unknown as { longTasks: { at: number; ms: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push({ at: e.startTime, ms: e.duration });
    }).observe({ type: "longtask", buffered: true });
  });
  // Once warm (bundles and the server's first list cached), as a user's second visit.
  await page.goto(`${server.url}/vms`);
  await page.goto(`${server.url}/vms`);
  await page.locator("input[aria-label='Select all shown VMs']:not([disabled])").waitFor();
  await page.getByText(`${VMS} VMs`).waitFor();
  const onScreen = await page.evaluate(() => performance.now());

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  if (THROTTLE > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  const metrics = async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  };
  const before = await metrics();
  const scrollStart = await page.evaluate(() => performance.now());
  const wrapper = page.locator(".data-table-virtual");
  for (let i = 1; i <= STEPS; i++) {
    await wrapper.evaluate((el, f) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
      return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }, i / STEPS);
  }
  const last = domains[domains.length - 1].name;
  await page.getByRole("link", { name: last, exact: true }).waitFor();
  await page.waitForTimeout(200); // let a last long task be reported
  const after = await metrics();
  const spent = (name: string) => ((after[name] - before[name]) * 1000 / STEPS).toFixed(1);
  const tasks = await page.evaluate(() =>
    (globalThis as unknown as { longTasks: { at: number; ms: number }[] }).longTasks
  );
  const longest = (xs: { ms: number }[]) => xs.reduce((m, t) => Math.max(m, t.ms), 0);
  const loading = tasks.filter((t) => t.at < scrollStart);
  const scrolling = tasks.filter((t) => t.at >= scrollStart);
  const rows = await page.locator("tr[data-vm-id]").count();

  console.log(
    `${
      THROTTLE > 1 ? `CPU slowed ${THROTTLE}×; ` : ""
    }VMs: ${VMS}; ${STEPS} scroll steps to the last VM; ${rows} rows rendered at the end`,
  );
  console.log(`floor  FFI list + name/UUID/info (median of 7)  ${floor.toFixed(1)} ms`);
  console.log(`page   /vms navigation start → list on screen   ${onScreen.toFixed(0)} ms`);
  console.log(
    `load   long tasks ${loading.length}, longest ${
      longest(loading).toFixed(0)
    } ms (parse and hydrate)`,
  );
  console.log(
    `scroll long tasks ${scrolling.length}, longest ${
      longest(scrolling).toFixed(0)
    } ms (target: none over 50 ms)`,
  );
  console.log(
    `step   main thread per scroll step: script ${spent("ScriptDuration")} ms, style ${
      spent("RecalcStyleDuration")
    } ms, layout ${spent("LayoutDuration")} ms, all tasks ${spent("TaskDuration")} ms`,
  );
}, domains);
