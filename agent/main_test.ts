// End to end: the agent as a process (from source, and bundled by build.ts), spoken to over
// its unix socket exactly as the host speaks to the virtio port.

import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import { buildAgent, leftoverImports, RUN_PERMISSIONS } from "./build.ts";
import { MAX_LINE_BYTES } from "./protocol.ts";
import {
  b64,
  errorOf,
  resultOf,
  type RunningAgent,
  startAgent,
  WireClient,
} from "../tests/harness/test_util.ts";

const MAIN = new URL("./main.ts", import.meta.url).pathname;
const SECRET = "the-file-content-that-must-not-be-logged";

async function withAgent(
  entry: (dir: string) => Promise<{ path: string; permissions: string[] }>,
  fn: (agent: RunningAgent, dir: string) => Promise<void>,
) {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "kvmm-agent-e2e-" }));
  try {
    await Deno.mkdir(`${dir}/allowed`);
    await Deno.writeTextFile(`${dir}/allowed/note.txt`, SECRET);
    await Deno.symlink("/etc", `${dir}/allowed/etc`);
    await Deno.symlink("/etc/hostname", `${dir}/allowed/hostname-link`);
    const { path, permissions } = await entry(dir);
    const agent = await startAgent(path, permissions, {
      allowed_dirs: [`${dir}/allowed`],
      allowed_commands: ["echo", "sleep", "yes", "head"],
      command_timeout_ms: 5000,
    }, dir);
    let stopped = false;
    try {
      await fn(agent, dir);
      const { code, stderr } = await agent.stop();
      stopped = true;
      assertEquals(code, 0, stderr);
      // One line per request, and never a file's contents.
      assertMatch(stderr, /file_read ".*note\.txt" id=\d+ ok/);
      assert(!stderr.includes(SECRET), "file contents in the log");
    } finally {
      if (!stopped) await agent.stop();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The done-when list of issue 7, against a running agent. */
async function refusesAndSurvives({ client, socket }: RunningAgent, dir: string) {
  assertEquals(resultOf(await client.call("ping")), { pong: true });

  // Files.
  const allowed = `${dir}/allowed`;
  const read = resultOf(await client.call("file_read", { path: `${allowed}/note.txt` }));
  assertEquals(read.content, b64(SECRET));
  for (
    const path of [
      "/etc/shadow",
      "allowed/../../etc/passwd",
      `${allowed}/../../etc/passwd`,
      `${allowed}/etc/passwd`,
      `${allowed}/hostname-link`,
    ]
  ) {
    errorOf(await client.call("file_read", { path }), "PATH_NOT_ALLOWED");
  }
  errorOf(
    await client.call("file_write", { path: `${allowed}/hostname-link`, content: b64("x") }),
    "PATH_NOT_ALLOWED",
  );
  errorOf(
    await client.call("file_write", { path: `${allowed}/etc/x`, content: b64("x") }),
    "PATH_NOT_ALLOWED",
  );
  assertEquals(
    resultOf(await client.call("file_write", { path: `${allowed}/w`, content: b64("w") }))
      .bytes_written,
    1,
  );

  // Commands.
  errorOf(
    await client.call("exec_command", { command: "cat", args: ["/etc/shadow"] }),
    "COMMAND_NOT_ALLOWED",
  );
  errorOf(
    await client.call("exec_command", { command: "sh", args: ["-c", "id"] }),
    "COMMAND_NOT_ALLOWED",
  );
  for (const arg of ["; id", "$(id)"]) {
    errorOf(await client.call("exec_command", { command: "echo", args: [arg] }), "INVALID_PARAMS");
  }
  const forever = errorOf(
    await client.call("exec_command", { command: "sleep", args: ["1000"], timeout_ms: 300 }),
    "COMMAND_TIMEOUT",
  );
  assertMatch(forever.message, /did not finish within 300 ms/);
  assertEquals(resultOf(await client.call("ping")), { pong: true });
  // The cap ends both, not the 5 s command timeout (that would be COMMAND_TIMEOUT): `yes` never
  // ends by itself. That the child is killed there, exec_test.ts shows in /proc.
  const flood = errorOf(
    await client.call("exec_command", { command: "head", args: ["-c", "100000000", "/dev/zero"] }),
    "OUTPUT_LIMIT",
  );
  assertEquals(flood.data?.stdout?.length, 1048576);
  errorOf(await client.call("exec_command", { command: "yes" }), "OUTPUT_LIMIT");
  assertEquals(resultOf(await client.call("ping")), { pong: true });

  // A long command does not hold up a ping sent after it.
  const slow = { command: "sleep", args: ["1"] };
  await client.send(
    JSON.stringify({ jsonrpc: "2.0", id: "slow", method: "exec_command", params: slow }) +
      '\n{"jsonrpc":"2.0","id":"fast","method":"ping"}\n',
  );
  assertEquals((await client.readLine()).id, "fast");
  assertEquals(resultOf(await client.readLine()).exit_code, 0);

  // Framing: a line split across writes, a notification (no answer), bad JSON, a batch.
  await client.send('{"jsonrpc":"2.0","id":"sp');
  await new Promise((r) => setTimeout(r, 50));
  await client.send('lit","method":"ping"}\n{"jsonrpc":"2.0","method":"ping"}\n{bad json\n[]\n');
  // Answers come as they are ready, not in request order.
  const three = [await client.readLine(), await client.readLine(), await client.readLine()];
  const kinds = three.map((r) => "error" in r ? `${r.id} ${r.error.data?.name}` : `${r.id} ok`);
  assertEquals(kinds.sort(), ["null INVALID_REQUEST", "null PARSE_ERROR", "split ok"]);
  // Nothing came for the notification: call() checks the next answer carries its own id.
  resultOf(await client.call("ping"));

  // A line longer than the protocol allows is refused and skipped; the next one is served.
  const huge = new Uint8Array(MAX_LINE_BYTES + 1024).fill(0x78);
  await Promise.all([
    client.send(huge).then(() => client.send('\n{"jsonrpc":"2.0","id":"after","method":"ping"}\n')),
    (async () => {
      const tooLong = await client.readLine();
      assertEquals(tooLong.id, null);
      assertMatch(errorOf(tooLong, "PARSE_ERROR").message, /line longer than 16777216 bytes/);
    })(),
  ]);
  assertEquals((await client.readLine()).id, "after");

  // The next client is served once this one has gone.
  client.close();
  const again = await WireClient.connect(socket);
  assertEquals(resultOf(await again.call("get_agent_info")).policy.allowed_commands, [
    "echo",
    "sleep",
    "yes",
    "head",
  ]);
  again.close();
}

Deno.test("agent process - refuses what it must, keeps answering (from source)", async () => {
  await withAgent(
    () => Promise.resolve({ path: MAIN, permissions: ["--allow-all", "--no-prompt"] }),
    refusesAndSurvives,
  );
});

Deno.test("agent process - the bundle has no imports, runs with narrow permissions", async () => {
  await withAgent(async (dir) => {
    const { path } = await buildAgent(`${dir}/kvmm-agent.js`);
    assertEquals(leftoverImports(await Deno.readTextFile(path)), []);
    // Deno counts unix sockets as network: only the dev transport needs this one.
    return { path, permissions: [...RUN_PERMISSIONS, `--allow-net=unix:${dir}/agent.sock`] };
  }, async (agent, dir) => {
    // /proc and /sys need --allow-all in Deno; without it the facts still come (through cat).
    const c = agent.client;
    const sys = resultOf(await c.call("get_system_info"));
    assert(sys.uptime_seconds > 0 && sys.memory_total_bytes > 0);
    const lo = resultOf(await c.call("get_network_info")).interfaces.find((i: { name: string }) =>
      i.name === "lo"
    );
    assertEquals([lo.mac, lo.up], [null, true]);
    const disks = resultOf(await c.call("get_disk_usage")).filesystems;
    assert(
      disks.some((f: { mount_point: string; fs_type: string }) =>
        f.mount_point === "/" && f.fs_type !== "unknown"
      ),
    );
    await refusesAndSurvives(agent, dir);
  });
});

Deno.test("agent process - a broken config stops it with a clear message", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const run = async (config: string, args: string[] = []) => {
      await Deno.writeTextFile(`${dir}/config.json`, config);
      const { code, stderr } = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          MAIN,
          "--config",
          `${dir}/config.json`,
          "--listen-unix",
          `${dir}/s`,
          ...args,
        ],
        stdout: "null",
        stderr: "piped",
      }).output();
      return { code, stderr: new TextDecoder().decode(stderr) };
    };
    const broken = await run("{");
    assertEquals(broken.code, 78);
    assertMatch(broken.stderr, /^kvmm-agent: config .*config\.json: not valid JSON/);
    const shell = await run('{"allowed_commands":["bash"]}');
    assertEquals(shell.code, 78);
    assertMatch(shell.stderr, /allowed_commands\[0\]: "bash" is a shell/);
    const flag = await run("{}", ["--verbose"]);
    assertEquals(flag.code, 64);
    assertMatch(flag.stderr, /unknown argument "--verbose"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
