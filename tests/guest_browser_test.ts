// Browser tier of the Guest card and the VM list's IP column on a test-driver node. The VM
// "test" has no agent channel: the card says None with the reason and the rest of the page
// works. In the second test the VM's KVM Manager agent channel leads to the real agent
// (agent/main.ts) running on this host: its facts are this host's, its commands really run.

import type { Page } from "playwright-core";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { AGENT_VERSION } from "../agent/version.ts";
import { startAgentProcess } from "./support/agent_process.ts";
import { apiAnswer, downloadedText, withDemoServer } from "./support/browser_helpers.ts";

// tests/support/test_node.ts numbers the domains from 1 and gives the first NIC 52:54:00:00:00:00.
const TEST = "6b5a6f1e-0000-4000-8000-000000000001";
/** What the test driver answers as the DHCP lease of "test", the first domain. */
const TEST_IP = "192.168.122.2";
const AGENT_FILES = ["/agent/kvmm-agent.js", "/agent/kvmm-agent.service", "/agent/config.json"];

function guestCard(page: Page) {
  return page.locator('[data-island="VmGuest"]');
}

Deno.test("guest browser - no agent: None with the reason, the IP column, the page still works", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    const table = page.locator(".vm-table");
    await table.getByRole("columnheader", { name: "IP address" }).waitFor();
    const row = page.locator(`tr[data-vm-id="${TEST}"]`);
    const ipCell = row.locator("td").nth(5);
    // Nothing asked the guest yet: the cache is empty.
    assertEquals(await ipCell.textContent(), "—");
    assertEquals(await page.locator(`tr[data-vm-id] td:nth-child(6)`).count(), 2);

    // Reading the guest fills the cache; "guest-changed" makes the list re-read by itself.
    const info = await page.evaluate(
      async (id) => await (await fetch(`/api/vms/${id}/guest`)).json(),
      TEST,
    );
    assertEquals(info.ipAddresses, [TEST_IP]);
    assertEquals(info.addressSource, "dhcp-lease");
    await ipCell.getByText(TEST_IP, { exact: true }).waitFor();
    assertEquals(await ipCell.locator(".vm-ip").getAttribute("title"), TEST_IP);
    // The server-rendered list shows the same cell the island does.
    const html = await (await page.request.get(`${server.url}/vms`)).text();
    assertMatch(html, new RegExp(`<span class="vm-ip" title="${TEST_IP}"><code>${TEST_IP}`));

    await page.goto(`${server.url}/vms/${TEST}`);
    const card = guestCard(page);
    const badge = card.locator("[data-agent-status]");
    await badge.and(page.getByText("None", { exact: true })).waitFor();
    assertEquals(await badge.getAttribute("data-agent-status"), "none");
    await card.getByText(
      "No guest agent answers: This VM has no guest agent channel (VMs made by the wizard " +
        "have both)",
      { exact: true },
    ).waitFor();
    const props = card.locator("dl.props").first();
    assertEquals(await props.locator("dd").nth(1).textContent(), "No channel");
    assertEquals(await props.locator("dd").nth(2).textContent(), "No channel");
    // The lease's address, and where it came from.
    await card.getByText("Addresses from: DHCP lease").waitFor();
    const net = card.getByRole("table", { name: "Network" });
    assertEquals(
      await net.locator("tbody td").allTextContents(),
      ["testnet0", "52:54:00:00:00:00", `${TEST_IP}/24`],
    );
    // How to install, with the agent's files.
    const install = card.locator("details.guest-install");
    assertEquals(await install.getAttribute("open"), "");
    assertMatch((await install.textContent())!, /apt install qemu-guest-agent/);
    for (const href of AGENT_FILES) {
      assertEquals(await install.locator(`a[href="${href}"]`).count(), 1, href);
    }
    // Refresh asks again, with the same answer.
    await card.getByRole("button", { name: "Refresh" }).click();
    await card.getByRole("button", { name: "Refresh" }).and(page.locator(":enabled")).waitFor();
    assertEquals(await badge.textContent(), "None");
    // No agent, no agent features.
    assertEquals(await card.getByRole("form", { name: "Run command" }).count(), 0);
    assertEquals(await card.getByRole("button", { name: "Freeze filesystems" }).count(), 0);
    assertEquals(await card.getByRole("alert").count(), 0);
    // Asking an agent feature anyway: the API's words.
    const refused = await apiAnswer(page, "POST", `/api/vms/${TEST}/guest/exec`, {
      command: "uptime",
    });
    assertEquals(refused.status, 409);
    assertMatch(refused.message, /^Guest agent not available: /);

    // The rest of the VM's pages is all there, each on its tab; then back to the Summary.
    await page.locator('[data-island="VmOverview"]').getByText("Configuration").waitFor();
    await page.goto(`${server.url}/vms/${TEST}/snapshots`);
    await page.locator('[data-island="VmSnapshots"]').getByText("No snapshots yet.").waitFor();
    await page.goto(`${server.url}/vms/${TEST}/hardware`);
    await page.locator('[data-island="VmHardware"]').getByRole("heading").first().waitFor();
    await page.goto(`${server.url}/vms/${TEST}/backups`);
    await page.locator('[data-island="VmBackups"]').getByText("No backups of test yet.").waitFor();
    await page.goto(`${server.url}/vms/${TEST}`);
    await badge.and(page.getByText("None", { exact: true })).waitFor();

    // Shut down: no agent answers, so the ACPI button; the card follows the state.
    const shutDown = page.getByRole("toolbar", { name: "VM actions" })
      .getByRole("button", { name: "Shut down" });
    await shutDown.and(page.locator(":enabled")).waitFor();
    await shutDown.click();
    await page.getByRole("status").getByText("Shutdown requested through the ACPI power button", {
      exact: true,
    }).waitFor();
    await card.getByText("No guest agent answers: VM is not running", { exact: true }).waitFor();
    assertEquals(await card.locator("details.guest-install").count(), 0);
    await card.getByText("No addresses known.").waitFor();

    // Stopped: the list's address is gone too.
    await page.goto(`${server.url}/vms`);
    assertEquals(await page.locator(`tr[data-vm-id="${TEST}"] td`).nth(5).textContent(), "—");
  }, [
    { name: "test", runstate: 1, vcpus: 1, memoryMb: 512, disk: true, vnc: true },
    { name: "off", runstate: 5 },
  ]);
});

