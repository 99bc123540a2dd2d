// Browser tier for "Download from URL" on a pool's page, on real libvirtd (the demo's test driver
// has no upload stream): a refusal (an address not allowed) in the API's words on the card; then
// a paced .gz download whose name comes from the URL, with its progress, bytes, rate and time
// left on the card and in the task log, ending in the volume's row and a success note.

import { createHash } from "node:crypto";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { openBrowser, signIn } from "./support/browser_helpers.ts";
import { adminCall, startRealServer } from "./support/real_server.ts";
import { assertLibvirtReachable, cleanupGuestsNamed } from "./support/guest.ts";
import type { Page } from "playwright-core";
import { removePool, sha256OfFile, T4_PREFIX } from "./support/real_app.ts";
import { sha256Hex, startWebFiles } from "./support/web_files.ts";
import type { Server } from "../main.ts";

const IMAGES = "/var/lib/libvirt/images";
const VM = "kvmm-test-dlui-vm";
const next = (page: Page) => page.getByRole("button", { name: "Next", exact: true });
const POOL = `${T4_PREFIX}dlui`;
const MIB = 1024 * 1024;

Deno.test("qemu download browser - a refusal on the card, then a .gz with live progress into the pool", async () => {
  await assertLibvirtReachable();
  await removePool(POOL);
  const root = await Deno.makeTempDir({ dir: IMAGES, prefix: `${T4_PREFIX}dlui-` });
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-test-dlui-" });
  const web = startWebFiles();
  let server: Server | undefined;
  const browser = await openBrowser();
  try {
    const raw = new Uint8Array(6 * MIB).map((_, i) => (i >> 12) & 255);
    const packed = new Uint8Array(
      await new Response(
        new Blob([raw]).stream().pipeThrough(new CompressionStream("gzip")),
      ).arrayBuffer(),
    );
    // Incompressible enough to take a few seconds at the pace below.
    const noise = crypto.getRandomValues(new Uint8Array(64 * 1024));
    const big = new Uint8Array(3 * MIB);
    for (let at = 0; at < big.length; at += noise.length) big.set(noise, at);
    web.serve("/cloud/disk.img.gz", packed);
    web.serve("/cloud/slow.raw", big);
    web.pace("/cloud/slow.raw", 1 * MIB);

    server = await startRealServer(dataDir);
    await adminCall(server, "POST", "/api/pools", { name: POOL, type: "dir", path: root });
    await adminCall(server, "PUT", "/api/images/settings", {
      allowedSources: ["127.0.0.1"],
      maxDownloadBytes: 1024 * MIB,
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server);
    await page.goto(`${server.url}/storage/${POOL}`);
    const card = page.locator('section[aria-labelledby="download-title"]');
    await card.getByRole("button", { name: "Download", exact: true }).waitFor();

    // 127.0.0.2 is loopback too, and not allowed: refused where the form is.
    await card.getByLabel("URL", { exact: true }).fill(
      web.url("/cloud/disk.img.gz").replace("127.0.0.1", "127.0.0.2"),
    );
    assertEquals(await card.getByLabel("Volume name").inputValue(), "disk.img");
    await card.getByRole("button", { name: "Download", exact: true }).click();
    const refusal = card.getByRole("alert");
    await refusal.waitFor();
    assertMatch(
      await refusal.textContent() ?? "",
      /^127\.0\.0\.2 is 127\.0\.0\.2, a loopback address/,
    );

    await card.getByLabel("URL", { exact: true }).fill(web.url("/cloud/disk.img.gz"));
    await card.getByRole("button", { name: "Download", exact: true }).click();
    const done = card.getByRole("status");
    // Unpacked as it arrives; on a busy CI machine that may take a while. Say what the card shows.
    await done.waitFor({ timeout: 60_000 }).catch(async (err) => {
      throw new Error(`${err.message}\nThe card says: ${await card.textContent()}`);
    });
    assertMatch(await done.textContent() ?? "", new RegExp(`^Downloaded disk\\.img into ${POOL}`));
    await page.getByRole("cell", { name: "disk.img", exact: true }).waitFor();
    assertEquals((await sha256OfFile(`${root}/disk.img`)).hex, sha256Hex(raw));

    // A slow one: progress, bytes of the whole, rate and time left, on the card and in the log.
    await card.getByLabel("URL", { exact: true }).fill(web.url("/cloud/slow.raw"));
    await card.getByRole("button", { name: "Download", exact: true }).click();
    const bar = card.locator("progress.task-progress");
    await bar.waitFor({ timeout: 10_000 });
    const note = card.locator(".task-note");
    await note.waitFor();
    await page.waitForFunction(
      () =>
        /of 3 MiB, .*\/s, .* left/.test(document.querySelector(".task-note")?.textContent ?? ""),
      undefined,
      { timeout: 10_000 },
    );
    assertMatch(await note.textContent() ?? "", /^[\d.]+ (KiB|MiB) of 3 MiB, /);
    const value = Number(await bar.getAttribute("value"));
    assert(value > 0 && value < 1, `progress ${value}`);
    assertMatch(await card.locator(".download-running strong").textContent() ?? "", /^slow\.raw$/);
    await page.getByRole("button", { name: /Tasks/ }).click();
    const logged = page.locator(".task-item-running .task-message");
    await logged.waitFor();
    assertMatch(await logged.textContent() ?? "", / of 3 MiB, /);
    await done.waitFor({ timeout: 30_000 });
    assertMatch(await done.textContent() ?? "", /^Downloaded slow\.raw/);
    assertEquals((await sha256OfFile(`${root}/slow.raw`)).hex, sha256Hex(big));
  } finally {
    await browser.close();
    await server?.close();
    await web.close();
    await removePool(POOL);
    await Deno.remove(root, { recursive: true }).catch(() => {});
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});

Deno.test("qemu download browser - the image library: settings saved (a refusal verbatim), a library image downloaded through a mirror with progress, then shown in the pool", async () => {
  await assertLibvirtReachable();
  await removePool(POOL);
  const root = await Deno.makeTempDir({ dir: IMAGES, prefix: `${T4_PREFIX}dlui-` });
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-test-dlui-" });
  const web = startWebFiles();
  let server: Server | undefined;
  const browser = await openBrowser();
  try {
    const noise = crypto.getRandomValues(new Uint8Array(64 * 1024));
    const image = new Uint8Array(3 * MIB);
    for (let at = 0; at < image.length; at += noise.length) image.set(noise, at);
    const dir = "/debian/images/cloud/trixie/latest";
    web.serve(`${dir}/debian-13-genericcloud-amd64.qcow2`, image);
    web.pace(`${dir}/debian-13-genericcloud-amd64.qcow2`, 1 * MIB);
    web.serveText(`${dir}/SHA512SUMS`, `${sha512Hex(image)}  debian-13-genericcloud-amd64.qcow2\n`);

    server = await startRealServer(dataDir);
    await adminCall(server, "POST", "/api/pools", { name: POOL, type: "dir", path: root });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server);
    await page.goto(`${server.url}/images`);
    // The shipped catalog's cloud images and install ISOs, those whose file is found at
    // download time shown with their folder and file-name pattern.
    for (
      const [id, text] of [
        [
          "fedora-44-cloud",
          /Fedora 44.*\/44\/Cloud\/x86_64\/images\/Fedora-Cloud-Base-Generic-44-\*\.x86_64\.qcow2/,
        ],
        ["alpine-3.23-iso", /Alpine Linux 3\.23 ISO \(virt\).*alpine-virt-3\.23\.\*-x86_64\.iso/],
        ["debian-13-iso", /Debian 13 \(trixie\) netinst ISO.*debian-13\.\*-amd64-netinst\.iso/],
        ["freebsd-15.1-cloud", /FreeBSD 15\.1.*BASIC-CLOUDINIT-ufs\.qcow2\.xz/],
      ] as const
    ) {
      assertMatch(await page.locator(`tr[data-image-id="${id}"]`).textContent() ?? "", text);
    }
    const settings = page.locator('section[aria-labelledby="image-settings-title"]');
    const save = settings.getByRole("button", { name: "Save" });
    await save.and(page.locator(":enabled")).waitFor();
    await settings.getByLabel("Allowed networks", { exact: true }).fill("10.0.0.5/8");
    await save.click();
    const refusal = settings.getByRole("alert");
    await refusal.waitFor();
    assertMatch(
      await refusal.textContent() ?? "",
      /^Each allowed source is an IPv4 or IPv6 address/,
    );
    await settings.getByLabel("Allowed networks", { exact: true }).fill("127.0.0.1");
    await settings.getByLabel("Mirrors").fill(`https://cloud.debian.org/ ${web.url("/debian/")}`);
    await save.click();
    await settings.getByRole("status").waitFor();

    await page.getByLabel("Download into pool").selectOption(POOL);
    const row = page.locator('tr[data-image-id="debian-13-cloud"]');
    await row.getByRole("button", { name: /^Download/ }).click();
    const running = page.locator(".download-running");
    await running.waitFor({ timeout: 10_000 });
    // Named once the server answered (until then "Starting…").
    await running.locator("strong", { hasText: /^debian-13-genericcloud-amd64\.qcow2$/ })
      .waitFor({ timeout: 10_000 });
    await running.locator("progress.task-progress").waitFor();
    const tasks = page.getByRole("button", { name: /Tasks/ });
    await tasks.click();
    await page.locator(".task-item-running .task-message").waitFor();
    // Closed again, so the panel covers no row.
    await tasks.click();
    await page.locator('#tasks-button[aria-expanded="false"]').waitFor();
    await row.getByRole("cell", { name: POOL }).waitFor({ timeout: 30_000 });
    assertEquals(await row.getByRole("button", { name: /^Download/ }).isDisabled(), true);
    const listed = await adminCall<{ images: { id: string; inPools: string[] }[] }>(
      server,
      "GET",
      "/api/images",
    );
    assertEquals(listed.images.find((i) => i.id === "debian-13-cloud")?.inPools, [POOL]);

    // A VM from it in one go: the wizard opens as a linked clone of the downloaded image, in its
    // pool, with its OS and cloud-init's default user; created, its disk is an overlay of it.
    await row.getByRole("link", { name: /^Create VM/ }).click();
    await page.waitForURL(/\/vms\/new\?image=debian-13-cloud/);
    await page.locator("#wiz-name:enabled").waitFor();
    await page.fill("#wiz-name", VM);
    await next(page).click();
    assertEquals(await page.getByLabel("Linked clone of a base image").isChecked(), true);
    const base = `${root}/debian-13-genericcloud-amd64.qcow2`;
    assertEquals(await page.inputValue("#wiz-base"), base);
    await next(page).click();
    assertEquals(await page.inputValue("#wiz-pool"), POOL);
    await next(page).click();
    await page.selectOption("#wiz-network", "");
    await next(page).click();
    await page.getByText("The host accepts this configuration.").waitFor();
    const summary = await page.textContent(".summary") ?? "";
    assertMatch(summary, new RegExp(`Linked clone of ${base}`));
    assertMatch(summary, /user debian/);
    const sent = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/api/vms"));
    await page.getByRole("button", { name: "Create VM" }).click();
    const body = (await sent).postDataJSON();
    assertEquals([body.baseImagePath, body.storagePool, body.cloudInit?.user], [
      base,
      POOL,
      "debian",
    ]);
    await page.waitForURL(/\/vms\/[0-9a-f-]{36}/, { timeout: 30_000 });
    const vol = await adminCall<{ backingPath: string | null }>(
      server,
      "GET",
      `/api/pools/${POOL}/volumes/${VM}.qcow2`,
    );
    assertEquals(vol.backingPath, base);
  } finally {
    await cleanupGuestsNamed(VM);
    await browser.close();
    await server?.close();
    await web.close();
    await removePool(POOL);
    await Deno.remove(root, { recursive: true }).catch(() => {});
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});

const sha512Hex = (bytes: Uint8Array) => createHash("sha512").update(bytes).digest("hex");
