// Real-QEMU guest agent tests on qemu:///system: a TCG guest whose initramfs holds Deno, our
// agent (the bundle agent/build.ts makes) and Debian's qemu-guest-agent. Our agent answers all
// fifteen methods through the real virtio-serial channel and refuses every escape inside the guest;
// the app shows both agents' facts, runs commands, freezes filesystems, quiesces a backup,
// reconnects after a restart and shuts the guest down through an agent. Fails (never skips)
// without libvirtd. Touches only kvmm-test-agent-* domains and their volumes.

import { buildAgent } from "../agent/build.ts";
import type { RpcErrorName } from "../agent/protocol.ts";
import { AGENT_VERSION } from "../agent/version.ts";
import { AgentCallError, AgentClient } from "../lib/guest/agent_client.ts";
import type { GuestInfo, GuestProcessRow, GuestUserSession } from "../shared/guest.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import type { VmSummary } from "../shared/vms.ts";
import {
  AGENT_GUEST_FIXTURES,
  AGENT_GUEST_HOSTNAME,
  AGENT_GUEST_IP,
  AGENT_GUEST_LOGIN,
  AGENT_GUEST_PATHS,
  AGENT_GUEST_PREFIX_LENGTH,
  channelInfo,
  cleanupAgentGuests,
  defineAgentGuest,
  KVMM_AGENT_CHANNEL,
  QEMU_AGENT_CHANNEL,
  readyMarkerCount,
  waitForAgentGuestReady,
  waitForChannelState,
} from "./support/agent_guest.ts";
import { assertLibvirtReachable, TEST_POOL, virsh, waitForState } from "./support/guest.ts";
import { type RealApp, withRealApp } from "./support/real_app.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The bundle the guests run: built fresh from agent/ so the test proves this tree's agent. */
async function freshBundle(): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-agent-bundle-" });
  const { path } = await buildAgent(`${dir}/kvmm-agent.js`);
  return { path, remove: () => Deno.remove(dir, { recursive: true }) };
}

async function bootGuest(
  name: string,
  bundle: string,
  channels?: { qemu?: boolean; kvmm?: boolean },
) {
  const guest = await defineAgentGuest(name, { agentBundle: bundle, channels });
  await virsh("start", name);
  await waitForAgentGuestReady(name);
  return guest;
}

/** The agent's refusal of a call, by its name. */
async function refused(p: Promise<unknown>, name: RpcErrorName): Promise<string> {
  try {
    await p;
  } catch (err) {
    assert(err instanceof AgentCallError && err.kind === "rpc", String(err));
    assertEquals(err.rpc?.data?.name, name, err.message);
    return err.message;
  }
  throw new Error(`expected ${name}, the call succeeded`);
}

const b64 = (s: string) => btoa(s);

