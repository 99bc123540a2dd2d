// Migration between two real libvirtd on this machine (the main one, qemu:///system, and the
// second one of scripts/second-libvirtd.sh): live there and back with the guest's memory
// intact, cancel mid-way, offline, copy storage, and libvirt's own words where it refuses; then
// the VM page's Migrate dialog in Chromium. Needs root, scripts/install-test-deps.sh, built
// bundles (deno task build), and about a minute.

import { LibvirtClient } from "../ffi/libvirt/client.ts";
import type { Config } from "../lib/config.ts";
import { startServer } from "../main.ts";
import { openBrowser, signIn } from "./support/browser_helpers.ts";
import { hostNotFound } from "../lib/hosts/registry.ts";
import { type MigrationDestination, MigrationService } from "../lib/migration/service.ts";
import type { MigrationProgressEvent } from "../shared/migration.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { AppError } from "../lib/errors.ts";
import {
  assertLibvirtReachable,
  defineTestGuest,
  ensureGuestImages,
  run,
  serialLogPath,
  TEST_POOL,
  testGuestXml,
  virsh,
  waitForGuestReady,
} from "./support/guest.ts";
import {
  domainsOn,
  domstateOn,
  removeDomainsOn,
  SECOND_IMAGES,
  SECOND_LOG_DIR,
  startSecondLibvirtd,
  stopSecondLibvirtd,
  virshOn,
} from "./support/second_libvirtd.ts";
import { migrationFeature } from "../lib/migration/feature.ts";

const MAIN = "qemu:///system";
const PREFIX = "kvmm-test-mig-";
const RUN = `${PREFIX}${Deno.pid}`;
// A number the guest computes: its result never appears in the command we type.
const TOKEN = 10_000 + Math.floor(Math.random() * 80_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A diskless TCG guest (test guest XML without its disk), defined and started on MAIN. */
async function startDisklessGuest(name: string): Promise<void> {
  const { kernel, initrd } = await ensureGuestImages();
  const xml = testGuestXml({ name, memoryMb: 192, kernel, initrd, diskPath: "" })
    .replace(/ *<disk [\s\S]*?<\/disk>\n/, "");
  const file = await Deno.makeTempFile({ prefix: PREFIX, suffix: ".xml" });
  try {
    await Deno.writeTextFile(file, xml);
    await virsh("define", file);
  } finally {
    await Deno.remove(file).catch(() => {});
  }
  await virsh("start", name);
  await waitForGuestReady(name);
}

/** The guest's serial log on the daemon at `uri`. */
function logOn(uri: string, name: string): string {
  return uri === MAIN ? serialLogPath(name) : `${SECOND_LOG_DIR}/${name}-serial.log`;
}

/**
 * Types `line` into the guest's serial shell on `uri`. QEMU reads the pty only while its other
 * end is open, noticing within a second, so the end stays open a while around the write.
 */
async function typeInto(uri: string, name: string, line: string): Promise<void> {
  const xml = await virshOn(uri, "dumpxml", name);
  const pty = /<serial type='pty'>\s*<source path='([^']+)'/.exec(xml)?.[1];
  assert(pty, `${name} on ${uri} has a serial pty`);
  const file = await Deno.open(pty, { write: true });
  try {
    await sleep(1500);
    await file.write(new TextEncoder().encode(line + "\n"));
    await sleep(500);
  } finally {
    file.close();
  }
}

async function waitForLog(path: string, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await Deno.readTextFile(path).catch(() => "")).includes(text)) return;
    await sleep(200);
  }
  throw new Error(`no "${text}" in ${path} within ${timeoutMs} ms`);
}

async function finished(service: MigrationService, vm: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let job = service.status(vm);
  while (job.state === "running" && Date.now() < deadline) {
    await sleep(200);
    job = service.status(vm);
  }
  return job;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e) => e);
  assert(err instanceof AppError, `expected an AppError, got ${err}`);
  return err;
}

