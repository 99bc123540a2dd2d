// The Guest card offers admins to update an older agent and says the outcome in words: the real
// agent bundle (its version set back) behind a test-driver VM's channel, restarted as systemd
// would, and this server's bundle replacing it once the VM's policy allows it.

import { superviseAgent } from "./support/agent_process.ts";
import { assertEquals } from "./support/assert.ts";
import { apiAnswer, withDemoServer } from "./support/browser_helpers.ts";
import { AGENT_BUNDLE } from "../lib/guest/agent_update.ts";
import { AGENT_VERSION } from "../agent/version.ts";

const TEST = "6b5a6f1e-0000-4000-8000-000000000001";

Deno.test("guest agent update browser - an older agent is offered an update, which the card reports", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-agent-update-browser-" });
  const bundle = `${dir}/kvmm-agent.js`;
  const built = await Deno.readTextFile(AGENT_BUNDLE);
  await Deno.writeTextFile(
    bundle,
    built.replace(`var AGENT_VERSION = "${AGENT_VERSION}";`, `var AGENT_VERSION = "1.2.9";`),
  );
  const agent = await superviseAgent(dir, bundle, { allow_self_update: true });
  try {
    await withDemoServer(async (page, server) => {
      await page.goto(`${server.url}/vms/${TEST}`);
      const set = await apiAnswer(page, "POST", `/api/vms/${TEST}/policy/overrides`, {
        kind: "agent",
        agent: {
          allowedDirectories: [],
          allowedCommands: [],
          disallowedCommands: [],
          allowAgentUpdate: true,
        },
      });
      assertEquals(set.status, 201);
      await page.reload();
      await page.getByText(`This server has agent ${AGENT_VERSION}; the guest runs 1.2.9.`)
        .waitFor({ timeout: 20_000 });
      await page.getByRole("button", { name: "Update the agent" }).click();
      await page.getByText(`The agent is updated from 1.2.9 to ${AGENT_VERSION}.`)
        .waitFor({ timeout: 60_000 });
      // The card reads the guest again: the button goes, the note stays.
      await page.getByRole("button", { name: "Update the agent" }).waitFor({ state: "detached" });
      await page.getByText(`The agent is updated from 1.2.9 to ${AGENT_VERSION}.`).waitFor();
      // Read again, the guest runs this server's agent: nothing is offered.
      await page.reload();
      await page.getByRole("heading", { name: "Run command" }).waitFor({ timeout: 20_000 });
      assertEquals(await page.getByRole("heading", { name: "Agent update" }).count(), 0);
    }, [{ name: "test", runstate: 1, agentSocket: agent.socket }]);
  } finally {
    await agent.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