Deno.test("qemu agent - our agent answers all nineteen methods over virtio-serial and refuses every escape", async () => {
  await assertLibvirtReachable();
  await cleanupAgentGuests();
  const bundle = await freshBundle();
  const name = "kvmm-test-agent-ours";
  let agent: AgentClient | null = null;
  try {
    const guest = await bootGuest(name, bundle.path);
    // The agent holds its port open: libvirt reports the channel connected.
    await waitForChannelState(name, KVMM_AGENT_CHANNEL, "connected", 60_000);
    agent = new AgentClient((await channelInfo(name, KVMM_AGENT_CHANNEL)).path);
    const ping = () => agent!.call("ping", {}, 10_000);
    assertEquals(await ping(), { pong: true });

    const info = await agent.call("get_agent_info", {}, 10_000);
    assertEquals(info.agent_version, AGENT_VERSION);
    assertEquals(info.protocol_version, 1);
    assertEquals(info.methods.length, 19);
    assertEquals(info.policy.allowed_dirs, ["/srv/allowed"]);

    const system = await agent.call("get_system_info", {}, 10_000);
    assertEquals(system.hostname, AGENT_GUEST_HOSTNAME);
    assertEquals(system.os_id, "debian");
    assertMatch(system.kernel_release, /cloud-amd64$/);
    assertEquals(system.os_type, "linux");
    assert(system.memory_total_bytes > 512 * 1024 * 1024, "about 1 GiB of guest memory");

    const net = await agent.call("get_network_info", {}, 10_000);
    const eth0 = net.interfaces.find((i) => i.mac === guest.mac);
    assert(eth0, `an interface with MAC ${guest.mac}: ${JSON.stringify(net)}`);
    assert(
      eth0.addresses.some((a) =>
        a.address === AGENT_GUEST_IP && a.prefix === AGENT_GUEST_PREFIX_LENGTH &&
        a.family === "ipv4"
      ),
      JSON.stringify(eth0),
    );

    const disks = await agent.call("get_disk_usage", {}, 10_000);
    const data = disks.filesystems.find((f) => f.mount_point === "/data");
    assert(data && data.fs_type === "ext4" && data.total_bytes > 0, JSON.stringify(disks));

    const echo = await agent.call(
      "exec_command",
      { command: "echo", args: ["hi", "there"] },
      20_000,
    );
    assertEquals([echo.exit_code, echo.stdout, echo.stderr], [0, "hi there\n", ""]);

    const hello = await agent.call("file_read", { path: "/srv/allowed/hello.txt" }, 10_000);
    assertEquals(atob(hello.content), AGENT_GUEST_FIXTURES["hello.txt"]);
    const written = await agent.call(
      "file_write",
      { path: "/srv/allowed/new.txt", content: b64("written by the host\n") },
      10_000,
    );
    assertEquals(written.bytes_written, 20);
    const back = await agent.call("file_read", { path: "/srv/allowed/new.txt" }, 10_000);
    assertEquals(atob(back.content), "written by the host\n");

    // Who is logged in (the guest's utmp: root on the serial console) and what runs: the agent
    // itself (deno) is among the processes, with its command line.
    const users = await agent.call("get_users", {}, 10_000);
    assertEquals(users.users, [{
      name: AGENT_GUEST_LOGIN.user,
      terminal: AGENT_GUEST_LOGIN.line,
      host: "",
      login_time_ms: AGENT_GUEST_LOGIN.seconds * 1000,
    }]);
    const procs = await agent.call("get_processes", { sort: "memory", limit: 100 }, 10_000);
    const self = procs.processes.find((p) => p.command.includes(AGENT_GUEST_PATHS.bundle));
    assert(self, `the agent among the guest's processes: ${JSON.stringify(procs)}`);
    assertEquals([self.name, self.user], ["deno", "root"]);
    assert(self.memory_bytes > 10 * 1024 * 1024, `deno's resident memory: ${self.memory_bytes}`);
    assert(procs.processes.some((p) => p.pid === 1), "init is listed");

    // A directory made and removed inside the allowed dir; not outside, not one with files in it.
    assertEquals(
      await agent.call("make_directory", { path: "/srv/allowed/made" }, 10_000),
      { path: "/srv/allowed/made" },
    );
    await refused(
      agent.call("make_directory", { path: "/srv/allowed/etc-link/evil" }, 10_000),
      "PATH_NOT_ALLOWED",
    );
    await refused(agent.call("remove_directory", { path: "/srv" }, 10_000), "PATH_NOT_ALLOWED");
    assertEquals(
      await agent.call("remove_directory", { path: "/srv/allowed/made" }, 10_000),
      { path: "/srv/allowed/made" },
    );
    await refused(
      agent.call("remove_directory", { path: "/srv/allowed/made" }, 10_000),
      "FILE_NOT_FOUND",
    );

    // Services and updates from the guest's systemctl and apt stand-ins (tests/support/standins;
    // qemu_agent_services_test.ts acts on them through the app).
    const services = await agent.call("list_services", {}, 30_000);
    assertEquals(services.systemd_version, 252);
    assertEquals(
      services.services.filter((s) => s.allowed).map((s) => s.name),
      ["cron.service", "kvmm-demo.service"],
    );
    const updates = await agent.call("list_updates", {}, 30_000);
    assertEquals([updates.manager, updates.count], ["apt", 4]);

    // Every escape, each refused with its own words, the agent answering after each.
    const escapes: [() => Promise<unknown>, RpcErrorName][] = [
      [() => agent!.call("file_read", { path: "/etc/shadow" }, 10_000), "PATH_NOT_ALLOWED"],
      [
        () => agent!.call("file_read", { path: "/srv/allowed/../../etc/passwd" }, 10_000),
        "PATH_NOT_ALLOWED",
      ],
      [
        () => agent!.call("file_read", { path: "/srv/allowed/etc-link/shadow" }, 10_000),
        "PATH_NOT_ALLOWED",
      ],
      [
        () =>
          agent!.call(
            "file_write",
            { path: "/srv/allowed/etc-link/evil", content: b64("x") },
            10_000,
          ),
        "PATH_NOT_ALLOWED",
      ],
      [
        () => agent!.call("exec_command", { command: "sh", args: ["-c", "id"] }, 10_000),
        "COMMAND_NOT_ALLOWED",
      ],
      [
        () => agent!.call("exec_command", { command: "/bin/rm", args: ["-rf", "/srv"] }, 10_000),
        "COMMAND_NOT_ALLOWED",
      ],
      [
        () => agent!.call("exec_command", { command: "echo", args: ["a;", "reboot"] }, 10_000),
        "INVALID_PARAMS",
      ],
      [
        () => agent!.call("exec_command", { command: "echo", args: ["$(id)"] }, 10_000),
        "INVALID_PARAMS",
      ],
      [
        () => agent!.call("service_action", { name: "ssh", action: "stop" }, 10_000),
        "SERVICE_NOT_ALLOWED",
      ],
      [
        () => agent!.call("service_action", { name: "--help", action: "stop" }, 10_000),
        "INVALID_PARAMS",
      ],
    ];
    for (const [call, name] of escapes) {
      const words = await refused(call(), name);
      assert(words.length > 10, `a clear message: ${words}`);
      assertEquals(await ping(), { pong: true });
    }
    // The symlink target was not written through.
    await refused(
      agent.call("file_read", { path: "/srv/allowed/etc-link/evil" }, 10_000),
      "PATH_NOT_ALLOWED",
    );

    // Killed at the call's 2 s, not the guest config's 10 s or the host's 30 s: the agent's words
    // name it (the host's own deadline would be another error than the agent's COMMAND_TIMEOUT).
    const slept = await refused(
      agent.call("exec_command", { command: "sleep", args: ["1000"], timeout_ms: 2000 }, 30_000),
      "COMMAND_TIMEOUT",
    );
    assertMatch(slept, /"sleep" did not finish within 2000 ms and was killed/);
    assertEquals(await ping(), { pong: true });
    for (const args of [[], ["-c", "100000000", "/dev/zero"]]) {
      const command = args.length ? "head" : "yes";
      const words = await refused(
        agent.call("exec_command", { command, args }, 60_000),
        "OUTPUT_LIMIT",
      );
      assertMatch(words, /1048576|1 MiB/);
      assertEquals(await ping(), { pong: true });
    }
    // No `sleep` or `yes` left running in the guest.
    const ps = await agent.call("exec_command", { command: "ls", args: ["/proc"] }, 10_000);
    assert(ps.exit_code === 0);

    // Reboot through the agent: the guest comes back and the same channel answers again.
    const before = await readyMarkerCount(name);
    assertEquals(await agent.call("reboot", {}, 10_000), { accepted: true });
    await waitForAgentGuestReady(name, { count: before + 1 });
    let again = false;
    for (let i = 0; i < 60 && !again; i++) {
      again = await ping().then(() => true, () => false);
      if (!again) {
        if (agent.closed) {
          agent = new AgentClient((await channelInfo(name, KVMM_AGENT_CHANNEL)).path);
        }
        await sleep(500);
      }
    }
    assert(again, "the agent answers after the guest rebooted");

    assertEquals(await agent.call("shutdown", {}, 10_000), { accepted: true });
    await waitForState(name, "shut off", 60_000);
  } finally {
    agent?.close();
    await cleanupAgentGuests();
    await bundle.remove();
  }
});