async function cleanup(second: string | null) {
  await removeDomainsOn(MAIN, PREFIX);
  if (second) await removeDomainsOn(second, PREFIX);
  for await (const e of Deno.readDir("/var/log/libvirt/qemu")) {
    if (e.name.startsWith(PREFIX)) await Deno.remove(`/var/log/libvirt/qemu/${e.name}`);
  }
  const vols = await virsh("vol-list", TEST_POOL).catch(() => "");
  for (const line of vols.split("\n").slice(2)) {
    const vol = line.trim().split(/\s+/)[0];
    if (vol?.startsWith(PREFIX)) await virsh("vol-delete", "--pool", TEST_POOL, vol);
  }
}

Deno.test({
  name: "qemu migrate - between two libvirtd: live both ways, cancel, offline, copy storage",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    await assertLibvirtReachable();
    const SECOND = await startSecondLibvirtd();
    await cleanup(SECOND);
    const main = new LibvirtClient({ uri: MAIN });
    const second = new LibvirtClient({ uri: SECOND });
    // Both ends are one libvirtd, under another URI: only libvirt can tell.
    const again = new LibvirtClient({ uri: "qemu+unix:///system" });
    const hosts: Record<string, MigrationDestination> = {
      local: { id: "local", name: "Main", uri: MAIN, client: main },
      second: { id: "second", name: "Second", uri: SECOND, client: second },
      again: { id: "again", name: "Again", uri: again.uri, client: again },
    };
    const events: MigrationProgressEvent[] = [];
    const serviceOf = (client: LibvirtClient, hostId: string) =>
      new MigrationService({
        client,
        hostId,
        emit: (e) => events.push(e),
        destination: (id) =>
          hosts[id] ?? (() => {
            throw hostNotFound(id);
          })(),
      });
    const fromMain = serviceOf(main, "local");
    const fromSecond = serviceOf(second, "second");
    try {
      assert(await main.connect(), "main libvirtd connects");
      assert(await second.connect(), "second libvirtd connects");
      assert(await again.connect(), "main libvirtd connects as qemu+unix");
      const vm = `${RUN}-live`;
      await startDisklessGuest(vm);
      // Memory only the running guest holds: a file in its initramfs root.
      await typeInto(MAIN, vm, `echo mig-$((${TOKEN} + 1)) > /m; cat /m`);
      await waitForLog(logOn(MAIN, vm), `mig-${TOKEN + 1}`);

      await t.step("refusals at the boundary and in libvirt's words", async () => {
        const unknown = await refusal(fromMain.start(vm, { to: "elsewhere" }));
        assertEquals([unknown.status, unknown.code], [404, "HOST_NOT_FOUND"]);
        const same = await refusal(fromMain.start(vm, { to: "local" }));
        assertEquals([same.status, same.code], [400, "SAME_HOST"]);
        const offline = await refusal(fromMain.start(vm, { to: "second", offline: true }));
        assertEquals([offline.status, offline.message], [
          409,
          "A running VM cannot be migrated offline: migrate it live, or stop it first",
        ]);

        await fromMain.start(vm, { to: "again" });
        const job = await finished(fromMain, vm);
        assertEquals([job.state, job.errorCode], ["failed", "LIBVIRT_ERROR"]);
        assertMatch(
          job.error!,
          new RegExp(
            `^Migration of ${vm} to Again failed: internal error: Attempt to migrate guest to ` +
              "the same host [0-9a-f-]{36}$",
          ),
        );
        assertEquals(await domstateOn(MAIN, vm), "running");
      });

      await t.step("live: the guest runs on the destination with its memory", async () => {
        const since = events.length;
        const started = await fromMain.start(vm, { to: "second", bandwidthMiBs: 16 });
        assertEquals(
          [started.state, started.live, started.offline, started.from, started.to],
          ["running", true, false, "local", "second"],
        );
        const job = await finished(fromMain, vm);
        assertEquals(job.state, "completed", job.error);
        assertEquals(job.progress.percent, 100);
        const mine = events.slice(since).filter((e) => e.name === vm);
        const moving = mine.filter((e) => e.state === "running" && e.phase === "copying-memory");
        assert(moving.length > 0, `progress events while copying: ${JSON.stringify(mine)}`);
        assert(moving.every((e) => e.dataTotal > 0 && e.percent >= 0 && e.percent <= 100));
        assertEquals(mine.at(-1)?.state, "completed");
        assertEquals(mine.at(-1)?.host, "local");

        assertEquals(await domstateOn(SECOND, vm), "running");
        assertEquals(await domstateOn(MAIN, vm), null, "undefined on the source");
        assertMatch(await virshOn(SECOND, "dominfo", vm), /^Persistent:\s+yes$/m);
        // The destination's log starts empty: what it shows, the migrated guest computed.
        await typeInto(SECOND, vm, "cat /m");
        await waitForLog(logOn(SECOND, vm), `mig-${TOKEN + 1}`);
      });

      await t.step("live back: the main libvirtd as the destination", async () => {
        await fromSecond.start(vm, { to: "local" });
        const job = await finished(fromSecond, vm);
        assertEquals([job.state, job.from, job.to], ["completed", "second", "local"], job.error);
        assertEquals(await domstateOn(MAIN, vm), "running");
        assertEquals(await domstateOn(SECOND, vm), null);
        await typeInto(MAIN, vm, "cat /m");
        await waitForLog(logOn(MAIN, vm), `mig-${TOKEN + 1}`);
      });

      await t.step("cancel mid-way: the guest stays where it was", async () => {
        const since = events.length;
        await fromMain.start(vm, { to: "second", bandwidthMiBs: 1 });
        const deadline = Date.now() + 30_000;
        while (
          !events.slice(since).some((e) => e.phase === "copying-memory" && e.dataProcessed > 0)
        ) {
          assert(Date.now() < deadline, "no progress within 30 s");
          await sleep(100);
        }
        const busy = await refusal(fromMain.start(vm, { to: "second" }));
        assertEquals([busy.status, busy.code, busy.message], [
          409,
          "MIGRATION_RUNNING",
          `${vm} is being migrated to Second already`,
        ]);
        const job = await fromMain.cancel(vm);
        assertEquals(job.state, "cancelled");
        // libvirt's words for the abort: its own, or (when the destination's QEMU saw the cut
        // stream first) the destination's failed load, which it reports instead.
        assertMatch(
          job.error ?? "",
          /^operation aborted: job 'migration out' canceled by client$|load of migration failed/,
        );
        assert(job.progress.percent < 100, `cancelled at ${job.progress.percent} %`);
        assertEquals(events.at(-1)?.state, "cancelled");
        assertEquals(await domstateOn(MAIN, vm), "running");
        assertEquals(await domstateOn(SECOND, vm), null);
        await typeInto(MAIN, vm, `echo alive-$((${TOKEN} + 2))`);
        await waitForLog(logOn(MAIN, vm), `alive-${TOKEN + 2}`);
        const again = await refusal(fromMain.cancel(vm));
        assertEquals([again.status, again.code], [409, "MIGRATION_FINISHED"]);
      });

      await t.step("offline: a stopped VM's definition moves and boots there", async () => {
        await virsh("destroy", vm);
        const live = await refusal(fromMain.start(vm, { to: "second", live: true }));
        assertEquals(live.message, "A stopped VM can only be migrated offline");
        const started = await fromMain.start(vm, { to: "second" });
        assertEquals([started.offline, started.live], [true, false]);
        const job = await finished(fromMain, vm);
        assertEquals(job.state, "completed", job.error);
        assertEquals(await domstateOn(SECOND, vm), "shut off");
        assertEquals(await domstateOn(MAIN, vm), null);
        await virshOn(SECOND, "start", vm);
        await waitForLog(logOn(SECOND, vm), "KVMM-GUEST-READY");
        await removeDomainsOn(SECOND, vm);
      });

      await t.step("copy storage: the disk's bytes arrive on the destination", async () => {
        const disk = `${RUN}-disk`;
        const { diskPath } = await defineTestGuest(disk);
        await virsh("start", disk);
        await waitForGuestReady(disk);
        await typeInto(MAIN, disk, `echo disk-$((${TOKEN} + 3)) > /dev/vda; sync; echo synced`);
        await waitForLog(logOn(MAIN, disk), "synced\r\n");

        // Without the copy the disk would be shared, and a local file is not.
        await fromMain.start(disk, { to: "second" });
        const unsafe = await finished(fromMain, disk);
        assertEquals(unsafe.state, "failed");
        assertEquals(
          unsafe.error,
          `Migration of ${disk} to Second failed: Unsafe migration: Migration without shared ` +
            "storage is unsafe",
        );

        // libvirt creates the disk on the destination in the pool at the same path.
        const pools = await virshOn(SECOND, "pool-list", "--all", "--name");
        if (!pools.split("\n").some((p) => p.trim() === TEST_POOL)) {
          await virshOn(
            SECOND,
            "pool-define-as",
            TEST_POOL,
            "dir",
            "--target",
            diskPath.replace(/\/[^/]+$/, ""),
          );
          await virshOn(SECOND, "pool-build", TEST_POOL);
          await virshOn(SECOND, "pool-start", TEST_POOL);
        }
        const started = await fromMain.start(disk, { to: "second", copyStorage: true });
        assertEquals(started.copyStorage, true);
        const job = await finished(fromMain, disk);
        assertEquals(job.state, "completed", job.error);
        assertEquals(await domstateOn(SECOND, disk), "running");
        await virshOn(SECOND, "destroy", disk);
        const copy = `${SECOND_IMAGES}/${TEST_POOL}/${disk}.qcow2`;
        const raw = await Deno.makeTempFile({ prefix: PREFIX });
        try {
          await run("qemu-img", ["convert", "-O", "raw", copy, raw]);
          const head = new TextDecoder().decode((await Deno.readFile(raw)).subarray(0, 32));
          assert(head.startsWith(`disk-${TOKEN + 3}\n`), `the copy starts with ${head}`);
        } finally {
          await Deno.remove(raw);
        }
      });
    } finally {
      await Promise.all([fromMain.close(), fromSecond.close()]);
      await Promise.all([main.close(), second.close(), again.close()]);
      await cleanup(SECOND).catch((e) => console.error("cleanup:", e));
      if (Deno.env.get("KVMM_KEEP_SECOND_LIBVIRTD") !== "1") await stopSecondLibvirtd();
      else assertEquals(await domainsOn(SECOND, PREFIX), []);
    }
  },
});

