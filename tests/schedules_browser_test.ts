// Browser tier for /schedules on a test-driver node: a daily job made through the form (with its
// next-runs preview), its next run in the table, Run now with the run history's per-VM results
// (live, from "schedule-run" events), a refused job's message word for word, and delete.

import type { Page } from "playwright-core";
import type { Schedule } from "../shared/scheduler.ts";
import { formatRunTime } from "../islands/schedules/format.ts";
import { assertEquals } from "./support/assert.ts";
import { apiAnswer, withDemoServer } from "./support/browser_helpers.ts";

// tests/support/test_node.ts numbers the default domains web, db (shut off), cache from 1.
const DB = "6b5a6f1e-0000-4000-8000-000000000002";
const NAME = "kvmm-test-sched-nightly";

/** The next five 03:00 UTC after now, as the form and table print them. */
function nextThreeAm(count: number): string[] {
  const day = 86_400_000;
  let t = Math.floor(Date.now() / day) * day + 3 * 3_600_000;
  if (t <= Date.now()) t += day;
  return Array.from({ length: count }, (_, i) => formatRunTime(t + i * day, "UTC"));
}

function api<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;
}

Deno.test("schedules browser - create a daily job, Run now, history per VM, a 400 verbatim, delete", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/schedules`);
    const island = page.locator('[data-island="Schedules"]');
    await island.getByText("No scheduled jobs yet.").waitFor();
    const newJob = island.getByRole("button", { name: "New job" });
    await newJob.and(page.locator(":enabled")).waitFor();

    // The form: a daily 03:00 UTC start of "db"; the preview lists the next five runs.
    await newJob.click();
    const form = island.getByRole("form", { name: "New scheduled job" });
    await form.getByLabel("Name").fill(NAME);
    await form.getByLabel("Operation").selectOption("start");
    await form.getByRole("checkbox", { name: "db" }).check();
    await form.getByLabel("Repeat").selectOption("daily");
    await form.getByLabel("Time of day").fill("03:00");
    await form.getByLabel("Time zone").fill("UTC");
    const preview = form.getByRole("list", { name: "Next runs" }).locator("li");
    const expected = nextThreeAm(5);
    await form.getByRole("list", { name: "Next runs" }).getByText(expected[4]).waitFor();
    assertEquals(await preview.allTextContents(), expected);
    await form.getByRole("button", { name: "Create job" }).click();
    await form.waitFor({ state: "detached" });

    // The table: operation, targets by name, timing in words, zone and the next run.
    const row = island.locator("tr", { has: page.getByText(NAME, { exact: true }) });
    await row.waitFor();
    assertEquals(await row.locator("td").allTextContents(), [
      NAME,
      "Start",
      "db",
      "Daily at 03:00",
      "UTC",
      expected[0],
      "Never run",
      "",
      "Run nowHistoryEditDelete",
    ]);

    // Run now: the history opens and turns to Succeeded when the run's event arrives.
    await row.getByRole("button", { name: `Run ${NAME} now` }).click();
    const history = island.getByRole("region", { name: `History of ${NAME}` });
    const first = history.locator("tbody tr").first();
    await first.getByText("Succeeded").waitFor();
    assertEquals(await first.locator("li").allTextContents(), ["db: done"]);
    assertEquals(await first.locator("td").nth(2).textContent(), "Run now");
    const vm = await api<{ state: string }>(page, `/api/vms/${DB}`);
    assertEquals(vm.state, "running", "the job really started db");
    await row.getByText("Succeeded").waitFor();

    // Again: db is running now, so that VM's result is the action's refusal, word for word.
    await row.getByRole("button", { name: `Run ${NAME} now` }).click();
    await history.locator("tbody tr").nth(1).waitFor();
    const second = history.locator("tbody tr").first();
    await second.getByText("Failed").waitFor();
    assertEquals(await second.locator("li").allTextContents(), ["db: VM is already running"]);

    // A bad cron expression: the preview and the save say what the API says, verbatim.
    await newJob.click();
    const bad = island.getByRole("form", { name: "New scheduled job" });
    await bad.getByLabel("Name").fill("kvmm-test-sched-bad");
    await bad.getByRole("checkbox", { name: "web" }).check();
    await bad.getByLabel("Repeat").selectOption("cron");
    await bad.getByLabel("Cron expression").fill("0 25 * * *");
    await bad.getByLabel("Time zone").fill("UTC");
    const answer = await apiAnswer(page, "POST", "/api/schedules", {
      name: "kvmm-test-sched-bad",
      operation: "start",
      vmIds: ["6b5a6f1e-0000-4000-8000-000000000001"],
      timing: { kind: "cron", expression: "0 25 * * *" },
      timezone: "UTC",
    });
    assertEquals(answer, {
      status: 400,
      message: 'Invalid cron expression "0 25 * * *": CronPattern: Invalid value for hour: 25',
    });
    await bad.locator(".next-runs").getByText(answer.message, { exact: true }).waitFor();
    await bad.getByRole("button", { name: "Create job" }).click();
    const refused = bad.getByRole("alert");
    await refused.waitFor();
    assertEquals(await refused.textContent(), answer.message);
    await bad.getByRole("button", { name: "Cancel" }).click();

    // Delete, confirmed in the dialog.
    await row.getByRole("button", { name: `Delete ${NAME}` }).click();
    const dialog = page.getByRole("dialog", { name: "Delete scheduled job" });
    await dialog.getByRole("button", { name: "Delete" }).click();
    await island.getByText("No scheduled jobs yet.").waitFor();
    const left = await api<{ schedules: Schedule[] }>(page, "/api/schedules");
    assertEquals(left.schedules, []);
  });
});
