// Real-QEMU test of issue 10's guest-agent policy: a TCG guest on qemu:///system runs this tree's
// agent; a profile's agent permissions, assigned to the VM through the API, reach the agent with
// every command and file call, and the agent refuses what they do not allow. Updating the
// profile changes what the agent refuses at once; a local override wins over the profile;
// unassigning gives the agent's own config back. Fails (never skips) without libvirtd. Touches
// only kvmm-test-profile-* domains and their volumes.

import { buildAgent } from "../agent/build.ts";
import type { AgentPermissions, ProfileDetails, VmPolicy } from "../shared/profiles.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import {
  AGENT_GUEST_FIXTURES,
  AGENT_TEST_CONFIG,
  defineAgentGuest,
  KVMM_AGENT_CHANNEL,
  waitForAgentGuestReady,
  waitForChannelState,
} from "./support/agent_guest.ts";
import { assertLibvirtReachable, cleanupGuestsNamed, virsh } from "./support/guest.ts";
import { type ApiResult, type RealApp, withRealApp } from "./support/real_app.ts";

const PREFIX = "kvmm-test-profile-";
const NAME = `${PREFIX}agent`;
const ALLOWED = AGENT_TEST_CONFIG.allowed_dirs[0];
/** On the guest's ext4 data disk (tests/support/agent_guest.ts): inside the agent's dirs, not the profile's. */
const DATA_FILE = "/data/README.txt";
/** The test config, plus `id` and /data, so the profile has something to narrow. */
const GUEST_CONFIG = {
  ...AGENT_TEST_CONFIG,
  allowed_dirs: [ALLOWED, "/data"],
  allowed_commands: [...AGENT_TEST_CONFIG.allowed_commands, "id"],
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const exec = (t: RealApp, command: string, args: string[] = []) =>
  t.call("POST", `/api/vms/${NAME}/guest/exec`, { command, args });

const readFile = (t: RealApp, path: string) =>
  t.request(`/api/vms/${NAME}/guest/file?path=${encodeURIComponent(path)}`);

function ok(r: ApiResult, status = 200): any {
  assertEquals(r.status, status, JSON.stringify(r.body));
  return r.body;
}

/** A refusal that came from the agent in the guest: its status, code and the list it names. */
function refused(r: ApiResult, code: string, words: RegExp): void {
  assertEquals([r.status, r.body?.code], [403, code], JSON.stringify(r.body));
  assertMatch(r.body.message, words);
}

async function fileText(t: RealApp, path: string): Promise<string> {
  const res = await readFile(t, path);
  const text = await res.text();
  assertEquals(res.status, 200, text);
  return text;
}

async function fileRefused(t: RealApp, path: string, words: RegExp): Promise<void> {
  const res = await readFile(t, path);
  const body = await res.json();
  assertEquals([res.status, body.code], [403, "PATH_NOT_ALLOWED"], JSON.stringify(body));
  assertMatch(body.message, words);
}

/** The first command through the app: the agent may still be starting when the guest is ready. */
async function untilAgentAnswers(t: RealApp): Promise<void> {
  let last: ApiResult | null = null;
  for (let i = 0; i < 60; i++) {
    last = await exec(t, "uname", ["-s"]);
    if (last.status === 200) return;
    await sleep(1000);
  }
  throw new Error(`the agent never ran uname: ${JSON.stringify(last)}`);
}

Deno.test("qemu profile - updating a profile changes what the guest agent of each assigned VM refuses", async () => {
  await assertLibvirtReachable();
  await cleanupGuestsNamed(PREFIX);
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-profile-bundle-" });
  try {
    // This tree's agent, so the test proves the agent that applies the policy.
    const { path: bundle } = await buildAgent(`${dir}/kvmm-agent.js`);
    await defineAgentGuest(NAME, {
      prefix: PREFIX,
      agentBundle: bundle,
      agentConfig: GUEST_CONFIG,
    });
    await virsh("start", NAME);
    await waitForAgentGuestReady(NAME);
    await waitForChannelState(NAME, KVMM_AGENT_CHANNEL, "connected", 60_000);

    await withRealApp({}, async (t) => {
      await untilAgentAnswers(t);
      // Before any profile: the agent's own config, echo and /data included.
      assertEquals(ok(await exec(t, "echo", ["before"])).stdout, "before\n");
      assertMatch(await fileText(t, DATA_FILE), /kvmm agent test data disk/);

      const agent: AgentPermissions = {
        allowedDirectories: [ALLOWED],
        allowedCommands: ["uname", "id"],
        disallowedCommands: [],
      };
      const profile: ProfileDetails = ok(
        await t.call("POST", "/api/profiles", { name: `${PREFIX}ops`, agent }),
        201,
      );
      const vm = ok(await t.call("PUT", `/api/vms/${NAME}/profile`, { profileId: profile.id }));
      assertEquals(vm.profileId, profile.id);
      const policy: VmPolicy = ok(await t.call("GET", `/api/vms/${NAME}/policy`));
      assertEquals(policy.effective.agent, agent);

      // The profile's permissions apply: uname and id run, the files of its dir are read.
      assertEquals(ok(await exec(t, "uname", ["-s"])).stdout, "Linux\n");
      assertEquals(ok(await exec(t, "id", ["-u"])).stdout, "0\n");
      assertEquals(await fileText(t, `${ALLOWED}/hello.txt`), AGENT_GUEST_FIXTURES["hello.txt"]);
      // What the agent's config allows but the profile never did is refused by the agent, in
      // the words of the host's policy.
      refused(
        await exec(t, "echo", ["x"]),
        "COMMAND_NOT_ALLOWED",
        /"echo" is not on the host policy's allowed commands/,
      );
      await fileRefused(t, DATA_FILE, /is outside the host policy's allowed directories/);
      // And what the agent's config never allowed stays refused in the agent's own words.
      refused(await exec(t, "rm"), "COMMAND_NOT_ALLOWED", /not on the agent's allowed_commands/);
      await fileRefused(t, "/etc/hostname", /outside the agent's allowed_dirs/);

      // The profile is updated: uname is now disallowed, for every VM it is assigned to.
      const updated = ok(
        await t.call("PATCH", `/api/profiles/${profile.id}`, {
          agent: { ...agent, disallowedCommands: ["uname"] },
        }),
      );
      assertEquals(updated.syncResult.affectedVms, 1);
      refused(
        await exec(t, "uname", ["-s"]),
        "COMMAND_NOT_ALLOWED",
        /"uname" is on the host policy's disallowed commands/,
      );
      assertEquals(ok(await exec(t, "id", ["-u"])).stdout, "0\n");

      // A local override wins over the profile: uname and /data are allowed again.
      const local: AgentPermissions = {
        allowedDirectories: [ALLOWED, "/data"],
        allowedCommands: ["uname", "id"],
        disallowedCommands: [],
      };
      ok(
        await t.call("POST", `/api/vms/${NAME}/policy/overrides`, { kind: "agent", agent: local }),
        201,
      );
      const overridden: VmPolicy = ok(await t.call("GET", `/api/vms/${NAME}/policy`));
      const setting = overridden.settings.find((s) => s.key === "agent");
      assertEquals([setting?.source, setting?.overridesProfile], ["local", true]);
      assertEquals(ok(await exec(t, "uname", ["-s"])).stdout, "Linux\n");
      assertMatch(await fileText(t, DATA_FILE), /kvmm agent test data disk/);
      refused(
        await exec(t, "echo", ["x"]),
        "COMMAND_NOT_ALLOWED",
        /"echo" is not on the host policy's allowed commands/,
      );

      // Without the override the updated profile applies again.
      ok(await t.call("DELETE", `/api/vms/${NAME}/policy/overrides/agent`));
      refused(
        await exec(t, "uname", ["-s"]),
        "COMMAND_NOT_ALLOWED",
        /"uname" is on the host policy's disallowed commands/,
      );

      // Unassigned: back to the agent's own config.
      ok(await t.call("DELETE", `/api/vms/${NAME}/profile`));
      const none: VmPolicy = ok(await t.call("GET", `/api/vms/${NAME}/policy`));
      assertEquals(none.effective.agent, null);
      assertEquals(ok(await exec(t, "uname", ["-s"])).stdout, "Linux\n");
      assertEquals(ok(await exec(t, "echo", ["after"])).stdout, "after\n");
      assertMatch(await fileText(t, DATA_FILE), /kvmm agent test data disk/);
      assert(
        t.events.some((e) => e.type === "policy-changed"),
        "the browser heard of the policy changes",
      );
    });
  } finally {
    await cleanupGuestsNamed(PREFIX);
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