Deno.test({
  name: "qemu migrate - the VM page's dialog migrates live and follows the VM to its new host",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await assertLibvirtReachable();
    const SECOND = await startSecondLibvirtd();
    const vm = `${RUN}-ui`;
    await cleanup(SECOND);
    const dataDir = await Deno.makeTempDir({ prefix: PREFIX });
    const config: Config = {
      uri: MAIN,
      uriSource: "flag",
      demo: false,
      listen: { hostname: "127.0.0.1", port: 0 },
      dataDir,
      tls: { mode: "off" },
    };
    const server = await startServer(config, { quiet: true });
    const browser = await openBrowser();
    try {
      await startDisklessGuest(vm);
      const uuid = (await virsh("domuuid", vm)).trim();
      assertEquals(server.ctx.hosts.add({ name: "Second", uri: SECOND }).id, "second");
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await signIn(page, server);
      // Migration is on the VM's Advanced tab.
      await page.goto(`${server.url}/vms/${uuid}/advanced`);
      await page.getByRole("button", { name: "Migrate…" }).click();
      const to = page.getByLabel("Destination host");
      // Second connects in the background: its option is usable once it did.
      await page.waitForFunction(() =>
        document.querySelector<HTMLSelectElement>("#migrate-to")?.value === "second"
      );
      assertEquals(await to.locator("option").allTextContents(), ["Second"]);
      assert(await page.getByLabel(/^Live:/).isChecked(), "live is the default for a running VM");
      await page.getByRole("button", { name: "Migrate", exact: true }).click();
      // Gone from this host, the VM is followed to its page on the new one.
      await page.waitForURL(`${server.url}/vms/${uuid}?host=second`, { timeout: 60_000 });
      await page.getByText("Running", { exact: true }).first().waitFor();
      assertEquals(await domstateOn(SECOND, vm), "running");
      assertEquals(await domstateOn(MAIN, vm), null);
      assertEquals(server.ctx.features.get(migrationFeature).status(vm).state, "completed");
      assertEquals(errors, [], "no uncaught errors in the page");
    } finally {
      await browser.close();
      await server.close();
      await cleanup(SECOND).catch((e) => console.error("cleanup:", e));
      await Deno.remove(dataDir, { recursive: true });
      if (Deno.env.get("KVMM_KEEP_SECOND_LIBVIRTD") !== "1") await stopSecondLibvirtd();
    }
  },
});
