// ocf:kvm-manager:server (scripts/release/ocf/server), the resource agent Pacemaker runs KVM
// Manager's server with, driven the way Pacemaker drives it: OCF_RESKEY_* variables and an action,
// answered with OCF exit codes. The real server on loopback (the demo connection, through the
// agent's `config` parameter); resource-agents' ocf-shellfuncs, as installed by command 2. The HA
// bed test (tests/ha_cluster_test.ts) runs the same agent under Pacemaker.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { parseXml } from "../lib/xml/parser.ts";

const AGENT = new URL("../scripts/release/ocf/server", import.meta.url).pathname;
const ROOT = new URL("..", import.meta.url).pathname;
// OCF exit codes (the OCF resource agent API).
const OCF = { SUCCESS: 0, ERR_GENERIC: 1, ERR_CONFIGURED: 6, ERR_INSTALLED: 5, NOT_RUNNING: 7 };

async function agent(action: string, env: Record<string, string>) {
  const out = await new Deno.Command(AGENT, {
    args: [action],
    env: { OCF_ROOT: "/usr/lib/ocf", ...env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

/** The HTTP status the server answers GET /api/vms with (401: it runs, and wants a sign-in). */
async function status(port: number): Promise<string> {
  const out = await new Deno.Command("curl", {
    args: [
      "-sk",
      "--max-time",
      "10",
      "-o",
      "/dev/null",
      "-w",
      "%{http_code}",
      `https://127.0.0.1:${port}/api/vms`,
    ],
    stdout: "piped",
  }).output();
  return new TextDecoder().decode(out.stdout);
}

/** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. */
const startTime = (pid: number) =>
  Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1].split(" ")[19];

async function until(ok: () => boolean, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const exists = (path: string) => Deno.stat(path).then(() => true, () => false);

/** The process runs (a zombie, ended but not yet reaped, does not). */
const alive = (pid: number) => {
  try {
    return Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1][0] !== "Z";
  } catch {
    return false;
  }
};

Deno.test({
  name: "ocf agent - meta-data, and validate-all refusing what is missing with OCF's codes",
  fn: async () => {
    const meta = await agent("meta-data", {});
    assertEquals(meta.code, OCF.SUCCESS, meta.stderr);
    const ra = parseXml(meta.stdout)["resource-agent"];
    assertEquals(ra["@name"], "server");
    const params = [ra.parameters.parameter].flat().map((p: Record<string, string>) =>
      `${p["@name"]}${p["@required"] === "1" ? "*" : ""}`
    );
    assertEquals(params, ["binary", "data_dir*", "listen*", "config", "log"]);
    const actions = [ra.actions.action].flat().map((a: Record<string, string>) => a["@name"]);
    assertEquals(actions, ["start", "stop", "monitor", "validate-all", "meta-data"]);

    const unset = await agent("validate-all", {});
    assertEquals(unset.code, OCF.ERR_CONFIGURED);
    assertMatch(unset.stderr, /data_dir and listen are required/);
    const base = { OCF_RESKEY_data_dir: "/nowhere", OCF_RESKEY_binary: "/bin/true" };
    const badListen = await agent("validate-all", { ...base, OCF_RESKEY_listen: "192.0.2.1" });
    assertEquals(badListen.code, OCF.ERR_CONFIGURED);
    assertMatch(badListen.stderr, /listen must be ADDRESS:PORT, not 192\.0\.2\.1/);
    const noBinary = await agent("validate-all", {
      ...base,
      OCF_RESKEY_listen: "192.0.2.1:8420",
      OCF_RESKEY_binary: "/nowhere/kvm-manager",
    });
    assertEquals(noBinary.code, OCF.ERR_INSTALLED);
    assertMatch(noBinary.stderr, /\/nowhere\/kvm-manager is not installed on this node/);
  },
});

Deno.test({
  name: "ocf agent - start answers only once the server listens; monitor notices a frozen or " +
    "killed server; stop ends it and what it started; no data folder, no start",
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "kvmm-ocf-" });
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (listener.addr as Deno.NetAddr).port;
    listener.close();
    // The kvm-manager command as a node would have it; this checkout's here.
    const binary = `${dir}/kvm-manager`;
    await Deno.writeTextFile(
      binary,
      // A child of its own first, as the server's qemu-img or ssh would be: stop must end it too.
      `#!/bin/sh\nsleep 300 &\necho $! >${dir}/child.pid\n` +
        `cd ${ROOT} && exec ${Deno.execPath()} run -A main.ts "$@"\n`,
    );
    await Deno.chmod(binary, 0o755);
    await Deno.writeTextFile(`${dir}/config.json`, JSON.stringify({ connect: "test:///default" }));
    await Deno.mkdir(`${dir}/data`);
    const env = {
      OCF_RESOURCE_INSTANCE: "kvmm-ocf-test",
      OCF_RESKEY_binary: binary,
      OCF_RESKEY_data_dir: `${dir}/data`,
      OCF_RESKEY_listen: `127.0.0.1:${port}`,
      OCF_RESKEY_config: `${dir}/config.json`,
      OCF_RESKEY_log: `${dir}/server.log`,
      // The pid file's folder (resource-agents' default is /run/resource-agents).
      HA_RSCTMP: dir,
      PATH: "/usr/sbin:/usr/bin:/sbin:/bin",
    };
    const pidFile = `${dir}/kvm-manager-kvmm-ocf-test.pid`;
    // The pid file holds "PID STARTTIME".
    const pid = async () => {
      const [found] = (await Deno.readTextFile(pidFile)).trim().split(" ");
      assert(/^[1-9]\d*$/.test(found), `a pid in the pid file: ${found}`);
      return Number(found);
    };
    try {
      // A probe on a node where it does not run.
      assertEquals((await agent("monitor", env)).code, OCF.NOT_RUNNING);

      // The shared storage is not there: refused, and nothing made in its place.
      const missing = await agent("start", { ...env, OCF_RESKEY_data_dir: `${dir}/absent` });
      assertEquals(missing.code, OCF.ERR_INSTALLED);
      assertMatch(missing.stderr, /the data folder .*\/absent is not on this node/);
      assert(!await exists(`${dir}/absent`), "the agent made the missing data folder");
      assert(!await exists(pidFile), "no server started");

      const start = await agent("start", env);
      assertEquals(
        start.code,
        OCF.SUCCESS,
        `${start.stderr}\n${await Deno.readTextFile(env.OCF_RESKEY_log)}`,
      );
      // Started means answering, at once.
      assertEquals(await status(port), "401");
      const first = await pid();
      assertEquals((await agent("start", env)).code, OCF.SUCCESS, "start again: already running");
      assertEquals(await pid(), first, "one server");
      assertEquals((await agent("monitor", env)).code, OCF.SUCCESS);
      // It made its data in the folder it was given.
      await Deno.stat(`${dir}/data/tls/cert.pem`);

      // Frozen: the port still accepts connections, but no answer comes: a failure Pacemaker
      // acts on (restart), not "running".
      Deno.kill(first, "SIGSTOP");
      const frozen = await agent("monitor", env);
      Deno.kill(first, "SIGCONT");
      assertEquals(frozen.code, OCF.ERR_GENERIC);
      assertMatch(frozen.stderr, new RegExp(`nothing answers on 127\\.0\\.0\\.1:${port}`));
      assertEquals((await agent("monitor", env)).code, OCF.SUCCESS);

      const child = Number((await Deno.readTextFile(`${dir}/child.pid`)).trim());
      assert(alive(child), "the server's child runs");
      const stop = await agent("stop", env);
      assertEquals(stop.code, OCF.SUCCESS, stop.stderr);
      assert(!alive(first), "stop ended the server");
      await until(() => !alive(child), "stop ended what the server started (its process group)");
      assertEquals((await agent("monitor", env)).code, OCF.NOT_RUNNING);
      assertEquals((await agent("stop", env)).code, OCF.SUCCESS, "stop when stopped");

      // Killed behind Pacemaker's back: not running (so Pacemaker starts it again), even when
      // its pid now belongs to another process.
      assertEquals((await agent("start", env)).code, OCF.SUCCESS);
      const second = await pid();
      const secondChild = Number((await Deno.readTextFile(`${dir}/child.pid`)).trim());
      Deno.kill(second, "SIGKILL");
      while (alive(second)) await new Promise((r) => setTimeout(r, 50));
      assertEquals((await agent("monitor", env)).code, OCF.NOT_RUNNING);
      // What it started outlived it (as the OOM killer would leave a qemu-img): the stop that
      // Pacemaker sends next ends it.
      assert(alive(secondChild), "the server's child outlived the server");
      assertEquals((await agent("stop", env)).code, OCF.SUCCESS);
      await until(() => !alive(secondChild), "stop ended what the killed server started");
      // Even when it is the pid file's own pid and start time (a process that is no session's
      // leader, such as a user's `du` on the data folder).
      const other = new Deno.Command("sh", {
        args: ["-c", "sleep 30", "sh", env.OCF_RESKEY_data_dir],
      }).spawn();
      try {
        await Deno.writeTextFile(pidFile, `${other.pid} ${startTime(other.pid)}\n`);
        assertEquals((await agent("monitor", env)).code, OCF.NOT_RUNNING);
        assertEquals((await agent("stop", env)).code, OCF.SUCCESS);
        assert(alive(other.pid), "stop never kills a process that is not the server");
      } finally {
        other.kill("SIGKILL");
        await other.status;
      }
    } finally {
      await agent("stop", env);
      await Deno.remove(dir, { recursive: true });
    }
  },
});
