// Browser tier of off-host backup repositories (restic) on a demo server, with restic itself on
// a local folder repository in a temp dir: the Repositories card on /backups (the kind's fields,
// add, a wrong password refused in the API's words, list, check and prune followed to their end,
// remove with the data left), and the VM tab's "Back up to repository", whose refusal on the
// test driver (it cannot back up disks) is shown verbatim; backups planted with the restic CLI,
// listed and filtered by VM, and both restore dialogs with their refusal. KVMM_SHOTS=DIR saves
// screenshots.

import type { Locator, Page } from "playwright-core";
import type { ResticJob } from "../shared/restic.ts";
import { assert, assertEquals } from "./support/assert.ts";
import { apiAnswer, withDemoServer } from "./support/browser_helpers.ts";

// tests/support/test_node.ts numbers the default domains web (running), db, cache from 1.
const WEB = "6b5a6f1e-0000-4000-8000-000000000001";
const DB = "6b5a6f1e-0000-4000-8000-000000000002";
const PASSWORD = "correct horse battery";
const SHOTS = Deno.env.get("KVMM_SHOTS");

async function shots(page: Page, name: string) {
  if (!SHOTS) return;
  await Deno.mkdir(SHOTS, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [390, 1280, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(300);
      await page.evaluate(() => scrollTo(0, 0));
      await page.screenshot({ path: `${SHOTS}/${name}-${width}-${scheme}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function withRepoDir(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-restic-ui-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A job's answer from the API, by the data-job of the note that follows it. */
async function jobOf(page: Page, note: Locator): Promise<ResticJob> {
  const id = await note.getAttribute("data-job");
  assert(id, "the note names its job");
  return await page.evaluate(
    (id) => fetch(`/api/backup-repositories/jobs/${id}`).then((r) => r.json()),
    id,
  );
}

Deno.test("restic browser - add, list, check, prune and remove a repository on /backups", async () => {
  await withRepoDir((dir) =>
    withDemoServer(async (page, server) => {
      const location = `${dir}/offsite`;
      await page.goto(`${server.url}/backups`);
      const card = page.locator('section[aria-labelledby="repositories-title"]');
      await card.getByText("No repositories yet. Add one to keep backups off this host.").waitFor();
      await card.getByRole("button", { name: "Add repository" }).click();
      const form = page.getByRole("form", { name: "Add repository" });

      // The kind chooses the fields: SFTP's key and known hosts, S3's keys, none for a folder.
      await form.getByLabel("Kind").selectOption("sftp");
      await form.getByLabel("Key file").waitFor();
      await form.getByLabel("Known hosts file").waitFor();
      await form.getByLabel("Kind").selectOption("s3");
      await form.getByLabel("Secret key").waitFor();
      assertEquals(await form.getByLabel("Key file").count(), 0);
      await form.getByLabel("Kind").selectOption("local");
      assertEquals(await form.getByLabel("Secret key").count(), 0);
      await shots(page, "add-form");

      await form.getByLabel("Name").fill("offsite");
      await form.getByLabel("Location").fill(location);
      await form.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await form.getByLabel("Keep last").fill("3");
      await form.getByLabel("Keep weekly").fill("2");
      await form.getByLabel("Check schedule").fill("0 3 * * 0");
      await form.getByRole("button", { name: "Create repository" }).click();
      await card.getByText("Repository offsite added.").waitFor();
      // restic init made it for real.
      assert((await Deno.stat(`${location}/config`)).isFile);
      const row = card.locator('tr[data-repo="offsite"]');
      await row.waitFor();
      const cells = await row.locator("td").allTextContents();
      assertEquals(cells.slice(0, 5), [
        "offsite",
        "Local folder",
        location,
        "last 3, weekly 2",
        "0 3 * * 0",
      ]);

      // Attaching it again with a wrong password: the API's refusal, in the form.
      await card.getByRole("button", { name: "Add repository" }).click();
      await form.getByLabel("Name").fill("again");
      await form.getByLabel("Location").fill(location);
      await form.getByLabel("Password", { exact: true }).fill("not the password");
      await form.getByLabel(/^The repository exists already/).check();
      await form.getByRole("button", { name: "Attach repository" }).click();
      const refused = await apiAnswer(page, "POST", "/api/backup-repositories", {
        name: "again",
        kind: "local",
        location,
        password: "not the password",
        existing: true,
      });
      assertEquals(refused, {
        status: refused.status,
        message: "The password does not open repository again",
      });
      await form.getByRole("alert").getByText(refused.message, { exact: true }).waitFor();
      await form.getByRole("button", { name: "Cancel" }).click();

      // Edit the keep policy and schedule; the password is kept, never shown.
      await row.getByRole("button", { name: "Edit offsite" }).click();
      const edit = page.getByRole("dialog", { name: "Edit offsite" });
      assertEquals(await edit.getByLabel("Password").inputValue(), "");
      await edit.getByText("Kept on the server; it is never shown and cannot be changed here.")
        .waitFor();
      await edit.getByLabel("Keep last").fill("5");
      await edit.getByLabel("Check schedule").fill("");
      await edit.getByRole("button", { name: "Save changes" }).click();
      await edit.getByText("Saved.").waitFor();
      await edit.getByRole("button", { name: "Close" }).click();
      await row.locator("td", { hasText: "last 5, weekly 2" }).waitFor();
      await row.locator("td", { hasText: "None" }).waitFor();

      // Check with data read back: the job is followed to its end, its task linked.
      await row.getByRole("button", { name: "Check offsite" }).click();
      const check = page.getByRole("dialog", { name: "Check offsite" });
      await check.getByLabel("Read all data back").check();
      await check.getByRole("button", { name: "Start check" }).click();
      const outcome = card.locator('[data-outcome-repo="offsite"] [data-job]');
      await outcome.waitFor();
      const link = outcome.getByRole("link", { name: "Task details" });
      assert(/^\/tasks\?id=\d+$/.test(await link.getAttribute("href") ?? ""));
      await card.locator('[data-job-status="succeeded"]').getByText("No errors were found")
        .waitFor();
      assertEquals((await jobOf(page, outcome)).kind, "check");

      // Prune by the keep policy: nothing to remove in a new repository.
      await row.getByRole("button", { name: "Prune offsite" }).click();
      await card.locator('[data-job-status="succeeded"]').getByText("0 snapshots removed, 0 kept")
        .waitFor();
      assertEquals((await jobOf(page, outcome)).kind, "prune");

      // Its backups: none yet.
      await row.getByRole("button", { name: "Show the backups in offsite" }).click();
      await card.getByText("No backups in this repository yet.").waitFor();
      await shots(page, "repositories");

      // Remove: forgotten here, its data left where it is.
      await row.getByRole("button", { name: "Remove offsite" }).click();
      const confirm = page.getByRole("dialog", { name: "Remove repository" });
      await confirm.getByText(location, { exact: false }).waitFor();
      await confirm.getByRole("button", { name: "Remove" }).click();
      await card.getByText("offsite removed; its data stays where it is.").waitFor();
      await row.waitFor({ state: "detached" });
      assert((await Deno.stat(`${location}/config`)).isFile);
    })
  );
});

Deno.test("restic browser - the VM tab backs up to a chosen repository; a refusal verbatim", async () => {
  await withRepoDir((dir) =>
    withDemoServer(async (page, server) => {
      await page.goto(`${server.url}/vms/${DB}/backups`);
      const card = page.getByRole("region", { name: "Off-host backups" });
      await card.getByText(/^No backup repositories yet/).waitFor();
      for (const name of ["first", "second"]) {
        const made = await apiAnswer(page, "POST", "/api/backup-repositories", {
          name,
          kind: "local",
          location: `${dir}/${name}`,
          password: PASSWORD,
        });
        assertEquals(made.status, 201);
      }
      await page.reload();
      const form = card.getByRole("form", { name: "Back up to repository" });
      const select = form.getByLabel("Repository");
      await select.waitFor();
      const options = await select.locator("option").allTextContents();
      assertEquals(options, ["first", "second"]);
      await select.selectOption({ label: "second" });
      await card.getByRole("region", { name: "db in second" })
        .getByText("No backups in this repository yet.").waitFor();

      // The test driver cannot back up disks: the job's refusal, as the API words it.
      await form.getByRole("button", { name: "Back up to repository" }).click();
      const note = form.locator('[data-job-status="failed"]');
      await note.waitFor();
      const job = await jobOf(page, note);
      assertEquals(job.kind, "backup");
      assertEquals(job.error?.code, "RESTIC_UNSUPPORTED");
      assert(job.error?.message);
      await note.getByText(job.error.message, { exact: true }).waitFor();
      await shots(page, "vm-tab");
      const repos = await page.evaluate(() =>
        fetch("/api/backup-repositories").then((r) => r.json())
      );
      assertEquals(job.repository, repos.find((r: { name: string }) => r.name === "second").id);
    })
  );
});

/** A backup of `vm` planted with the restic CLI as lib/restic/backup.ts writes one. */
async function plantBackup(location: string, vm: { uuid: string; name: string }, id: string) {
  const tags = ["kvmm", `vm:${vm.uuid}`, "host:local", `backup:${id}`];
  // Its snapshot id, from restic's JSON summary: a backup's metadata must name each disk's.
  const put = async (file: string, data: string, more: string[]): Promise<string> => {
    const child = new Deno.Command("restic", {
      args: [
        "-r",
        location,
        "backup",
        "--stdin",
        "--stdin-filename",
        file,
        "--json",
        "--tag",
        [...tags, ...more].join(","),
      ],
      env: { RESTIC_PASSWORD: PASSWORD },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(data));
    await writer.close();
    const out = await child.output();
    assert(out.success, new TextDecoder().decode(out.stderr));
    const summary = new TextDecoder().decode(out.stdout).trim().split("\n").map((l) =>
      JSON.parse(l)
    )
      .find((m) => m.message_type === "summary");
    assert(summary?.snapshot_id, "restic named the snapshot");
    return summary.snapshot_id;
  };
  const snapshot = await put(`kvmm-${vm.uuid}-vda.raw`, "disk bytes", ["disk:vda"]);
  const meta = {
    version: 1,
    backupId: id,
    vm,
    hostId: "local",
    takenAt: new Date().toISOString(),
    quiesced: false,
    xml:
      `<domain type='test'><name>${vm.name}</name><memory>65536</memory><os><type>hvm</type></os></domain>`,
    policy: null,
    disks: [{ target: "vda", format: "raw", capacityBytes: 10, sourcePath: "/x", snapshot }],
  };
  await put(`kvmm-${vm.uuid}-vm.json`, JSON.stringify(meta), ["meta", `name:${vm.name}`]);
}

Deno.test("restic browser - a repository's backups, filtered by VM, with both restore dialogs", async () => {
  await withRepoDir((dir) =>
    withDemoServer(async (page, server) => {
      const location = `${dir}/offsite`;
      await page.goto(`${server.url}/backups`);
      const made = await apiAnswer(page, "POST", "/api/backup-repositories", {
        name: "offsite",
        kind: "local",
        location,
        password: PASSWORD,
      });
      assertEquals(made.status, 201);
      await plantBackup(location, { uuid: DB, name: "db" }, "b-db");
      await plantBackup(location, { uuid: WEB, name: "web" }, "b-web");

      await page.reload();
      const card = page.locator('section[aria-labelledby="repositories-title"]');
      await card.locator('tr[data-repo="offsite"]')
        .getByRole("button", { name: "Show the backups in offsite" }).click();
      const list = card.locator('[data-repo-backups="offsite"]');
      await list.locator('tr[data-backup="b-web"]').waitFor();
      assertEquals(await list.locator("tr[data-backup]").count(), 2);
      await list.getByLabel("VM").selectOption({ label: "db" });
      await list.locator('tr[data-backup="b-web"]').waitFor({ state: "detached" });
      const row = list.locator('tr[data-backup="b-db"]');
      assertEquals((await row.locator("td").allTextContents()).slice(1, 3), ["db", "vda"]);

      // Restore as a new VM: the test driver's pools are no folders here, refused verbatim.
      await row.getByRole("button", { name: /^Restore the backup of db from / }).click();
      const vmDialog = page.getByRole("dialog", { name: "Restore as new VM" });
      assertEquals(await vmDialog.getByLabel("Name of the new VM").inputValue(), "db-restored");
      await vmDialog.getByLabel("Storage pool for the disks").selectOption("default");
      await vmDialog.getByRole("button", { name: "Restore" }).click();
      const vmNote = vmDialog.locator("[data-job]:not([data-job-status=running])");
      await vmNote.waitFor();
      const vmJob = await jobOf(page, vmNote);
      assertEquals(vmJob.kind, "restore");
      assertEquals(vmJob.error?.code, "RESTIC_UNSUPPORTED");
      assert(vmJob.error?.message);
      await vmNote.getByText(vmJob.error.message, { exact: true }).waitFor();
      await shots(page, "restore-dialog");
      await vmDialog.getByRole("button", { name: "Close" }).click();

      // Restore one disk: target, pool and the new volume's name.
      await row.getByRole("button", { name: /^Restore a disk of the backup of db from / }).click();
      const diskDialog = page.getByRole("dialog", { name: "Restore one disk" });
      assertEquals(await diskDialog.getByLabel("Disk").inputValue(), "vda");
      assertEquals(
        await diskDialog.getByLabel("Name of the new volume").inputValue(),
        "db-vda-restored",
      );
      await diskDialog.getByRole("button", { name: "Restore" }).click();
      const diskNote = diskDialog.locator("[data-job]:not([data-job-status=running])");
      await diskNote.waitFor();
      const diskJob = await jobOf(page, diskNote);
      assertEquals(diskJob.kind, "restore-disk");
      assertEquals(diskJob.error?.code, "RESTIC_UNSUPPORTED");
      assert(diskJob.error?.message);
      await diskNote.getByText(diskJob.error.message, { exact: true }).waitFor();
    })
  );
});
