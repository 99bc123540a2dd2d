// Real-QEMU tier for a task's details (issue 45 item 6): a VM on qemu:///system whose start fails
// for a real reason (its direct-boot kernel file is missing) leaves a failed task with libvirt's
// words, and the task's details show the VM's QEMU log lines of that moment (admins only).

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { adminHeaders, openBrowser, signIn } from "./support/browser_helpers.ts";
import { assertLibvirtReachable, virsh } from "./support/guest.ts";
import { startRealServer } from "./support/real_server.ts";
import { withTempDir } from "./support/temp_dir.ts";
import { QEMU_LOG_DIR } from "../lib/vms/qemu_log.ts";
import type { Task, TaskQemuLog } from "../shared/tasks.ts";

const PREFIX = "kvmm-errors-";

/** Undefines VMs this test (or a crashed run of it) left; removes the logs it caused. */
async function cleanup(only?: string) {
  const names = (await virsh("list", "--all", "--name")).split("\n").map((s) => s.trim())
    .filter((n) => only ? n === only : n.startsWith(PREFIX));
  for (const name of names) {
    await virsh("destroy", name).catch(() => {});
    await virsh("undefine", name).catch(() => {});
    await Deno.remove(`${QEMU_LOG_DIR}/${name}.log`).catch(() => {});
  }
}

Deno.test("qemu task log - a start that fails for a missing kernel: the task's details show QEMU's log lines of that moment", async () => {
  await assertLibvirtReachable();
  await cleanup();
  const name = `${PREFIX}${Deno.pid}`;
  const kernel = `/var/lib/libvirt/images/${PREFIX}missing-kernel-${Deno.pid}`;
  await Deno.remove(kernel).catch(() => {});
  await withTempDir("kvmm-errors-", async (dir) => {
    await Deno.writeTextFile(
      `${dir}/vm.xml`,
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
        <os><type arch='x86_64'>hvm</type><kernel>${kernel}</kernel></os>
        <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices></domain>`,
    );
    await virsh("define", `${dir}/vm.xml`);
    const uuid = (await virsh("domuuid", name)).trim();
    const server = await startRealServer(`${dir}/data`);
    const browser = await openBrowser();
    try {
      const headers = { ...adminHeaders(server), "content-type": "application/json" };
      const started = await fetch(`${server.url}/api/vms/${uuid}/start`, {
        method: "POST",
        headers,
      });
      const refusal = await started.json();
      assert(started.status >= 400, `start answered ${started.status}`);
      assert(refusal.message.includes(kernel), `libvirt's words: ${refusal.message}`);

      const tasks: Task[] = await (await fetch(
        `${server.url}/api/tasks?target=${uuid}&status=failed`,
        { headers },
      )).json();
      assertEquals(tasks.length, 1);
      const task = tasks[0];
      assertEquals(task.message, refusal.message);

      const log: TaskQemuLog = await (await fetch(
        `${server.url}/api/tasks/${task.id}/qemu-log`,
        { headers },
      )).json();
      assertEquals([log.vm, log.tail, log.note], [name, false, null]);
      assert(log.lines.some((l) => /starting up/.test(l)), log.lines.join("\n"));
      assert(log.lines.some((l) => /shutting down, reason=failed/.test(l)), log.lines.join("\n"));
      // Only lines of the task's moment: each stamped one falls within it (2 s of slack).
      for (const line of log.lines) {
        const at = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d+)\+0000/.exec(line);
        if (!at) continue;
        const ms = Date.parse(`${at[1]}T${at[2]}Z`);
        assert(ms >= task.startedAt - 2_000 && ms <= task.endedAt! + 2_000, line);
      }

      // The details on /tasks show them.
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await signIn(page, server);
      await page.goto(`${server.url}/tasks?id=${task.id}`);
      const dialog = page.getByRole("dialog", { name: "Task details" });
      await dialog.waitFor();
      assertEquals(await dialog.locator(".task-detail-message").textContent(), task.message);
      const lines = dialog.locator(".task-qemu-lines");
      await lines.waitFor();
      assertMatch(await lines.textContent() ?? "", /shutting down, reason=failed/);
      // For the docs' pictures: KVMM_SHOT=PATH keeps a screenshot of the details.
      const shot = Deno.env.get("KVMM_SHOT");
      if (shot) await page.screenshot({ path: shot });
    } finally {
      await browser.close();
      await server.close();
      await cleanup(name);
    }
  });
});
