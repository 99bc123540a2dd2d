// The guest API end to end on the test driver, with the real agent (agent/main.ts) running on
// this host behind the test VM's org.kvmmanager.agent.0 channel socket. Only the virtio-serial
// transport differs from a guest; tests/qemu_agent_test.ts covers that one.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { type AgentProcess, startAgentProcess } from "../../tests/support/agent_process.ts";
import type { GuestActivity, GuestInfo } from "../../shared/guest.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { jsonOf, type TestApp, withTestApp } from "../../tests/harness/test_app.ts";

const GUEST = "6b5a6f1e-0000-4000-8000-000000000001";
const PLAIN = "6b5a6f1e-0000-4000-8000-000000000002";

interface Fixture {
  dir: string;
  allowed: string;
  marker: string;
  agent: AgentProcess;
}

async function withAgent(fn: (t: TestApp, f: Fixture) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-guest-api-" });
  const allowed = `${dir}/allowed`;
  await Deno.mkdir(allowed);
  await Deno.writeTextFile(`${allowed}/hello.txt`, "hello from the guest\n");
  await Deno.symlink("/etc", `${allowed}/etc-link`);
  const marker = `${dir}/powered-off`;
  const agent = await startAgentProcess(dir, {
    allowed_dirs: [allowed],
    allowed_commands: ["echo", "sleep", "yes", "uname"],
    max_output_bytes: 65536,
    shutdown_command: ["touch", marker],
    reboot_command: ["touch", marker],
  });
  try {
    await withTestApp((t) => fn(t, { dir, allowed, marker, agent }), [
      { name: "guest", runstate: 1, agentSocket: agent.socket },
      { name: "plain", runstate: 1 },
    ]);
  } finally {
    await agent.stop();
    await Deno.remove(dir, { recursive: true });
  }
}

const exec = (t: TestApp, vm: string, body: unknown) =>
  jsonOf(t, "POST", `/api/vms/${vm}/guest/exec`, body);