async function guestInfo(t: RealApp, name: string): Promise<GuestInfo> {
  const r = await t.call("GET", `/api/vms/${name}/guest`);
  assertEquals(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

async function untilStatus(t: RealApp, name: string, status: string): Promise<GuestInfo> {
  let info: GuestInfo | null = null;
  for (let i = 0; i < 60; i++) {
    info = await guestInfo(t, name);
    if (info.agent.status === status) return info;
    await sleep(1000);
  }
  throw new Error(`agent status never became ${status}: ${JSON.stringify(info?.agent)}`);
}

Deno.test("qemu agent - the app: both agents' facts, commands, freeze, quiesced backup, restart, agent shutdown", async () => {
  await assertLibvirtReachable();
  await cleanupAgentGuests();
  const bundle = await freshBundle();
  const name = "kvmm-test-agent-app";
  try {
    const guest = await bootGuest(name, bundle.path);
    await withRealApp({}, async (t) => {
      const info = await untilStatus(t, name, "both");
      assertEquals(info.agent.kvmm.version, AGENT_VERSION);
      assertEquals(info.agent.reason, null);
      assertEquals(info.os?.id, "debian");
      assertMatch(info.os?.prettyName ?? "", /^Debian GNU\/Linux/);
      assertEquals(info.hostname, AGENT_GUEST_HOSTNAME);
      // Addresses from the QEMU agent, through libvirt.
      assertEquals(info.addressSource, "qemu-agent");
      assertEquals(info.ipAddresses[0], AGENT_GUEST_IP);
      assert(info.interfaces.some((i) => i.mac === guest.mac), JSON.stringify(info.interfaces));
      assert(info.filesystems?.some((f) => f.mountPoint === "/data"), "disk usage from our agent");

      // Who is logged in (our agent's reading of utmp) and what runs (our agent itself, deno).
      const activity = await t.call("GET", `/api/vms/${name}/guest/activity?sort=memory`);
      assertEquals(activity.status, 200, JSON.stringify(activity.body));
      assertEquals([activity.body.usersSource, activity.body.reason], ["kvmm-agent", null]);
      assertEquals(activity.body.users, [{
        name: "root",
        terminal: "ttyS0",
        host: null,
        domain: null,
        loginTime: new Date(AGENT_GUEST_LOGIN.seconds * 1000).toISOString(),
      }]);
      assert(
        activity.body.processes.some((p: GuestProcessRow) =>
          p.name === "deno" && p.command.includes(AGENT_GUEST_PATHS.bundle)
        ),
        JSON.stringify(activity.body.processes),
      );
      const made = await t.call("POST", `/api/vms/${name}/guest/directories`, {
        path: "/srv/allowed/from-app",
      });
      assertEquals(made.status, 201, JSON.stringify(made.body));
      const gone = await t.call(
        "DELETE",
        `/api/vms/${name}/guest/directories?path=/srv/allowed/from-app`,
      );
      assertEquals(gone.status, 204);

      // The guest's clock through qemu-ga: in step at first; an hour behind after `virsh domtime`
      // turns it back; in step again once set to the host's through the API.
      const clock = await t.call("GET", `/api/vms/${name}/guest/time`);
      assertEquals(clock.status, 200, JSON.stringify(clock.body));
      assert(Math.abs(clock.body.offsetMs) < 10_000, `offset at boot: ${clock.body.offsetMs} ms`);
      await virsh("domtime", name, "--time", String(Math.floor(Date.now() / 1000) - 3600));
      const behind = (await t.call("GET", `/api/vms/${name}/guest/time`)).body;
      assert(Math.abs(behind.offsetMs + 3_600_000) < 10_000, `an hour behind: ${behind.offsetMs}`);
      const synced = await t.call("POST", `/api/vms/${name}/guest/time`);
      assertEquals(synced.status, 200, JSON.stringify(synced.body));
      assert(Math.abs(synced.body.offsetMs) < 10_000, `set to the host's: ${synced.body.offsetMs}`);

      // The VM list shows the address without asking the guest.
      const list = (await t.call("GET", "/api/vms")).body as VmSummary[];
      assertEquals(list.find((v) => v.name === name)?.ipAddresses?.[0], AGENT_GUEST_IP);

      const echo = await t.call("POST", `/api/vms/${name}/guest/exec`, {
        command: "uname",
        args: ["-s"],
      });
      assertEquals([echo.status, echo.body.stdout], [200, "Linux\n"], JSON.stringify(echo.body));
      const shadow = await t.call("GET", `/api/vms/${name}/guest/file?path=/etc/shadow`);
      assertEquals([shadow.status, shadow.body.code], [403, "PATH_NOT_ALLOWED"]);

      // Freeze and thaw through the QEMU agent: /data is the one freezable filesystem.
      const frozen = await t.call("POST", `/api/vms/${name}/guest/fsfreeze`);
      assertEquals([frozen.status, frozen.body], [200, { filesystems: 1 }]);
      const thawed = await t.call("POST", `/api/vms/${name}/guest/fsthaw`);
      assertEquals([thawed.status, thawed.body], [200, { filesystems: 1 }]);

      // A backup is quiesced: frozen around its start, thawed after.
      const set = await t.call("PUT", "/api/backups/settings", { pool: TEST_POOL });
      assertEquals(set.status, 200, JSON.stringify(set.body));
      const started = await t.call("POST", `/api/vms/${name}/backups`, { mode: "full" });
      assertEquals(started.status, 202, JSON.stringify(started.body));
      let backup = started.body;
      for (let i = 0; i < 120 && backup.status === "running"; i++) {
        await sleep(500);
        backup = (await t.call("GET", `/api/backups/${started.body.id}`)).body;
      }
      assertEquals(backup.status, "succeeded", JSON.stringify(backup));
      assertMatch(backup.note ?? "", /Quiesced: 1 guest filesystem\(s\) frozen at the start/);
      // Thawed again: the guest writes to /data.
      const touch = await t.call("POST", `/api/vms/${name}/guest/exec`, {
        command: "ls",
        args: ["/data"],
      });
      assertEquals(touch.status, 200);
      assertEquals((await t.call("DELETE", `/api/backups/${started.body.id}`)).status, 204);

      // A full restart: new QEMU process, new socket path; the app reconnects by itself.
      await virsh("destroy", name);
      await virsh("start", name);
      await waitForAgentGuestReady(name);
      let ok = false;
      for (let i = 0; i < 60 && !ok; i++) {
        const r = await t.call("POST", `/api/vms/${name}/guest/exec`, { command: "true" });
        ok = r.status === 200;
        if (!ok) await sleep(1000);
      }
      assert(ok, "commands run again after the VM restarted");

      const stop = await t.call("POST", `/api/vms/${name}/stop`);
      assertEquals(stop.body, { ok: true, method: "kvmm-agent" });
      await waitForState(name, "shut off", 60_000);
      const off = await guestInfo(t, name);
      assertEquals([off.agent.status, off.agent.reason], ["none", "VM is not running"]);
    });
  } finally {
    await cleanupAgentGuests();
    await bundle.remove();
  }
});

Deno.test("qemu agent - only Debian's qemu-guest-agent: its facts, and shutdown through it", async () => {
  await assertLibvirtReachable();
  await cleanupAgentGuests();
  const bundle = await freshBundle();
  const name = "kvmm-test-agent-qga";
  try {
    await bootGuest(name, bundle.path, { kvmm: false });
    await waitForChannelState(name, QEMU_AGENT_CHANNEL, "connected", 60_000);
    await withRealApp({}, async (t) => {
      const info = await untilStatus(t, name, "qemu");
      assertEquals(info.agent.kvmm, {
        configured: false,
        connected: false,
        version: null,
        policy: null,
        latestVersion: AGENT_VERSION,
        updateAvailable: false,
      });
      assertEquals(info.agent.reason, "KVM Manager agent: no channel in this VM");
      assertEquals(info.hostname, AGENT_GUEST_HOSTNAME);
      assertEquals(info.os?.id, "debian");
      assertEquals(info.ipAddresses, [AGENT_GUEST_IP]);
      assert(info.filesystems?.some((f) => f.mountPoint === "/data"), "filesystems from qemu-ga");
      const exec = await t.call("POST", `/api/vms/${name}/guest/exec`, { command: "true" });
      assertEquals([exec.status, exec.body.code], [409, "AGENT_UNAVAILABLE"]);
      // Who is logged in, from qemu-ga (guest-get-users reads the same utmp); no processes.
      const activity = await t.call("GET", `/api/vms/${name}/guest/activity`);
      assertEquals(activity.status, 200, JSON.stringify(activity.body));
      assertEquals(activity.body.usersSource, "qemu-agent");
      assertEquals(
        activity.body.users.map((u: GuestUserSession) => [u.name, u.loginTime]),
        [[AGENT_GUEST_LOGIN.user, new Date(AGENT_GUEST_LOGIN.seconds * 1000).toISOString()]],
      );
      assertEquals(activity.body.processes, null);
      assertEquals(
        activity.body.reason,
        "Processes need the KVM Manager agent running in the guest",
      );

      const stop = await t.call("POST", `/api/vms/${name}/stop`);
      assertEquals(stop.body, { ok: true, method: "qemu-agent" });
      await waitForState(name, "shut off", 60_000);
    });
  } finally {
    await cleanupAgentGuests();
    await bundle.remove();
  }
});
