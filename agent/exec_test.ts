import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import { findExecutable } from "./command_path.ts";
import { DEFAULT_CONFIG } from "./config.ts";
import { runningCommands } from "./exec.ts";
import { methodTable } from "./methods.ts";
import { call, callWith, errorOf, resultOf, testConfig } from "../tests/harness/test_util.ts";

const config = testConfig({
  allowed_commands: [
    "echo",
    "sleep",
    "yes",
    "head",
    "cat",
    "false",
    "printf",
    "tail",
    "kvmm-no-such-command",
    "/nonexistent/tool",
  ],
  command_timeout_ms: 5000,
});

/** Whether any process's command line is exactly `args` (to prove a kill). */
async function processRunning(args: string): Promise<boolean> {
  for await (const e of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(e.name)) continue;
    const cmdline = await Deno.readTextFile(`/proc/${e.name}/cmdline`).catch(() => "");
    if (cmdline.split("\0").filter(Boolean).join(" ").endsWith(args)) return true;
  }
  return false;
}

Deno.test("exec_command - runs an allowed command without a shell", async () => {
  const r = resultOf(
    await callWith(config, "exec_command", { command: "echo", args: ["hi", "*", "~"] }),
  );
  assertEquals([r.exit_code, r.signal, r.stdout, r.stderr], [0, null, "hi * ~\n", ""]);
  assert(typeof r.duration_ms === "number" && r.duration_ms >= 0);
  // A failing command is a result, not an error.
  const f = resultOf(await callWith(config, "exec_command", { command: "false" }));
  assertEquals(f.exit_code, 1);
});

Deno.test("exec_command - empty stdin, a fixed environment, lossy output", async () => {
  const cat = resultOf(await callWith(config, "exec_command", { command: "cat" }));
  assertEquals([cat.exit_code, cat.stdout], [0, ""]);
  const env = resultOf(
    await callWith(config, "exec_command", { command: "cat", args: ["/proc/self/environ"] }),
  );
  assertEquals(env.stdout.split("\0").filter(Boolean).sort(), [
    "LANG=C.UTF-8",
    `PATH=${DEFAULT_CONFIG.command_path}`,
  ]);
  const bad = resultOf(
    await callWith(config, "exec_command", { command: "printf", args: ["\\377ok"] }),
  );
  assertEquals(bad.stdout, "\ufffdok");
});