Deno.test("guest api - our agent answers: status, OS, hostname, addresses, disks", async () => {
  await withAgent(async (t, f) => {
    const r = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest`);
    assertEquals(r.status, 200, JSON.stringify(r.body));
    const info = r.body as GuestInfo;
    assertEquals(info.agent.status, "kvmm");
    assertEquals(info.agent.kvmm.connected, true);
    assertMatch(info.agent.kvmm.version ?? "", /^\d+\.\d+\.\d+/);
    assertEquals(info.agent.kvmm.policy?.allowedDirs, [f.allowed]);
    assertEquals(info.agent.kvmm.policy?.allowedCommands, ["echo", "sleep", "yes", "uname"]);
    assertEquals(info.agent.qemu, { configured: false, connected: false });
    assertEquals(info.agent.reason, "QEMU guest agent: no channel in this VM");
    // The "guest" is this host: its facts must be this host's.
    assertEquals(info.hostname, Deno.hostname());
    assertEquals(info.os?.kernelRelease, Deno.osRelease());
    assertEquals(info.addressSource, "kvmm-agent");
    assert(info.interfaces.some((i) => i.name === "lo"), "lo is listed");
    const hostAddrs = Deno.networkInterfaces().map((n) => n.address);
    for (const ip of info.ipAddresses) assert(hostAddrs.includes(ip), `${ip} is a host address`);
    assert(info.filesystems?.some((fs) => fs.mountPoint === "/"), "the root filesystem");

    // The VM list now carries the addresses, and the browser heard about it.
    const list = (await jsonOf(t, "GET", "/api/vms")).body as VmSummary[];
    assertEquals(list.find((v) => v.id === GUEST)?.ipAddresses, info.ipAddresses);
    assert(t.events.some((e) => e.type === "guest-changed" && e.id === GUEST));
  });
});

Deno.test("guest api - run allowed commands; refusals keep the agent's words", async () => {
  await withAgent(async (t) => {
    // No shell runs, and the agent refuses shell syntax in arguments all the same.
    const subst = await exec(t, GUEST, { command: "echo", args: ["hello", "$(id)"] });
    assertEquals([subst.status, subst.body.code], [400, "BAD_REQUEST"], JSON.stringify(subst.body));

    const echo = await exec(t, GUEST, { command: "echo", args: ["hello", "world"] });
    assertEquals(echo.status, 200, JSON.stringify(echo.body));
    assertEquals(echo.body.stdout, "hello world\n");
    assertEquals([echo.body.exitCode, echo.body.signal, echo.body.stderr], [0, null, ""]);

    const rm = await exec(t, GUEST, { command: "rm", args: ["-rf", "/tmp/x"] });
    assertEquals([rm.status, rm.body.code], [403, "COMMAND_NOT_ALLOWED"]);
    assertMatch(rm.body.message, /rm/);

    const semi = await exec(t, GUEST, { command: "echo", args: ["a;", "reboot"] });
    assertEquals([semi.status, semi.body.code], [400, "BAD_REQUEST"]);
    assertMatch(semi.body.message, /argument/i);

    const slow = await exec(t, GUEST, { command: "sleep", args: ["1000"], timeoutMs: 300 });
    assertEquals(
      [slow.status, slow.body.code],
      [504, "COMMAND_TIMEOUT"],
      JSON.stringify(slow.body),
    );

    const flood = await exec(t, GUEST, { command: "yes" });
    assertEquals([flood.status, flood.body.code], [422, "OUTPUT_LIMIT"]);
    assertEquals(flood.body.limitBytes, 65536);
    assert(flood.body.stdout.startsWith("y\ny\n"), "the output so far comes along");

    // Still answering after all of that.
    const after = await exec(t, GUEST, { command: "uname", args: ["-s"] });
    assertEquals([after.status, after.body.stdout], [200, "Linux\n"]);

    const bad = await exec(t, GUEST, { command: "echo", args: "hello" });
    assertEquals([bad.status, bad.body.message], [400, "args must be a list of strings"]);
  });
});

Deno.test("guest api - download and upload inside allowed directories only", async () => {
  await withAgent(async (t, f) => {
    const file = (path: string) => `/api/vms/${GUEST}/guest/file?path=${encodeURIComponent(path)}`;
    const got = await t.req("GET", file(`${f.allowed}/hello.txt`));
    assertEquals(got.status, 200);
    assertEquals(got.headers.get("content-disposition"), 'attachment; filename="hello.txt"');
    assertEquals(await got.text(), "hello from the guest\n");

    for (const path of ["/etc/shadow", `${f.allowed}/etc-link/passwd`]) {
      const r = await jsonOf(t, "GET", file(path));
      assertEquals([r.status, r.body.code], [403, "PATH_NOT_ALLOWED"], path);
    }
    const dots = await jsonOf(t, "GET", file(`${f.allowed}/../../etc/passwd`));
    assertEquals([dots.status, dots.body.message], [400, 'path must not contain ".."']);
    const missing = await jsonOf(t, "GET", file(`${f.allowed}/nope.txt`));
    assertEquals([missing.status, missing.body.code], [404, "FILE_NOT_FOUND"]);

    const payload = new Uint8Array(300_000).map((_, i) => i % 251);
    const put = await t.app.request(`http://localhost${file(`${f.allowed}/up.bin`)}`, {
      method: "PUT",
      body: payload,
    });
    assertEquals(put.status, 200);
    assertEquals(await put.json(), { path: `${f.allowed}/up.bin`, bytesWritten: 300_000 });
    assertEquals(await Deno.readFile(`${f.allowed}/up.bin`), payload);

    const outside = await t.app.request(`http://localhost${file(`${f.dir}/escape.txt`)}`, {
      method: "PUT",
      body: "x",
    });
    assertEquals(outside.status, 403);
    assertEquals(await Deno.stat(`${f.dir}/escape.txt`).then(() => true, () => false), false);

    const huge = await t.app.request(`http://localhost${file(`${f.allowed}/huge.bin`)}`, {
      method: "PUT",
      body: new Uint8Array(13 * 1024 * 1024),
    });
    assertEquals(huge.status, 413);
    assertEquals((await huge.json()).code, "FILE_TOO_LARGE");
  });
});

