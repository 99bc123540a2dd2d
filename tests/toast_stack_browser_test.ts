// Browser tier for the toast stack (issue 58): ten failures in a row on a form's page leave the
// navigation and the form's buttons in sight and clickable, at 390 px (one line) and 1280 px
// (beside the navigation, never over it); several fold to the newest with "n more", unfold,
// and go with one "Dismiss all".

import type { Locator, Page } from "playwright-core";
import { assert, assertEquals } from "./support/assert.ts";
import { apiAnswer, vmId, withDemoServer } from "./support/browser_helpers.ts";
import { vmActionPath } from "../shared/api_paths.ts";
import type { TestDomainSpec } from "./support/test_node.ts";

const SHOTS = Deno.env.get("KVMM_SHOTS");

/** Ten running VMs: starting each is refused, each in its own words (no two toasts merge). */
const RUNNING: TestDomainSpec[] = Array.from({ length: 10 }, (_, i) => ({
  name: `busy-${i}`,
  runstate: 1,
  vcpus: 1,
  memoryMb: 256,
}));

/**
 * Whether the element at `target`'s centre is `target` itself (or inside it): nothing covers it.
 * Asked for up to 2 s: the phone's drawer is still sliding away for a moment after it closed
 * (ci83 caught it over Next), and a toast that covers the button stays.
 */
async function uncovered(target: Locator): Promise<boolean> {
  await target.scrollIntoViewIfNeeded();
  const hitItself = () =>
    target.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return hit !== null && (el === hit || el.contains(hit));
    });
  for (const end = Date.now() + 2000; Date.now() < end;) {
    if (await hitItself()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return await hitItself();
}

async function shellReady(page: Page) {
  await page.waitForFunction(() =>
    document.querySelector("#tasks-button") !== null &&
    Object.keys(document.querySelector("#tasks-button")!).some((k) => k.startsWith("__"))
  );
}

for (const width of [390, 1280]) {
  Deno.test(`toast stack browser - ten failures at ${width} px: the navigation and the form's buttons stay in sight`, async () => {
    await withDemoServer(async (page, server) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${server.url}/vms/new`);
      await page.locator("#wiz-name:enabled").waitFor();
      await shellReady(page);
      await page.fill("#wiz-name", "fresh-vm");

      for (const spec of RUNNING) {
        const answer = await apiAnswer(
          page,
          "POST",
          vmActionPath(await vmId(server, spec.name), "start"),
        );
        assertEquals(answer.status, 409, `${spec.name} runs: its start is refused`);
      }
      const stack = page.locator(".toast-stack");
      await page.waitForFunction(() => document.querySelectorAll(".toast-note").length >= 3);
      await stack.getByText("Start busy-9 failed", { exact: false }).waitFor();
      await page.waitForTimeout(500);

      // One stack, capped, folded to the newest: the others are counted, not drawn.
      const notes = stack.locator(".toast-note");
      assert((await notes.count()) <= 3, `capped: ${await notes.count()} toasts`);
      assertEquals(
        await stack.locator(".toast-note:visible").count(),
        1,
        `folded to the newest: ${await stack.evaluate((el) => el.outerHTML)}`,
      );
      const more = stack.getByRole("button", { name: /^\d+ more$/ });
      assertEquals(await more.getAttribute("aria-expanded"), "false");
      const stackBox = (await stack.boundingBox())!;
      if (width === 390) {
        // A phone: one line.
        const line = (await stack.locator(".toast-note:visible .toast-message").boundingBox())!;
        assert(line.height < 30, `one line on a phone: ${line.height} px`);
        assert(stackBox.height < 0.2 * 800, `the stack takes ${stackBox.height} px of 800`);
      }

      // The navigation: the column beside the page, or the menu button and its drawer.
      if (width === 1280) {
        for (const link of await page.locator("#sidebar nav a").all()) {
          if (await link.isVisible()) {
            assert(await uncovered(link), `${await link.textContent()} covered`);
          }
        }
      } else {
        const menu = page.locator("#menu-button");
        assert(await uncovered(menu), "the menu button is covered");
        await menu.click();
        const links = page.locator("#sidebar nav a");
        await links.first().waitFor();
        for (const link of await links.all()) {
          if (await link.isVisible()) {
            assert(await uncovered(link), `${await link.textContent()} covered`);
          }
        }
        await menu.click();
        await page.locator("body.drawer-open").waitFor({ state: "detached" });
      }

      // The form's buttons: each scrolled into sight is not under a toast, and works.
      for (const name of ["Next", "Cancel"]) {
        const button = page.getByRole("button", { name, exact: true }).or(
          page.getByRole("link", { name, exact: true }),
        ).first();
        if ((await button.count()) === 0) continue;
        assert(await uncovered(button), `${name} is covered by the toasts`);
      }
      const next = page.getByRole("button", { name: "Next", exact: true });
      await next.click();
      await page.locator("#wiz-name").waitFor({ state: "hidden" });

      if (SHOTS) {
        for (const scheme of ["light", "dark"] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.screenshot({ path: `${SHOTS}/toasts-folded-${width}-${scheme}.png` });
        }
      }

      // Unfolded on request, and all gone with one click.
      await more.click();
      assertEquals(
        await stack.getByRole("button", { name: "Show only the newest" }).getAttribute(
          "aria-expanded",
        ),
        "true",
      );
      assertEquals(await stack.locator(".toast-note:visible").count(), await notes.count());
      if (SHOTS) {
        for (const scheme of ["light", "dark"] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.screenshot({ path: `${SHOTS}/toasts-unfolded-${width}-${scheme}.png` });
        }
        await page.emulateMedia({ colorScheme: "light" });
      }
      await stack.getByRole("button", { name: "Dismiss all" }).click();
      await notes.first().waitFor({ state: "detached" });
      // The room follows the stack's size through a ResizeObserver, which reports at a later
      // frame: waited for (ci40 read it a frame early on the busy machine), then asserted.
      await page.waitForFunction(
        () => document.documentElement.style.getPropertyValue("--toast-room") === "",
        undefined,
        { timeout: 5_000 },
      ).catch(() => {});
      assertEquals(
        await page.evaluate(() => document.documentElement.style.getPropertyValue("--toast-room")),
        "",
        "no room kept below the page once the stack is empty",
      );
    }, RUNNING);
  });
}