Deno.test("exec_command - a command not on the list is refused", async () => {
  for (const command of ["rm", "bash", "sh", "/usr/bin/echo", "echo hi", "ECHO"]) {
    const e = errorOf(await callWith(config, "exec_command", { command }), "COMMAND_NOT_ALLOWED");
    assertMatch(e.message, /is not on the agent's allowed_commands/);
    assertEquals(e.code, -32010);
  }
});

Deno.test("exec_command - denied_commands wins, by name or by resolved path", async () => {
  const echo = (await findExecutable("echo", DEFAULT_CONFIG.command_path))!;
  for (const denied of ["echo", echo]) {
    const c = testConfig({ allowed_commands: ["echo"], denied_commands: [denied] });
    const e = errorOf(
      await callWith(c, "exec_command", { command: "echo" }),
      "COMMAND_NOT_ALLOWED",
    );
    assertMatch(e.message, /is on the agent's denied_commands/);
  }
});

Deno.test("exec_command - shell metacharacters in arguments are refused", async () => {
  const bad = ["a;b", "$(id)", "`id`", "a|b", "a&&b", "a>b", "<x", "a\nb", "a\0b", "${HOME}"];
  for (const arg of bad) {
    const e = errorOf(
      await callWith(config, "exec_command", { command: "echo", args: ["ok", arg] }),
      "INVALID_PARAMS",
    );
    assertMatch(e.message, /params\.args\[1\] contains the shell metacharacter/);
  }
});

Deno.test("exec_command - argument count, size and types are checked", async () => {
  const call = (params: unknown) => callWith(config, "exec_command", params);
  assertMatch(
    errorOf(await call({ command: "echo", args: Array(65).fill("x") }), "INVALID_PARAMS").message,
    /65 arguments; at most 64/,
  );
  resultOf(await call({ command: "echo", args: Array(64).fill("x") }));
  assertMatch(
    errorOf(await call({ command: "echo", args: ["x".repeat(4097)] }), "INVALID_PARAMS").message,
    /params\.args\[0\] is longer than 4096 bytes/,
  );
  assertMatch(
    errorOf(await call({ command: "echo", args: "hi" }), "INVALID_PARAMS").message,
    /params\.args must be an array/,
  );
  assertMatch(
    errorOf(await call({ command: "echo", args: [1] }), "INVALID_PARAMS").message,
    /params\.args\[0\] must be a string/,
  );
  assertMatch(
    errorOf(await call({ args: [] }), "INVALID_PARAMS").message,
    /params\.command must be a string/,
  );
  assertMatch(
    errorOf(await call({ command: "echo", timeout_ms: 60001 }), "INVALID_PARAMS").message,
    /params\.timeout_ms must be an integer from 1 to 60000/,
  );
  assertMatch(
    errorOf(await call({ command: "echo", timeout_ms: 0 }), "INVALID_PARAMS").message,
    /timeout_ms/,
  );
  assertMatch(
    errorOf(await call({ command: "echo", shell: true }), "INVALID_PARAMS").message,
    /unknown parameter "shell"/,
  );
});

Deno.test("exec_command - an allowed command that is not installed", async () => {
  const e = errorOf(
    await callWith(config, "exec_command", { command: "kvmm-no-such-command" }),
    "COMMAND_NOT_FOUND",
  );
  assertMatch(e.message, /was not found on \/usr\/local\/sbin/);
  errorOf(
    await callWith(config, "exec_command", { command: "/nonexistent/tool" }),
    "COMMAND_NOT_FOUND",
  );
});

Deno.test("exec_command - a command that runs for ever is killed at its timeout", async () => {
  const methods = methodTable(config);
  const started = performance.now();
  const e = errorOf(
    await call(methods, "exec_command", { command: "sleep", args: ["1000.5"], timeout_ms: 300 }),
    "COMMAND_TIMEOUT",
  );
  // Not before its 300 ms; the words name the call's timeout, not the config's 5 s, and the
  // sleep of 1000 s is gone below: it was killed, it did not run out.
  const took = performance.now() - started;
  assert(took >= 290, `took ${took} ms`);
  assertMatch(e.message, /"sleep" did not finish within 300 ms and was killed/);
  assertEquals([e.data?.stdout, e.data?.stderr], ["", ""]);
  assert(!await processRunning("sleep 1000.5"), "sleep is still running");
  assertEquals(runningCommands(), 0);
  resultOf(await call(methods, "ping"));
});

Deno.test("exec_command - the output so far comes with a timeout", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/log`, "line one\n");
    const e = errorOf(
      await callWith(config, "exec_command", {
        command: "tail",
        args: ["-f", `${dir}/log`],
        timeout_ms: 500,
      }),
      "COMMAND_TIMEOUT",
    );
    // tail -f prints what the file holds, then waits for more that never comes.
    assertEquals(e.data?.stdout, "line one\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("exec_command - 100 MB of output is cut at the cap and the command killed", async () => {
  const methods = methodTable(config);
  // `yes` (with an argument of its own, to find it in /proc) never ends by itself: OUTPUT_LIMIT
  // rather than the config's 5 s COMMAND_TIMEOUT, and no such process left afterwards, show the
  // cap stopped it.
  for (
    const [command, args] of [
      ["yes", ["kvmm-exec-cap"]],
      ["head", ["-c", "100000000", "/dev/zero"]],
    ] as const
  ) {
    const e = errorOf(
      await call(methods, "exec_command", { command, args: [...args] }),
      "OUTPUT_LIMIT",
    );
    assertMatch(
      e.message,
      new RegExp(`"${command}" wrote more than 1048576 bytes of output and was killed`),
    );
    assertEquals(e.data?.limit_bytes, 1048576);
    assertEquals(e.data!.stdout!.length + e.data!.stderr!.length, 1048576);
    resultOf(await call(methods, "ping"));
  }
  assert(!await processRunning("yes kvmm-exec-cap"), "yes is still running");
  assert(!await processRunning("head -c 100000000 /dev/zero"), "head is still running");
  assertEquals(runningCommands(), 0);
});

Deno.test("exec_command - more than max_concurrent_commands at once is BUSY", async () => {
  const c = testConfig({ allowed_commands: ["sleep", "echo"], max_concurrent_commands: 1 });
  const methods = methodTable(c);
  const long = call(methods, "exec_command", { command: "sleep", args: ["30"], timeout_ms: 400 });
  await new Promise((r) => setTimeout(r, 100));
  const e = errorOf(await call(methods, "exec_command", { command: "echo", args: ["x"] }), "BUSY");
  assertMatch(e.message, /1 commands are running, the agent's max_concurrent_commands/);
  errorOf(await long, "COMMAND_TIMEOUT");
  // The slot is free again.
  assertEquals(
    resultOf(await call(methods, "exec_command", { command: "echo", args: ["x"] })).stdout,
    "x\n",
  );
});

Deno.test("exec_command - the host's policy narrows the allow-list and adds to the deny-list", async () => {
  const run = (command: string, policy: unknown) =>
    callWith(config, "exec_command", { command, args: ["ok"], policy });
  // Allowed by both: runs. An empty policy narrows nothing.
  assertEquals(resultOf(await run("echo", { allowed_commands: ["echo", "cat"] })).stdout, "ok\n");
  assertEquals(resultOf(await run("echo", {})).stdout, "ok\n");
  // The config allows cat, the host does not.
  const notHost = errorOf(await run("cat", { allowed_commands: ["echo"] }), "COMMAND_NOT_ALLOWED");
  assertEquals(notHost.message, `"cat" is not on the host policy's allowed commands`);
  // The host cannot widen: rm is on its list, not on the config's.
  const widen = errorOf(await run("rm", { allowed_commands: ["rm"] }), "COMMAND_NOT_ALLOWED");
  assertEquals(widen.message, `"rm" is not on the agent's allowed_commands`);
  // Denied by the host, by name or by the path the agent finds it at.
  const echo = (await findExecutable("echo", DEFAULT_CONFIG.command_path))!;
  for (const denied of ["echo", echo]) {
    const e = errorOf(
      await run("echo", { allowed_commands: ["echo"], denied_commands: [denied] }),
      "COMMAND_NOT_ALLOWED",
    );
    assertEquals(e.message, `"echo" is on the host policy's disallowed commands`);
  }
  // Only that call was narrowed: without a policy cat runs (and fails: there is no file "ok").
  assertEquals(resultOf(await run("cat", undefined)).exit_code, 1);
});

Deno.test("exec_command - a malformed host policy is INVALID_PARAMS", async () => {
  const run = (policy: unknown) => callWith(config, "exec_command", { command: "echo", policy });
  assertMatch(
    errorOf(await run(null), "INVALID_PARAMS").message,
    /params\.policy must be an object/,
  );
  assertMatch(
    errorOf(await run({ allowed_commands: "echo" }), "INVALID_PARAMS").message,
    /params\.policy\.allowed_commands must be an array of strings/,
  );
  assertMatch(
    errorOf(await run({ denied: ["echo"] }), "INVALID_PARAMS").message,
    /unknown parameter "policy\.denied"/,
  );
  assertMatch(
    errorOf(await run({ allowed_commands: ["echo;id"] }), "INVALID_PARAMS").message,
    /params\.policy\.allowed_commands\[0\]: "echo;id" must be a program name/,
  );
});
