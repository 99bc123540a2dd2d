// Browser tier on real libvirtd for importing a disk (issue 58): in the wizard a raw image is
// picked from a pool instead of typing its path, its format (raw) replaces the default qcow2, and
// the VM made from it boots (the test kernel, booted directly, powers off on ACPI). Everything
// made carries kvmm-pick-: the VM, its disk volume. Fails (never skips) without libvirtd.

import type { Page } from "playwright-core";
import { assertEquals } from "./support/assert.ts";
import { openBrowser, signIn } from "./support/browser_helpers.ts";
import { adminCall, startRealServer } from "./support/real_server.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  domstate,
  ensureAssetsPool,
  ensurePool,
  shutdownProvesBoot,
  TEST_POOL,
  virsh,
} from "./support/guest.ts";
import type { Server } from "../main.ts";

const PREFIX = "kvmm-pick-";
const NAME = `${PREFIX}vm`;
const DISK = `${PREFIX}disk.img`;
const next = (page: Page) => page.getByRole("button", { name: "Next", exact: true });

async function cleanup() {
  await cleanupGuestsNamed(PREFIX);
  await virsh("vol-delete", "--pool", TEST_POOL, DISK).catch(() => {});
}

Deno.test("qemu import picker browser - a raw image picked from a pool, its format taken, boots", async () => {
  await assertLibvirtReachable();
  await cleanup();
  await ensurePool();
  const { kernel, initrd } = await ensureAssetsPool();
  const dataDir = await Deno.makeTempDir({ prefix: PREFIX });
  let server: Server | undefined;
  const browser = await openBrowser();
  try {
    server = await startRealServer(dataDir);
    // A raw image in the pool, as one copied there by hand would be.
    await adminCall(server, "POST", `/api/pools/${TEST_POOL}/volumes`, {
      name: DISK,
      format: "raw",
      sizeGb: 0.0625,
    });
    const path = (await virsh("vol-path", "--pool", TEST_POOL, DISK)).trim();

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server);
    await page.goto(`${server.url}/vms/new`);
    await page.locator("#wiz-name:enabled").waitFor();
    await page.fill("#wiz-name", NAME);
    await next(page).click();

    // Step 2: import, picked; the test kernel booted directly, in software emulation.
    await page.getByLabel("Import an existing disk image").check();
    await page.locator("#existing-pool").selectOption(TEST_POOL);
    await page.locator("#existing-volume option", { hasText: `${DISK} (raw,` })
      .waitFor({ state: "attached" });
    await page.locator("#existing-volume").selectOption(path);
    assertEquals(await page.inputValue("#wiz-import"), path);
    await page.locator("details.advanced summary").click();
    await page.getByLabel("Direct kernel boot").check();
    await page.fill("#wiz-kernel", kernel);
    await page.fill("#wiz-initrd", initrd);
    await page.fill("#wiz-cmdline", "console=tty0 console=ttyS0");
    await page.locator("#wiz-virt-type").selectOption("qemu");
    await next(page).click();

    // Step 3: the picked image's format, not the default qcow2.
    assertEquals(await page.inputValue("#wiz-format"), "raw");
    await page.fill("#wiz-cpus", "1");
    await page.fill("#wiz-memory", "192 MiB");
    await next(page).click();

    // Step 4: no network; step 5: start it.
    await page.locator("#wiz-network").selectOption("");
    await next(page).click();
    await page.getByText("The host accepts this configuration.").waitFor();
    await page.getByLabel("Start after creation").check();
    const sent = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/api/vms"));
    await page.getByRole("button", { name: "Create VM" }).click();
    const body = (await sent).postDataJSON();
    assertEquals([body.importDiskPath, body.diskFormat], [path, "raw"]);
    await page.waitForURL(/\/vms\/[0-9a-f-]{36}/, { timeout: 60_000 });

    // It runs from the picked disk, as raw, and its kernel answers the power button.
    const xml = await virsh("dumpxml", NAME);
    assertEquals(
      new RegExp(`<driver name='qemu' type='raw'[^>]*/>\\s*<source file='${path}'`).test(xml),
      true,
      xml,
    );
    assertEquals(await domstate(NAME), "running");
    await shutdownProvesBoot(NAME);
  } finally {
    await browser.close();
    await server?.close();
    await cleanup();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
