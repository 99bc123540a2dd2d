// Screenshots for a person to look at (the brief's 390, 1280 and 1920 px, light and dark), taken
// by a browser test only when KVMM_SHOTS names a folder: a suite run takes none, whatever folders
// the machine holds (each set costs a browser test half a minute).

import type { Locator, Page } from "playwright-core";

/** Where review shots go, or null when none are wanted. */
const SHOTS = Deno.env.get("KVMM_SHOTS") ?? null;

/**
 * `page` at a phone, a laptop and a wide screen, light and dark, as `name-WIDTH-SCHEME.png`: the
 * whole page, or the open dialog `dialog` scrolled to its top and its end (as a whole page it is
 * cut off), or only `element`. Nothing unless KVMM_SHOTS is set.
 */
export async function reviewShots(
  page: Page,
  name: string,
  { dialog, element }: { dialog?: Locator; element?: Locator } = {},
): Promise<void> {
  if (SHOTS === null) return;
  await Deno.mkdir(SHOTS, { recursive: true });
  const size = page.viewportSize()!;
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [390, 1280, 1920]) {
      await page.setViewportSize({ width, height: width <= 480 ? 844 : 900 });
      // The phone drawer slides away after a resize: wait until it has.
      await page.waitForTimeout(600);
      const path = `${SHOTS}/${name}-${width}-${scheme}`;
      if (element) {
        await element.screenshot({ path: `${path}.png` });
      } else if (!dialog) {
        await page.screenshot({ path: `${path}.png`, fullPage: true });
      } else {
        for (const end of ["top", "end"] as const) {
          await dialog.evaluate((d, end) => d.scrollTop = end === "top" ? 0 : d.scrollHeight, end);
          await page.screenshot({ path: `${path}-${end}.png` });
        }
      }
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(size);
}
