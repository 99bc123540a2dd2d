// Browser tier of notifications, on a test-driver node: Settings › Notifications adds a webhook
// target, its Test button shows the outcome (a loopback server got the message; a target that
// answers 500 shows the error), and a rule sending to it; axe finds no serious or critical
// problem with both forms open, light and dark. KVMM_SHOTS=DIR takes screenshots at 390, 1280 and
// 1920 px, light and dark.

import type { Page } from "playwright-core";
import axe from "axe-core";
import { assertEquals } from "./support/assert.ts";
import { withDemoServer } from "./support/browser_helpers.ts";
import { captureServer } from "./support/smtp_server.ts";

const SHOTS = Deno.env.get("KVMM_SHOTS");

async function addWebhook(page: Page, name: string, url: string) {
  const card = page.locator('section[aria-labelledby="notify-targets-title"]');
  await card.getByRole("button", { name: "New target" }).and(page.locator(":enabled")).click();
  const form = page.getByRole("form", { name: "New notification target" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Kind").selectOption("webhook");
  await form.getByLabel("URL").fill(url);
  await form.getByLabel("Headers").fill("X-Source: kvmm");
  await form.getByRole("button", { name: "Create target" }).click();
  await form.waitFor({ state: "detached" });
  const row = card.locator(`tr[data-target="${name}"]`);
  await row.getByText("Nothing sent yet").waitFor();
  return row;
}

/** axe's serious and critical findings on the page as it is now (rule and elements). */
async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  return await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const result = await (globalThis as any).axe.run(document, { resultTypes: ["violations"] });
    return (result.violations as {
      id: string;
      impact: string | null;
      nodes: { target: string[] }[];
    }[])
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
}

async function shoot(page: Page, url: string) {
  if (!SHOTS) return;
  await Deno.mkdir(SHOTS, { recursive: true });
  for (const width of [390, 1280, 1920]) {
    for (const scheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(url);
      const section = page.locator(".notify-settings");
      await section.locator("tr[data-target]").first().waitFor();
      await page.locator('section[aria-labelledby="notify-targets-title"]')
        .scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/settings-notify-${width}-${scheme}.png` });
      await section.screenshot({ path: `${SHOTS}/section-notify-${width}-${scheme}.png` });
      // The forms, open: a new e-mail target and a new rule.
      await section.getByRole("button", { name: "New target" }).click();
      await section.getByRole("button", { name: "New rule" }).click();
      await section.screenshot({ path: `${SHOTS}/forms-notify-${width}-${scheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

Deno.test("notify browser - add a webhook target, Test shows the result, add a rule", async () => {
  const ok = captureServer();
  const failing = captureServer(500);
  try {
    await withDemoServer(async (page, server) => {
      // The test's servers are on loopback: allowed, as an admin allows a local relay.
      server.ctx.imageSettings.set({
        ...server.ctx.imageSettings.get(),
        allowedSources: ["127.0.0.1"],
      });
      await page.goto(`${server.url}/settings`);
      const card = page.locator('section[aria-labelledby="notify-targets-title"]');
      await card.getByText("No targets yet: add one to send to.").waitFor();

      const row = await addWebhook(page, "chat hook", `${ok.url}/hook`);
      await row.getByRole("button", { name: "Test chat hook" }).click();
      await card.getByRole("status").getByText("Test message sent to chat hook.").waitFor();
      await row.getByText("Sent", { exact: true }).waitFor();
      assertEquals(ok.requests.length, 1);
      assertEquals(ok.requests[0].headers.get("x-source"), "kvmm");
      assertEquals(JSON.parse(ok.requests[0].body).event, "test");

      const bad = await addWebhook(page, "broken", `${failing.url}/x`);
      await bad.getByRole("button", { name: "Test broken" }).click();
      await card.getByRole("alert").getByText(
        "Test message to broken failed: Answered 500 Internal Server Error",
      ).waitFor();
      await bad.getByText("Failed", { exact: true }).waitFor();
      await bad.getByText("Answered 500 Internal Server Error").waitFor();

      const rules = page.locator('section[aria-labelledby="notify-rules-title"]');
      await rules.getByRole("button", { name: "New rule" }).click();
      const form = page.getByRole("form", { name: "New notification rule" });
      await form.getByLabel("Name").fill("night backups");
      await form.getByLabel("Alert fired").uncheck();
      await form.getByLabel("Scheduled job failed").check();
      await form.getByLabel("chat hook").check();
      await form.getByLabel("broken").uncheck();
      await form.getByRole("button", { name: "Create rule" }).click();
      const ruleRow = rules.locator('tr[data-rule="night backups"]');
      await ruleRow.getByText("Backup failed, Scheduled job failed").waitFor();
      await ruleRow.getByText("chat hook", { exact: true }).waitFor();

      // A receiver on the LAN, not allowed yet: refused before any connection, in words that name
      // the allowance, with a link to it.
      const lan = await addWebhook(page, "lan hook", "http://10.77.99.5/hook");
      await lan.getByRole("button", { name: "Test lan hook" }).click();
      const refused = card.getByRole("alert");
      await refused.getByText("Images › Outbound connections", { exact: false }).first().waitFor();
      const allow = refused.getByRole("link", {
        name: "Allow its network under Images › Outbound connections",
      });
      assertEquals(await allow.getAttribute("href"), "/images#image-settings-title");
      await allow.click();
      await page.waitForURL(`${server.url}/images#image-settings-title`);
      await page.getByLabel("Allowed networks", { exact: true }).waitFor();
      await page.goto(`${server.url}/settings`);
      await card.locator('tr[data-target="lan hook"]').getByText("Failed", { exact: true })
        .waitFor();

      const section = page.locator(".notify-settings");
      await section.getByRole("button", { name: "New target" }).click();
      await section.getByRole("button", { name: "New rule" }).click();
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        assertEquals(await axeProblems(page), [], `axe (${scheme})`);
      }
      await page.emulateMedia({ colorScheme: "light" });

      await shoot(page, `${server.url}/settings`);
    });
  } finally {
    await ok.close();
    await failing.close();
  }
});
