// The guest's systemd services and pending updates through the API, with the real agent
// (agent/main.ts) behind a test-driver VM's channel socket and the systemctl and apt stand-ins
// (tests/support/standins) on its command_path: the VM's policy and the agent's config must both
// allow a service, refusals say which did not, actions are admin-only and audited.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { type AgentProcess, startAgentProcess } from "../../tests/support/agent_process.ts";
import {
  installStandins,
  STANDIN_SERVICES,
  STANDIN_UPGRADABLE,
  standinState,
} from "../../tests/support/standins.ts";
import type { GuestServices, GuestUpdates } from "../../shared/guest.ts";
import { jsonOf, type TestApp, withTestApp } from "../../tests/harness/test_app.ts";

const GUEST = "6b5a6f1e-0000-4000-8000-000000000001";
const PLAIN = "6b5a6f1e-0000-4000-8000-000000000002";

async function withAgent(fn: (t: TestApp, root: string, agent: AgentProcess) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-guest-services-" });
  const bin = await installStandins(dir);
  const agent = await startAgentProcess(dir, {
    command_path: `${bin}:/usr/bin:/bin`,
    allowed_services: ["kvmm-*", "cron", "ssh"],
  });
  try {
    await withTestApp((t) => fn(t, dir, agent), [
      { name: "guest", runstate: 1, agentSocket: agent.socket },
      { name: "plain", runstate: 1 },
    ]);
  } finally {
    await agent.stop();
    await Deno.remove(dir, { recursive: true });
  }
}

const act = (t: TestApp, name: string, action: string) =>
  jsonOf(t, "POST", `/api/vms/${GUEST}/guest/services/${encodeURIComponent(name)}/${action}`);

const allowServices = (t: TestApp, allowedServices: string[]) =>
  jsonOf(t, "POST", `/api/vms/${GUEST}/policy/overrides`, {
    kind: "agent",
    agent: { allowedDirectories: [], allowedCommands: [], disallowedCommands: [], allowedServices },
  });