/** Canned answers of a KVM Manager agent, in the wire's snake_case (agent/protocol.ts). */
Deno.test("guest browser - our agent: facts, run command, refusals verbatim, files", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-agent-browser-" });
  const allowed = `${dir}/allowed`;
  await Deno.mkdir(allowed);
  const HELLO = "hello from the agent\n";
  await Deno.writeTextFile(`${allowed}/hello.txt`, HELLO);
  const marker = `${dir}/shutdown-ran`;
  const agent = await startAgentProcess(dir, {
    allowed_dirs: [allowed],
    allowed_commands: ["echo", "uname", "tail"],
    shutdown_command: ["touch", marker],
  });
  try {
    await withDemoServer(async (page, server) => {
      await page.goto(`${server.url}/vms/${TEST}`);
      const card = guestCard(page);
      const badge = card.locator("[data-agent-status]");
      await badge.and(page.getByText(`KVM Manager agent v${AGENT_VERSION}`, { exact: true }))
        .waitFor();
      assertEquals(await badge.getAttribute("data-agent-status"), "kvmm");
      const props = card.locator("dl.props").first();
      assertEquals(await props.locator("dd").nth(1).textContent(), "No channel");
      assertEquals(await props.locator("dd").nth(2).textContent(), `Connected, v${AGENT_VERSION}`);
      // The "guest" is this host.
      const facts = card.locator("dl.guest-props");
      const dd = await facts.locator("dd").allTextContents();
      assertEquals(dd.slice(1), [`${Deno.osRelease()} (${Deno.build.arch})`, Deno.hostname()]);
      await card.getByText("Addresses from: KVM Manager agent").waitFor();
      const net = card.getByRole("table", { name: "Network" });
      // Every interface with an address here has its row (the agent also lists those without).
      const rows = (await net.locator("tbody tr").allTextContents()).join("\n");
      for (const n of Deno.networkInterfaces()) assert(rows.includes(n.name), `${n.name} listed`);
      const fs = card.getByRole("table", { name: "Filesystems" });
      const used = Number(
        await fs.getByRole("meter", { name: "Usage of /" }).getAttribute("value"),
      );
      assert(used >= 0 && used <= 100, `root usage ${used}%`);
      // Ours answers, QEMU's has no channel: no freeze, but how to get QEMU's.
      assertEquals(await card.getByRole("button", { name: "Freeze filesystems" }).count(), 0);
      assertMatch(
        (await card.locator("details.guest-install").textContent())!,
        /apt install qemu-guest-agent/,
      );

      // Run a command: exit, duration, output.
      const form = card.getByRole("form", { name: "Run command" });
      assertEquals(
        await form.locator("#guest-command-list option").evaluateAll((os) =>
          os.map((o) => (o as HTMLOptionElement).value)
        ),
        ["echo", "uname", "tail"],
      );
      await form.getByLabel("Command").fill("echo");
      await form.getByLabel("Arguments").fill("  hello   guest ");
      await form.getByRole("button", { name: "Run" }).click();
      const result = card.getByRole("region", { name: "Command result" });
      await result.getByRole("status").getByText(/^echo: Exit code 0 after \d+ ms$/).waitFor();
      assertEquals(await result.getByLabel("Standard output").textContent(), "hello guest\n");
      await result.getByText("(empty)").waitFor();

      // A refused command: the API's message verbatim.
      const refusal = await apiAnswer(page, "POST", `/api/vms/${TEST}/guest/exec`, {
        command: "rm",
        args: ["-rf", "/"],
      });
      assertEquals(refusal.status, 403);
      await form.getByLabel("Command").fill("rm");
      await form.getByLabel("Arguments").fill("-rf /");
      await form.getByRole("button", { name: "Run" }).click();
      await result.getByRole("alert").getByText(refusal.message, { exact: true }).waitFor();

      // A command that never ends: killed at its timeout, with the output it left.
      await form.getByLabel("Command").fill("tail");
      await form.getByLabel("Arguments").fill(`-f ${allowed}/hello.txt`);
      await form.getByLabel("Timeout (seconds)").fill("1");
      await form.getByRole("button", { name: "Run" }).click();
      await result.getByRole("alert").getByText(/tail/).waitFor();
      assertEquals(await result.getByLabel("Standard output (partial)").textContent(), HELLO);

      // Download: a refusal verbatim (no broken download), then the file itself.
      await card.getByText(`Allowed directories: ${allowed}; at most 8 MiB a file.`).waitFor();
      const download = card.getByRole("form", { name: "Download a file" });
      const shadow = await apiAnswer(
        page,
        "GET",
        `/api/vms/${TEST}/guest/file?path=${encodeURIComponent("/etc/shadow")}`,
      );
      assertEquals(shadow.status, 403);
      await download.getByLabel("File to download").fill("/etc/shadow");
      await download.getByRole("button", { name: "Download", exact: true }).click();
      await download.getByRole("alert").getByText(shadow.message, { exact: true }).waitFor();
      await download.getByLabel("File to download").fill(`${allowed}/hello.txt`);
      const [file] = await Promise.all([
        page.waitForEvent("download"),
        download.getByRole("button", { name: "Download", exact: true }).click(),
      ]);
      assertEquals(file.suggestedFilename(), "hello.txt");
      assertEquals(await downloadedText(file), HELLO);
      await download.getByRole("status").getByText(`Downloaded ${allowed}/hello.txt (21 B).`)
        .waitFor();

      // Upload: the first allowed directory is suggested; bytes written are shown.
      const local = `${dir}/notes.txt`;
      await Deno.writeTextFile(local, "twelve bytes");
      const upload = card.getByRole("form", { name: "Upload a file" });
      await upload.getByLabel("File to upload").setInputFiles(local);
      assertEquals(
        await upload.getByLabel("Destination in the guest").inputValue(),
        `${allowed}/notes.txt`,
      );
      await upload.getByRole("button", { name: "Upload", exact: true }).click();
      await upload.getByRole("status").getByText(`Wrote 12 bytes to ${allowed}/notes.txt.`)
        .waitFor();
      assertEquals(await Deno.readTextFile(`${allowed}/notes.txt`), "twelve bytes");

      // Directories: made inside the allowed one, a second time refused in the API's words.
      const dirs = card.getByRole("form", { name: "Directories" });
      await dirs.getByLabel("Directory").fill(`${allowed}/made`);
      await dirs.getByRole("button", { name: "Make directory" }).click();
      await dirs.getByRole("status").getByText(`Made the directory ${allowed}/made.`).waitFor();
      assert((await Deno.stat(`${allowed}/made`)).isDirectory);
      const twice = await apiAnswer(page, "POST", `/api/vms/${TEST}/guest/directories`, {
        path: `${allowed}/made`,
      });
      assertEquals(twice.status, 422);
      await dirs.getByRole("button", { name: "Make directory" }).click();
      await dirs.getByRole("alert").getByText(twice.message, { exact: true }).waitFor();
      await dirs.getByRole("button", { name: "Remove if empty" }).click();
      await dirs.getByRole("status").getByText(`Removed the directory ${allowed}/made.`).waitFor();
      assertEquals(await Deno.stat(`${allowed}/made`).then(() => true, () => false), false);

      // Activity: the "guest" is this host; a shell this test spins is among the busiest.
      const spin = new Deno.Command("sh", { args: ["-c", "while :; do :; done"] }).spawn();
      try {
        const activity = card.getByRole("button", { name: "Refresh activity" });
        await activity.click();
        const procs = card.getByRole("table", { name: "Busiest processes" });
        await procs.locator(`tr[data-pid="${spin.pid}"]`).waitFor({ timeout: 15_000 });
        const cells = await procs.locator(`tr[data-pid="${spin.pid}"] td`).allTextContents();
        assertEquals(cells.slice(0, 2), [String(spin.pid), "sh"]);
        assert(Number(cells[3]) > 1, `CPU % of the spinning shell: ${cells[3]}`);
        await card.getByRole("table", { name: "Logged-in users" }).waitFor();
        // By memory: the rows come back largest first.
        await card.getByRole("button", { name: "By memory" }).click();
        await card.getByRole("button", { name: "By memory", pressed: true }).waitFor();
        await card.getByRole("button", { name: "Refresh activity" }).and(page.locator(":enabled"))
          .waitFor();
        const memory = await procs.locator("tbody tr td:nth-child(5)").allTextContents();
        assert(memory.length > 1, "processes listed by memory");
        await page.screenshot({ path: `${dir}/activity.png`, fullPage: false });
      } finally {
        spin.kill("SIGKILL");
        await spin.status;
      }

      // Shut down goes through our agent, which runs its shutdown command.
      await page.getByRole("toolbar", { name: "VM actions" })
        .getByRole("button", { name: "Shut down" }).click();
      await page.getByText("Shutdown requested through the KVM Manager agent", { exact: true })
        .waitFor();
      for (let i = 0; i < 50 && !(await Deno.stat(marker).then(() => true, () => false)); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      assert(await Deno.stat(marker).then(() => true, () => false), "the agent ran its command");
    }, [{ name: "test", runstate: 1, agentSocket: agent.socket }]);
  } finally {
    await agent.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
