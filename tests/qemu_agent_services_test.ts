// Real-QEMU test of the guest's services and pending updates through the app: the agent test
// guest (tests/support/agent_guest.ts) has no systemd and no apt, so it carries stand-ins
// (tests/support/standins) that print the real tools' formats from a state directory in the
// guest; our agent runs them over virtio-serial as it would run the real ones. The VM's policy is
// set through the API; the stand-in's state is read back through the guest's serial shell.
// Touches only kvmm-test-agent-* domains and their volumes.

import { buildAgent } from "../agent/build.ts";
import type { GuestServices, GuestUpdates } from "../shared/guest.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import {
  cleanupAgentGuests,
  defineAgentGuest,
  guestCapture,
  waitForAgentGuestReady,
} from "./support/agent_guest.ts";
import { assertLibvirtReachable, virsh } from "./support/guest.ts";
import { type RealApp, withRealApp } from "./support/real_app.ts";
import { STANDIN_UPGRADABLE } from "./support/standins.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const NAME = "kvmm-test-agent-services";
const STATE = "/usr/lib/systemctl-standin";

async function untilOurAgent(t: RealApp): Promise<void> {
  let last: unknown = null;
  for (let i = 0; i < 90; i++) {
    const r = await t.call("GET", `/api/vms/${NAME}/guest`);
    last = r.body?.agent;
    if (r.status === 200 && r.body.agent.kvmm.connected) return;
    await sleep(1000);
  }
  throw new Error(`our agent never answered: ${JSON.stringify(last)}`);
}

/** The stand-in's ACTIVE line and restart count for a unit, read inside the guest. */
async function guestState(unit: string): Promise<string> {
  const out = await guestCapture(
    NAME,
    `sed -n 2p ${STATE}/${unit}.service; cat ${STATE}/${unit}.restarts 2>/dev/null || echo 0`,
  );
  return out.split("\n").map((l) => l.trim()).join(" ");
}

Deno.test("qemu agent services - the app lists the guest's services, restarts an allowed one, refuses another in the policy's words, lists pending updates", async () => {
  await assertLibvirtReachable();
  await cleanupAgentGuests();
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-agent-bundle-" });
  try {
    const { path } = await buildAgent(`${dir}/kvmm-agent.js`);
    await defineAgentGuest(NAME, { agentBundle: path });
    await virsh("start", NAME);
    await waitForAgentGuestReady(NAME);
    await withRealApp({}, async (t) => {
      await untilOurAgent(t);
      const listed = await t.call("GET", `/api/vms/${NAME}/guest/services`);
      assertEquals(listed.status, 200, JSON.stringify(listed.body));
      const services = listed.body as GuestServices;
      assertEquals(services.services.map((s) => s.name), [
        "cron.service",
        "kvmm-demo.service",
        "report-mailer.service",
        "ssh.service",
      ]);
      const demo = services.services.find((s) => s.name === "kvmm-demo.service")!;
      assertEquals([demo.activeState, demo.subState, demo.fileState], [
        "active",
        "running",
        "enabled",
      ]);
      // No policy for the VM yet: nothing may be acted on.
      assert(services.services.every((s) => !s.allowed), JSON.stringify(services));

      const set = await t.call("POST", `/api/vms/${NAME}/policy/overrides`, {
        kind: "agent",
        agent: {
          allowedDirectories: ["/srv/allowed"],
          allowedCommands: ["echo"],
          disallowedCommands: [],
          allowedServices: ["kvmm-demo"],
        },
      });
      assertEquals(set.status, 201, JSON.stringify(set.body));
      const allowed = (await t.call("GET", `/api/vms/${NAME}/guest/services`))
        .body as GuestServices;
      assertEquals(allowed.services.filter((s) => s.allowed).map((s) => s.name), [
        "kvmm-demo.service",
      ]);

      // Stopped, then restarted: the guest's state follows, and the restart is counted there.
      assertEquals(await guestState("kvmm-demo"), "active 0");
      const stopped = await t.call("POST", `/api/vms/${NAME}/guest/services/kvmm-demo/stop`);
      assertEquals(stopped.status, 200, JSON.stringify(stopped.body));
      assertEquals(stopped.body.service.activeState, "inactive");
      assertEquals(await guestState("kvmm-demo"), "inactive 0");
      const restarted = await t.call(
        "POST",
        `/api/vms/${NAME}/guest/services/kvmm-demo.service/restart`,
      );
      assertEquals(restarted.status, 200, JSON.stringify(restarted.body));
      assertEquals([restarted.body.service.activeState, restarted.body.service.subState], [
        "active",
        "running",
      ]);
      assertEquals(await guestState("kvmm-demo"), "active 1");

      // cron: the guest's config allows it, the VM's policy does not; ssh: neither.
      for (const unit of ["cron", "ssh"]) {
        const refused = await t.call("POST", `/api/vms/${NAME}/guest/services/${unit}/restart`);
        assertEquals([refused.status, refused.body.code], [403, "SERVICE_NOT_ALLOWED"], unit);
        assertEquals(
          refused.body.message,
          `${unit}.service is not among the allowed services of this VM's policy (kvmm-demo.service)`,
        );
        assertEquals(await guestState(unit), "active 0", `${unit} left alone`);
      }
      // Allowed by the VM's policy, not by the guest's config: the agent's words.
      await t.call("DELETE", `/api/vms/${NAME}/policy/overrides/agent`);
      const wide = await t.call("POST", `/api/vms/${NAME}/policy/overrides`, {
        kind: "agent",
        agent: { allowedServices: ["*"] },
      });
      assertEquals(wide.status, 201, JSON.stringify(wide.body));
      const ssh = await t.call("POST", `/api/vms/${NAME}/guest/services/ssh/stop`);
      assertEquals([ssh.status, ssh.body.code], [403, "SERVICE_NOT_ALLOWED"]);
      assertMatch(ssh.body.message, /"ssh.service" is not on the agent's allowed_services/);
      assertEquals(await guestState("ssh"), "active 0");

      const updates = await t.call("GET", `/api/vms/${NAME}/guest/updates`);
      assertEquals(updates.status, 200, JSON.stringify(updates.body));
      const u = updates.body as GuestUpdates;
      assertEquals([u.manager, u.count], ["apt", STANDIN_UPGRADABLE.length]);
      assertEquals(u.updates.find((p) => p.name === "bash"), {
        name: "bash",
        currentVersion: "5.2.15-2+b8",
        newVersion: "5.2.15-2+b13",
      });

      const audit = JSON.stringify((await t.call("GET", "/api/audit")).body);
      assertMatch(audit, /guest\.service-stop/);
      assertMatch(audit, /guest\.service-restart/);
    });
  } finally {
    await cleanupAgentGuests();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
