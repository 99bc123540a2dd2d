// Updating our agent from the host through the API, with the real agent bundle behind a
// test-driver VM's channel socket: an older bundle (this build's, its version set back) runs
// from a file the way the systemd unit runs it; the test restarts it when it exits, as
// Restart=always does. The VM's policy and the guest's config must both allow the update; then
// the file is replaced by this server's bundle, the old one kept, and the agent answers as new.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { superviseAgent } from "../../tests/support/agent_process.ts";
import { jsonOf, type TestApp, withTestApp } from "../../tests/harness/test_app.ts";
import { AGENT_BUNDLE } from "../../lib/guest/agent_update.ts";
import { AGENT_VERSION } from "../../agent/version.ts";

const GUEST = "6b5a6f1e-0000-4000-8000-000000000001";
const OLD = "1.2.9";

async function withOldAgent(
  config: Record<string, unknown>,
  fn: (t: TestApp, bundle: string) => Promise<void>,
) {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-agent-update-" });
  const bundle = `${dir}/kvmm-agent.js`;
  const built = await Deno.readTextFile(AGENT_BUNDLE);
  const older = built.replace(
    `var AGENT_VERSION = "${AGENT_VERSION}";`,
    `var AGENT_VERSION = "${OLD}";`,
  );
  assert(older !== built, "the bundle states its version");
  await Deno.writeTextFile(bundle, older);
  const agent = await superviseAgent(dir, bundle, config);
  try {
    await withTestApp(
      (t) => fn(t, bundle),
      [{ name: "guest", runstate: 1, agentSocket: agent.socket }],
    );
  } finally {
    await agent.stop();
    await Deno.remove(dir, { recursive: true });
  }
}

const update = (t: TestApp) => jsonOf(t, "POST", `/api/vms/${GUEST}/guest/agent/update`);
const allowUpdates = (t: TestApp) =>
  jsonOf(t, "POST", `/api/vms/${GUEST}/policy/overrides`, {
    kind: "agent",
    agent: {
      allowedDirectories: [],
      allowedCommands: [],
      disallowedCommands: [],
      allowAgentUpdate: true,
    },
  });

Deno.test("guest agent update api - an older agent is replaced by this server's once both policies allow it, audited", async () => {
  await withOldAgent({ allow_self_update: true }, async (t, bundle) => {
    const info = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest`);
    assertEquals(info.body.agent.kvmm.version, OLD);
    assertEquals(info.body.agent.kvmm.policy.allowSelfUpdate, true);

    // The VM's policy says nothing about updates: refused, nothing sent.
    const refused = await update(t);
    assertEquals([refused.status, refused.body.code], [403, "AGENT_UPDATE_NOT_ALLOWED"]);
    assertEquals(
      refused.body.message,
      "This VM's policy does not allow updating its agent from the host: allow it in the VM's profile or overrides",
    );
    assertMatch(await Deno.readTextFile(bundle), new RegExp(`AGENT_VERSION = "${OLD}"`));

    assertEquals((await allowUpdates(t)).status, 201);
    const done = await update(t);
    assertEquals(done.status, 200, JSON.stringify(done.body));
    assertEquals(done.body, { from: OLD, to: AGENT_VERSION });
    assertEquals(await Deno.readTextFile(bundle), await Deno.readTextFile(AGENT_BUNDLE));
    assertMatch(await Deno.readTextFile(`${bundle}.previous`), new RegExp(`"${OLD}"`));
    const after = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest`);
    assertEquals(after.body.agent.kvmm.version, AGENT_VERSION);

    // Now as new as the server's: nothing to do.
    const again = await update(t);
    assertEquals([again.status, again.body.code], [409, "AGENT_CURRENT"]);
    assertEquals(
      again.body.message,
      `The agent is already at version ${AGENT_VERSION}, as new as this server's (${AGENT_VERSION})`,
    );
    const audit = await jsonOf(t, "GET", "/api/audit");
    assert(
      JSON.stringify(audit.body).includes("guest.agent-update"),
      `audited: ${JSON.stringify(audit.body).slice(0, 300)}`,
    );
  });
});

Deno.test("guest agent update api - the guest's config has the last word", async () => {
  await withOldAgent({}, async (t, bundle) => {
    assertEquals((await allowUpdates(t)).status, 201);
    const refused = await update(t);
    assertEquals([refused.status, refused.body.code], [403, "AGENT_UPDATE_NOT_ALLOWED"]);
    assertEquals(
      refused.body.message,
      "The guest's agent config does not allow updates from the host: set allow_self_update to true in /etc/kvmm-agent/config.json",
    );
    assertMatch(await Deno.readTextFile(bundle), new RegExp(`AGENT_VERSION = "${OLD}"`));
  });
});
