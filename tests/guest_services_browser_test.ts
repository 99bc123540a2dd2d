// The Guest tab's Services and Pending updates panels in Chromium, against the real agent
// (agent/main.ts) behind a test-driver VM's channel, with the systemctl and apt stand-ins
// (tests/support/standins) on its command_path. No real libvirt.

import { assertEquals } from "./support/assert.ts";
import { startAgentProcess } from "./support/agent_process.ts";
import { adminHeaders, vmId, withDemoServer } from "./support/browser_helpers.ts";
import { installStandins, standinState } from "./support/standins.ts";

Deno.test("guest services browser - the services table acts on allowed services only; pending updates with their count", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-svc-browser-" });
  const bin = await installStandins(dir);
  const agent = await startAgentProcess(dir, {
    command_path: `${bin}:/usr/bin:/bin`,
    allowed_services: ["kvmm-*", "cron"],
  });
  try {
    await withDemoServer(async (page, server) => {
      const id = await vmId(server, "web");
      const set = await fetch(`${server.url}/api/vms/${id}/policy/overrides`, {
        method: "POST",
        headers: { ...adminHeaders(server), "content-type": "application/json" },
        body: JSON.stringify({ kind: "agent", agent: { allowedServices: ["kvmm-demo"] } }),
      });
      assertEquals(set.status, 201, await set.text());
      await page.goto(`${server.url}/vms/${id}?tab=guest`);
      const services = page.locator(".guest-part", { has: page.locator("#guest-services-title") });
      const table = services.getByRole("table", { name: "Services" });
      await table.waitFor({ timeout: 30_000 });
      await services.getByText("This VM's policy allows starting and stopping: kvmm-demo.service")
        .waitFor();
      // Buttons only where both the VM's policy and the agent allow (cron: the agent only).
      const buttons = await table.locator("tbody button").evaluateAll((bs) =>
        bs.map((b) => b.getAttribute("aria-label"))
      );
      assertEquals(buttons, ["Stop kvmm-demo.service", "Restart kvmm-demo.service"]);

      await services.getByRole("button", { name: "Stop kvmm-demo.service" }).click();
      await services.getByText("kvmm-demo.service stopped: inactive (dead)").waitFor();
      assertEquals((await standinState(dir, "kvmm-demo.service")).active, "inactive");
      // Now stopped: Start takes Stop's place.
      await services.getByRole("button", { name: "Start kvmm-demo.service", exact: true }).click();
      await services.getByText("kvmm-demo.service started: active (running)").waitFor();
      assertEquals((await standinState(dir, "kvmm-demo.service")).active, "active");

      await services.getByRole("searchbox").fill("secure shell");
      assertEquals(await table.locator("tbody tr").count(), 1);

      const updates = page.locator(".guest-part", { has: page.locator("#guest-updates-title") });
      await updates.getByRole("heading", { name: "Pending updates (4)" }).waitFor();
      assertEquals(
        await updates.getByRole("table", { name: "Pending updates" }).locator("tbody tr").count(),
        4,
      );
    }, [{ name: "web", runstate: 1, agentSocket: agent.socket }]);
  } finally {
    await agent.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
