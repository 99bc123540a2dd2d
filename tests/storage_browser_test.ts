// Browser tier for the storage pages on the real libvirtd (qemu:///system; the test driver
// cannot upload): a dir pool in a temporary folder, made through the API under a storage root
// passed to the server and deleted with its volumes at the end. Fails (never skips) without
// libvirtd.

import { Buffer } from "node:buffer";
import type { Page } from "playwright-core";
import { type Server, startServer } from "../main.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { adminHeaders, openBrowser, signIn } from "./support/browser_helpers.ts";
import { assertLibvirtReachable, TEST_PREFIX } from "./support/guest.ts";

const MiB = 1024 ** 2;
const UPLOAD_BYTES = 8 * MiB;

/** One JSON request to the server from the test (no Origin header: not a browser), as admin. */
async function call(s: Server, method: string, path: string, body?: unknown) {
  const res = await fetch(s.url + path, {
    method,
    headers: body === undefined
      ? adminHeaders(s)
      : { "content-type": "application/json", ...adminHeaders(s) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/**
 * Runs `fn` with a page and a real-libvirtd server whose only storage root is a fresh temporary
 * folder, holding a started dir pool `pool` (at `${root}/pool`). Always deletes the pool with its
 * volumes, and the folder.
 */
async function withPool(fn: (page: Page, s: Server, pool: string, root: string) => Promise<void>) {
  await assertLibvirtReachable();
  const root = await Deno.makeTempDir({ prefix: `${TEST_PREFIX}storage-` });
  const dataDir = await Deno.makeTempDir({ prefix: `${TEST_PREFIX}data-` });
  const pool = `${TEST_PREFIX}ui-${crypto.randomUUID().slice(0, 8)}`;
  const server = await startServer({
    uri: "qemu:///system",
    uriSource: "flag",
    demo: false,
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir,
    storageRoots: [root],
    tls: { mode: "off" },
  }, { quiet: true });
  const browser = await openBrowser();
  try {
    const made = await call(server, "POST", "/api/pools", {
      name: pool,
      type: "dir",
      path: `${root}/pool`,
      build: true,
      start: true,
    });
    assertEquals(made.status, 201, `POST /api/pools: ${JSON.stringify(made.body)}`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, server);
    await fn(page, server, pool, root);
    assertEquals(errors, [], "no uncaught errors in the page");
  } finally {
    await browser.close();
    const gone = await call(server, "GET", `/api/pools/${pool}`);
    if (gone.status !== 404) {
      const del = await call(server, "DELETE", `/api/pools/${pool}`, {
        deleteContents: true,
        confirm: pool,
      });
      assertEquals(del.status, 200, `DELETE /api/pools/${pool}: ${JSON.stringify(del.body)}`);
    }
    await server.close();
    await Deno.remove(root, { recursive: true });
    await Deno.remove(dataDir, { recursive: true });
  }
}

/** Opens the pool's page and waits until its island hydrated. */
async function openPool(page: Page, s: Server, pool: string) {
  await page.goto(`${s.url}/storage/${pool}`);
  await page.getByRole("button", { name: "New volume" }).and(page.locator(":enabled")).waitFor();
}

const volumeRow = (page: Page, name: string) => page.locator(`tr[data-volume="${name}"]`);
const uploadSection = (page: Page) => page.locator('section[aria-labelledby="upload-title"]');

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  // getRandomValues fills at most 64 KiB at a time.
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
  return bytes;
}

/** Limits the page's upload speed (bytes/s; -1 lifts the limit) through Chromium's DevTools. */
async function throttleUploads(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
}

/** From now on, records each xhr.upload progress event and each value the upload bar shows. */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const g = globalThis as any;
    g.__events = [] as number[];
    g.__bars = [] as string[];
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (body) {
      this.upload.addEventListener("progress", (e) => g.__events.push(e.loaded));
      return send.call(this, body);
    };
    new MutationObserver(() => {
      const bar = document.querySelector<HTMLProgressElement>("#upload-progress");
      const seen = bar && bar.checkVisibility() ? `${bar.value}/${bar.max}` : null;
      if (seen && seen !== g.__bars.at(-1)) g.__bars.push(seen);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

function recorded(page: Page): Promise<{ events: number[]; bars: string[] }> {
  return page.evaluate(() => ({
    events: (globalThis as any).__events as number[],
    bars: (globalThis as any).__bars as string[],
  }));
}

Deno.test("storage browser - upload a file with a progress bar; the volume is listed and downloads", async () => {
  await withPool(async (page, server, pool, root) => {
    // The pools page lists the new pool, active, with its path.
    await page.goto(`${server.url}/storage`);
    const row = page.locator(`tr[data-pool="${pool}"]`);
    await row.waitFor();
    const cells = await row.locator("td").allTextContents();
    assertEquals(cells.slice(0, 3), [pool, "dir", "Active"]);
    assertEquals(cells[8], `${root}/pool`);
    assertEquals(cells[9], "0", "no volumes yet");
    await row.getByRole("link", { name: pool }).click();
    await page.waitForURL(`${server.url}/storage/${pool}`);
    await page.getByRole("button", { name: "New volume" }).and(page.locator(":enabled")).waitFor();
    await page.getByText("No volumes in this pool.").waitFor();

    // 8 MiB of random bytes, sent at 4 MiB/s (Chromium's network emulation throttles uploads)
    // so the bar moves through several values on its way to 100%.
    const bytes = randomBytes(UPLOAD_BYTES);
    await page.getByLabel("File").setInputFiles({
      name: "disk image (test).img",
      mimeType: "application/octet-stream",
      buffer: Buffer.from(bytes),
    });
    // The name defaults to the file's, made acceptable to the API.
    const volume = "disk_image__test_.img";
    assertEquals(await uploadSection(page).getByLabel("Volume name").inputValue(), volume);

    await recordProgress(page);
    await throttleUploads(page, 4 * MiB);
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    const bar = page.getByRole("progressbar", { name: "Upload progress" });
    await bar.waitFor();
    const done = uploadSection(page).locator(".note-success");
    await done.waitFor({ timeout: 30_000 });
    assertEquals(await done.textContent(), `Uploaded ${volume} (8 MiB).`);

    // The bar stays, full, with the byte count.
    assert(await bar.isVisible(), "the progress bar is visible");
    assertEquals(await bar.getAttribute("value"), String(UPLOAD_BYTES));
    assertEquals(await bar.getAttribute("max"), String(UPLOAD_BYTES));
    assertEquals(
      await page.locator(".upload-progress-text").textContent(),
      "100% — 8 MiB of 8 MiB",
    );
    const { events, bars } = await recorded(page);
    assert(events.length >= 3, `several upload progress events: ${events}`);
    assertEquals(events.at(-1), UPLOAD_BYTES, "the last progress event is the whole file");
    assertEquals(bars[0], `0/${UPLOAD_BYTES}`, "the bar starts empty");
    assert(
      bars.some((b) => Number(b.split("/")[0]) > 0 && Number(b.split("/")[0]) < UPLOAD_BYTES),
      `the bar showed progress between empty and full: ${bars}`,
    );
    assertEquals(bars.at(-1), `${UPLOAD_BYTES}/${UPLOAD_BYTES}`);

    // Listed with the file's size, in the pool's folder.
    const listed = volumeRow(page, volume);
    await listed.waitFor();
    const vcells = await listed.locator("td").allTextContents();
    assertEquals(vcells.slice(0, 3), [volume, "raw", "8 MiB"]);
    assertEquals(vcells[4], `${root}/pool/${volume}`);
    assertEquals((await Deno.stat(`${root}/pool/${volume}`)).size, UPLOAD_BYTES);

    // The download link gives back the same bytes.
    const link = listed.getByRole("link", { name: `Download ${volume}` });
    assertEquals(await link.getAttribute("download"), volume);
    const href = await link.getAttribute("href");
    assertEquals(href, `/api/pools/${pool}/volumes/${volume}/content`);
    const download = await fetch(server.url + href, { headers: adminHeaders(server) });
    const back = new Uint8Array(await download.arrayBuffer());
    assertEquals(back.length, UPLOAD_BYTES);
    assert(back.every((b, i) => b === bytes[i]), "downloaded bytes equal the uploaded ones");

    // The same name again: the API refuses (409) and its message is shown.
    await throttleUploads(page, -1);
    await page.getByLabel("File").setInputFiles({
      name: volume,
      mimeType: "application/octet-stream",
      buffer: Buffer.from(bytes.subarray(0, MiB)),
    });
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    const refused = uploadSection(page).locator(".note-error");
    await refused.waitFor();
    const answer = await fetch(`${server.url}/api/pools/${pool}/volumes/${volume}/content`, {
      method: "PUT",
      headers: adminHeaders(server),
      body: new Uint8Array(1),
    });
    assertEquals(answer.status, 409);
    assertEquals(await refused.textContent(), (await answer.json()).message);
  });
});

Deno.test("storage browser - cancel an upload half-way: nothing is left in the pool", async () => {
  await withPool(async (page, server, pool) => {
    await openPool(page, server, pool);
    await page.getByLabel("File").setInputFiles({
      name: "cancelled.img",
      mimeType: "application/octet-stream",
      buffer: Buffer.from(randomBytes(UPLOAD_BYTES)),
    });
    await throttleUploads(page, 1 * MiB);
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    // Some bytes went, not all: then cancel.
    await page.locator(".upload-progress-text", { hasText: /^[1-9]\d?% — / }).waitFor();
    await page.getByRole("button", { name: "Cancel upload" }).click();
    const note = uploadSection(page).locator(".note-success");
    await note.waitFor();
    assertEquals(await note.textContent(), "Upload cancelled.");
    assertEquals(await page.getByRole("progressbar", { name: "Upload progress" }).count(), 0);
    assert(
      await page.getByRole("button", { name: "Upload", exact: true }).isEnabled(),
      "a new upload can start",
    );

    // The server notices the dropped body and deletes the half-written volume.
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (
      (status = (await call(server, "GET", `/api/pools/${pool}/volumes/cancelled.img`)).status) !==
        404
    ) {
      if (Date.now() > deadline) throw new Error(`the cancelled volume is still there (${status})`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await page.getByText("No volumes in this pool.").waitFor();
  });
});

Deno.test("storage browser - create, grow, clone and delete a volume; pool errors verbatim; delete the pool", async () => {
  await withPool(async (page, server, pool) => {
    await openPool(page, server, pool);
    await page.getByRole("button", { name: "New volume" }).click();
    const form = page.getByRole("form", { name: "New volume" });
    await form.getByLabel("Name").fill("ui-disk.qcow2");
    await form.getByLabel("Format").selectOption("qcow2");
    await form.getByLabel("Size (GiB)").fill("1");
    await form.getByRole("button", { name: "Create volume" }).click();
    const disk = volumeRow(page, "ui-disk.qcow2");
    await disk.waitFor();
    assertEquals((await disk.locator("td").allTextContents()).slice(0, 3), [
      "ui-disk.qcow2",
      "qcow2",
      "1 GiB",
    ]);

    // Grow it to 2 GiB.
    await disk.getByRole("button", { name: "Resize ui-disk.qcow2" }).click();
    await page.getByLabel(/New size of ui-disk\.qcow2/).fill("2");
    await page.getByRole("button", { name: "Grow" }).click();
    await page.getByText("Volume ui-disk.qcow2 resized to 2 GiB.").waitFor();
    assertEquals(await disk.locator("td").nth(2).textContent(), "2 GiB");

    // Clone it under the suggested name.
    await disk.getByRole("button", { name: "Clone ui-disk.qcow2" }).click();
    assertEquals(
      await page.getByLabel("Name of the copy of ui-disk.qcow2").inputValue(),
      "ui-disk-clone.qcow2",
    );
    await page.getByRole("button", { name: "Clone", exact: true }).click();
    const clone = volumeRow(page, "ui-disk-clone.qcow2");
    await clone.waitFor({ timeout: 30_000 });
    assertEquals(await clone.locator("td").nth(2).textContent(), "2 GiB");

    // A taken name: the API's words under the form.
    await page.getByRole("button", { name: "New volume" }).click();
    await form.getByLabel("Name").fill("ui-disk.qcow2");
    await form.getByRole("button", { name: "Create volume" }).click();
    const taken = form.getByRole("alert");
    await taken.waitFor();
    const answer = await call(server, "POST", `/api/pools/${pool}/volumes`, {
      name: "ui-disk.qcow2",
      format: "qcow2",
      sizeGb: 10,
    });
    assertEquals(answer.status, 409);
    assertEquals(await taken.textContent(), answer.body.message);
    await form.getByRole("button", { name: "Cancel" }).click();

    // A volume made elsewhere shows up by itself (the storage-changed event).
    const made = await call(server, "POST", `/api/pools/${pool}/volumes`, {
      name: "from-api.raw",
      format: "raw",
      sizeGb: 1,
    });
    assertEquals(made.status, 201);
    await volumeRow(page, "from-api.raw").waitFor();

    // Delete after confirming.
    await disk.getByRole("button", { name: "Delete ui-disk.qcow2" }).click();
    await page.locator("dialog[open]").getByRole("button", { name: "Delete" }).click();
    await disk.waitFor({ state: "detached" });
    await page.getByText("Volume ui-disk.qcow2 deleted.").waitFor();
    assertEquals(await clone.count(), 1);
    assertEquals(await volumeRow(page, "from-api.raw").count(), 1);

    // The pools page: a new pool outside the storage roots is refused in the API's words.
    await page.goto(`${server.url}/storage`);
    await page.getByRole("button", { name: "New pool" }).and(page.locator(":enabled")).waitFor();
    await page.getByRole("button", { name: "New pool" }).click();
    const poolForm = page.getByRole("form", { name: "New pool" });
    await poolForm.getByLabel("Type").selectOption("netfs");
    await poolForm.getByLabel("NFS server").waitFor();
    assertEquals(await poolForm.getByLabel("Export").count(), 1);
    await poolForm.getByLabel("Type").selectOption("dir");
    assertEquals(await poolForm.getByLabel("NFS server").count(), 0, "only dir's fields");
    await poolForm.getByLabel("Name").fill(`${TEST_PREFIX}refused`);
    await poolForm.getByLabel("Folder", { exact: true }).fill("/etc/kvmm-not-a-storage-root");
    await poolForm.getByRole("button", { name: "Create pool" }).click();
    const refused = poolForm.getByRole("alert");
    await refused.waitFor();
    const expected = await call(server, "POST", "/api/pools", {
      name: `${TEST_PREFIX}refused`,
      type: "dir",
      path: "/etc/kvmm-not-a-storage-root",
      build: true,
      start: true,
      autostart: false,
    });
    assertEquals(expected.status, 400);
    assertEquals(await refused.textContent(), expected.body.message);
    await poolForm.getByRole("button", { name: "Cancel" }).click();

    // Delete the pool with its volume: the button waits for the pool's name.
    const row = page.locator(`tr[data-pool="${pool}"]`);
    assertMatch(await row.textContent() ?? "", /Active/);
    await row.getByRole("button", { name: `Delete ${pool}` }).click();
    const dialog = page.locator("dialog[open]");
    await dialog.getByLabel(/Also delete all volumes \(2\)/).check();
    const confirm = dialog.getByRole("button", { name: "Delete pool" });
    assert(await confirm.isDisabled(), "disabled until the name is typed");
    await dialog.getByLabel(/to confirm/).fill(pool.slice(0, -1));
    assert(await confirm.isDisabled(), "disabled for a wrong name");
    await dialog.getByLabel(/to confirm/).fill(pool);
    await confirm.click();
    await row.waitFor({ state: "detached" });
    await page.getByText(`Pool ${pool} deleted with 2 volumes.`).waitFor();
    assertEquals((await call(server, "GET", `/api/pools/${pool}`)).status, 404);
  });
});