Deno.test("guest services api - listed; started, stopped, restarted only as the VM's policy and the agent allow, audited", async () => {
  await withAgent(async (t, root) => {
    const listed = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest/services`);
    assertEquals(listed.status, 200, JSON.stringify(listed.body));
    const services = listed.body as GuestServices;
    assertEquals(services.services.map((s) => s.name), Object.keys(STANDIN_SERVICES));
    assertEquals(services.services.find((s) => s.name === "report-mailer.service"), {
      name: "report-mailer.service",
      description: "Nightly report mailer",
      loadState: "loaded",
      activeState: "failed",
      subState: "failed",
      fileState: "disabled",
      allowed: false,
    });
    // No policy for the VM: no service may be acted on, whatever the agent allows.
    assertEquals(services.allowedPatterns, []);
    assert(services.services.every((s) => !s.allowed));
    const none = await act(t, "kvmm-demo", "stop");
    assertEquals([none.status, none.body.code], [403, "SERVICE_NOT_ALLOWED"]);
    assertEquals(
      none.body.message,
      "This VM's policy allows no services to be started or stopped; add kvmm-demo.service to its allowed services",
    );
    assertEquals((await standinState(root, "kvmm-demo.service")).active, "active");

    const set = await allowServices(t, ["kvmm-*", "report-mailer"]);
    assertEquals(set.status, 201, JSON.stringify(set.body));
    const allowed = (await jsonOf(t, "GET", `/api/vms/${GUEST}/guest/services`))
      .body as GuestServices;
    assertEquals(allowed.allowedPatterns, ["kvmm-*.service", "report-mailer.service"]);
    assertEquals(
      allowed.services.filter((s) => s.allowed).map((s) => s.name),
      ["kvmm-demo.service"],
      "report-mailer: the policy allows it, the agent's config does not",
    );

    const stopped = await act(t, "kvmm-demo", "stop");
    assertEquals(stopped.status, 200, JSON.stringify(stopped.body));
    assertEquals(stopped.body.action, "stop");
    assertEquals([stopped.body.service.activeState, stopped.body.service.subState], [
      "inactive",
      "dead",
    ]);
    assertEquals((await standinState(root, "kvmm-demo.service")).active, "inactive");
    const restarted = await act(t, "kvmm-demo.service", "restart");
    assertEquals(restarted.body.service.activeState, "active");
    assertEquals(await standinState(root, "kvmm-demo.service"), {
      active: "active",
      sub: "running",
      restarts: 1,
    });

    const ssh = await act(t, "ssh", "restart");
    assertEquals([ssh.status, ssh.body.code], [403, "SERVICE_NOT_ALLOWED"]);
    assertEquals(
      ssh.body.message,
      "ssh.service is not among the allowed services of this VM's policy (kvmm-*.service, report-mailer.service)",
    );
    const mailer = await act(t, "report-mailer", "start");
    assertEquals([mailer.status, mailer.body.code], [403, "SERVICE_NOT_ALLOWED"]);
    assertMatch(
      mailer.body.message,
      /"report-mailer.service" is not on the agent's allowed_services/,
    );
    assertEquals((await standinState(root, "report-mailer.service")).active, "failed");
    // Allowed by both, unknown to systemd: systemctl's words.
    const gone = await act(t, "kvmm-gone", "start");
    assertEquals([gone.status, gone.body.code], [422, "SERVICE_FAILED"]);
    assertMatch(gone.body.message, /Unit kvmm-gone.service not found/);

    for (const name of ["--help", "-x", "a b", "x.socket", "k".repeat(300), "a;reboot"]) {
      const bad = await act(t, name, "restart");
      assertEquals([bad.status, bad.body.code], [400, "BAD_REQUEST"], name);
      assertMatch(bad.body.message, /is not a service name/, name);
    }
    const verb = await t.req("POST", `/api/vms/${GUEST}/guest/services/ssh/reload`);
    assertEquals(verb.status, 404);
    await verb.body?.cancel();

    // Operators of the VM may look, only admins act.
    const as = (role: "viewer" | "operator", method: string, path: string) =>
      t.app.request(`http://localhost/api/vms/${GUEST}/guest/${path}`, {
        method,
        headers: { authorization: `Bearer ${t.tokenFor(role, [GUEST])}` },
      });
    for (
      const [role, method, path, status] of [
        ["operator", "GET", "services", 200],
        ["operator", "GET", "updates", 200],
        ["operator", "POST", "services/kvmm-demo/restart", 403],
        ["viewer", "GET", "services", 403],
      ] as const
    ) {
      const res = await as(role, method, path);
      assertEquals(res.status, status, `${role} ${method} ${path}`);
      await res.body?.cancel();
    }
    assertEquals((await standinState(root, "kvmm-demo.service")).restarts, 1);

    const audit = JSON.stringify((await jsonOf(t, "GET", "/api/audit")).body);
    assertMatch(audit, /guest\.service-stop/);
    assertMatch(audit, /guest\.service-restart/);
  });
});

Deno.test("guest services api - pending updates, read-only; no agent is said in words", async () => {
  await withAgent(async (t) => {
    const r = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest/updates`);
    assertEquals(r.status, 200, JSON.stringify(r.body));
    const u = r.body as GuestUpdates;
    assertEquals([u.manager, u.count, u.updates.length], ["apt", STANDIN_UPGRADABLE.length, 4]);
    assertEquals(u.updates[0], {
      name: "base-files",
      currentVersion: "12.4+deb12u11",
      newVersion: "12.4+deb12u15",
    });
    for (const path of ["services", "updates"]) {
      const plain = await jsonOf(t, "GET", `/api/vms/${PLAIN}/guest/${path}`);
      assertEquals([plain.status, plain.body.code], [409, "AGENT_UNAVAILABLE"], path);
      assertMatch(plain.body.message, /org\.kvmmanager\.agent\.0/);
    }
  });
});