Deno.test("guest api - stop goes through our agent; without an agent it is the ACPI button", async () => {
  await withAgent(async (t, f) => {
    const stop = await jsonOf(t, "POST", `/api/vms/${GUEST}/stop`);
    assertEquals(stop.body, { ok: true, method: "kvmm-agent" });
    // The agent answers first and runs the command after its delay.
    for (let i = 0; i < 50 && !(await Deno.stat(f.marker).then(() => true, () => false)); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert(await Deno.stat(f.marker).then(() => true, () => false), "the agent ran its command");

    const plain = await jsonOf(t, "POST", `/api/vms/${PLAIN}/stop`);
    assertEquals(plain.body, { ok: true, method: "acpi" });
  });
});

Deno.test("guest api - no agent: 'none' with the reason, and every agent call refused clearly", async () => {
  await withAgent(async (t, f) => {
    const plain = (await jsonOf(t, "GET", `/api/vms/${PLAIN}/guest`)).body as GuestInfo;
    assertEquals(plain.agent.status, "none");
    assertEquals(
      plain.agent.reason,
      "This VM has no guest agent channel (VMs made by the wizard have both)",
    );
    // The test driver's DHCP lease for the card.
    assertEquals(plain.addressSource, "dhcp-lease");
    const e = await exec(t, PLAIN, { command: "echo" });
    assertEquals([e.status, e.body.code], [409, "AGENT_UNAVAILABLE"]);
    assertMatch(e.body.message, /^Guest agent not available: this VM has no org\.kvmmanager/);
    const freeze = await jsonOf(t, "POST", `/api/vms/${PLAIN}/guest/fsfreeze`);
    assertEquals([freeze.status, freeze.body.code], [409, "AGENT_UNAVAILABLE"]);
    // The clock is read and set through the QEMU agent only: ours does not do it.
    for (const method of ["GET", "POST"]) {
      const clock = await jsonOf(t, method, `/api/vms/${GUEST}/guest/time`);
      assertEquals([clock.status, clock.body.code], [409, "AGENT_UNAVAILABLE"]);
      assertEquals(
        clock.body.message,
        "Guest agent not available: this VM has no QEMU guest agent channel",
      );
    }

    // The agent dies: the VM is still shown, the agent is "none" with why.
    await f.agent.stop();
    const gone = (await jsonOf(t, "GET", `/api/vms/${GUEST}/guest`)).body as GuestInfo;
    assertEquals(gone.agent.status, "none");
    assertMatch(gone.agent.reason ?? "", /^KVM Manager agent: /);
    const refused = await exec(t, GUEST, { command: "echo" });
    assertEquals([refused.status, refused.body.code], [409, "AGENT_UNAVAILABLE"]);
    const vm = await jsonOf(t, "GET", `/api/vms/${GUEST}`);
    assertEquals(vm.status, 200);

    const stopped = await jsonOf(t, "POST", `/api/vms/${GUEST}/stop`);
    assertEquals(stopped.body, { ok: true, method: "acpi" });
    const off = (await jsonOf(t, "GET", `/api/vms/${GUEST}/guest`)).body as GuestInfo;
    assertEquals([off.agent.status, off.agent.reason], ["none", "VM is not running"]);

    const missing = await jsonOf(t, "GET", `/api/vms/nope/guest`);
    assertEquals([missing.status, missing.body.code], [404, "VM_NOT_FOUND"]);
  });
});

Deno.test("guest api - activity: who is logged in and the busiest processes, operators of the VM only", async () => {
  await withAgent(async (t) => {
    // The "guest" is this host: a spinning shell of this test is among its busiest processes.
    const spin = new Deno.Command("sh", { args: ["-c", "while :; do :; done"] }).spawn();
    try {
      await new Promise((r) => setTimeout(r, 500));
      const r = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest/activity?limit=20`);
      assertEquals(r.status, 200, JSON.stringify(r.body));
      const a = r.body as GuestActivity;
      assertEquals([a.usersSource, a.sort, a.reason], ["kvmm-agent", "cpu", null]);
      assert(Array.isArray(a.users));
      assertEquals(a.processes?.length, 20);
      assert((a.processCount ?? 0) >= 20);
      const spinner = a.processes?.find((p) => p.pid === spin.pid);
      assert(spinner && spinner.cpuPercent > 5, JSON.stringify(a.processes?.slice(0, 5)));
      const byMemory = (await jsonOf(t, "GET", `/api/vms/${GUEST}/guest/activity?sort=memory`))
        .body as GuestActivity;
      assertEquals([byMemory.sort, byMemory.processes?.length], ["memory", 15]);
      const sizes = byMemory.processes!.map((p) => p.memoryBytes);
      assertEquals(sizes, [...sizes].sort((x, y) => y - x));
    } finally {
      spin.kill("SIGKILL");
      await spin.status;
    }

    for (
      const [query, words] of [
        ["sort=name", /^sort must be "cpu" or "memory"$/],
        ["limit=0", /^limit must be a whole number from 1 to 100$/],
        ["limit=1e2", /^limit must be/],
      ] as const
    ) {
      const bad = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest/activity?${query}`);
      assertEquals(bad.status, 400, query);
      assertMatch(bad.body.message, words);
    }
    // No agent: no one known, no processes, and why.
    const plain = (await jsonOf(t, "GET", `/api/vms/${PLAIN}/guest/activity`))
      .body as GuestActivity;
    assertEquals([plain.usersSource, plain.users, plain.processes], [null, [], null]);
    assertEquals(
      plain.reason,
      "No guest agent told who is logged in; Processes need the KVM Manager agent running in the guest",
    );
    // A viewer may not see processes; an operator of the VM may.
    const as = (token: string) =>
      t.app.request(`http://localhost/api/vms/${GUEST}/guest/activity?sample=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const viewer = await as(t.tokenFor("viewer"));
    assertEquals(viewer.status, 403);
    await viewer.body?.cancel();
    const operator = await as(t.tokenFor("operator", [GUEST]));
    assertEquals(operator.status, 200);
    await operator.body?.cancel();
  });
});

Deno.test("guest api - make and remove directories inside allowed ones, audited; refusals in the agent's words", async () => {
  await withAgent(async (t, f) => {
    const made = await jsonOf(t, "POST", `/api/vms/${GUEST}/guest/directories`, {
      path: `${f.allowed}/new`,
    });
    assertEquals([made.status, made.body], [201, { path: `${f.allowed}/new` }]);
    assert((await Deno.stat(`${f.allowed}/new`)).isDirectory);
    const twice = await jsonOf(t, "POST", `/api/vms/${GUEST}/guest/directories`, {
      path: `${f.allowed}/new`,
    });
    assertEquals([twice.status, twice.body.code], [422, "GUEST_IO_ERROR"]);
    assertMatch(twice.body.message, /already exists/);
    const outside = await jsonOf(t, "POST", `/api/vms/${GUEST}/guest/directories`, {
      path: `${f.dir}/outside`,
    });
    assertEquals([outside.status, outside.body.code], [403, "PATH_NOT_ALLOWED"]);
    const junk = await jsonOf(t, "POST", `/api/vms/${GUEST}/guest/directories`, {
      path: "x",
      y: 1,
    });
    assertEquals([junk.status, junk.body.message], [400, "Unknown field: y"]);
    const relative = await jsonOf(t, "POST", `/api/vms/${GUEST}/guest/directories`, { path: "x" });
    assertEquals([relative.status, relative.body.message], [
      400,
      "path must be absolute (start with /)",
    ]);

    await Deno.writeTextFile(`${f.allowed}/new/file.txt`, "x");
    const full = await t.req("DELETE", `/api/vms/${GUEST}/guest/directories?path=${f.allowed}/new`);
    assertEquals(full.status, 422);
    assertMatch((await full.json()).message, /is not empty/);
    await Deno.remove(`${f.allowed}/new/file.txt`);
    const removed = await t.req(
      "DELETE",
      `/api/vms/${GUEST}/guest/directories?path=${f.allowed}/new`,
    );
    assertEquals(removed.status, 204);
    await removed.body?.cancel();
    assertEquals(await Deno.stat(`${f.allowed}/new`).then(() => true, () => false), false);
    const audit = (await jsonOf(t, "GET", "/api/audit")).body;
    const actions = JSON.stringify(audit);
    assertMatch(actions, /guest\.directory-make/);
    assertMatch(actions, /guest\.directory-remove/);
  });
});
