import { assertEquals, assertMatch, assertRejects, assertThrows } from "../tests/support/assert.ts";
import { findExecutable } from "./command_path.ts";
import { DEFAULT_CONFIG } from "./config.ts";
import { AgentError } from "./errors.ts";
import { checkAllowed, checkNotDenied, dirScopes, parsePolicy } from "./policy.ts";
import { testConfig } from "../tests/harness/test_util.ts";

/** The refusal `fn` throws: its protocol name and message. */
function refusal(fn: () => unknown): [string, string] {
  const err = assertThrows(fn, AgentError);
  return [err.rpcName, err.message];
}

Deno.test("policy - absent is null; given, the lists are checked and directories normalised", () => {
  assertEquals(parsePolicy(undefined), null);
  assertEquals(parsePolicy({}), {});
  assertEquals(
    parsePolicy({
      allowed_dirs: ["/srv//data/./in/"],
      allowed_commands: ["uname", "/usr/bin/id"],
      denied_commands: [],
    }),
    {
      allowed_dirs: ["/srv/data/in"],
      allowed_commands: ["uname", "/usr/bin/id"],
      denied_commands: [],
    },
  );
  // Narrowing only: a shell on the host's list cannot run unless the config allowed it, and the
  // config refuses shells; so the host's list may name one.
  assertEquals(parsePolicy({ allowed_commands: ["bash"] }), { allowed_commands: ["bash"] });
});

Deno.test("policy - a malformed policy is INVALID_PARAMS naming the field", () => {
  const cases: [unknown, RegExp][] = [
    [null, /^params\.policy must be an object$/],
    [["uname"], /^params\.policy must be an object$/],
    ["uname", /^params\.policy must be an object$/],
    [
      { allowed_commands: "uname" },
      /^params\.policy\.allowed_commands must be an array of strings$/,
    ],
    [{ denied_commands: [1] }, /^params\.policy\.denied_commands must be an array of strings$/],
    [{ allowed_dirs: null }, /^params\.policy\.allowed_dirs must be an array of strings$/],
    [{ allowed_dirs: ["srv"] }, /^params\.policy\.allowed_dirs\[0\]: "srv" is not absolute$/],
    [{ allowed_dirs: ["/srv", "/srv/../etc"] }, /^params\.policy\.allowed_dirs\[1\]: .*'\.\.'/],
    [{ allowed_dirs: ["/"] }, /^params\.policy\.allowed_dirs\[0\]: "\/" would expose every file/],
    [
      { allowed_commands: ["un ame"] },
      /^params\.policy\.allowed_commands\[0\]: "un ame" must be a program name/,
    ],
    [{ denied_commands: ["/bin/../sh"] }, /^params\.policy\.denied_commands\[0\]: .*'\.\.'/],
    [
      { allowed_command: ["uname"] },
      /^unknown parameter "policy\.allowed_command" \(policy takes: allowed_dirs, allowed_commands, denied_commands, allowed_services\)$/,
    ],
  ];
  for (const [value, re] of cases) {
    const [name, message] = refusal(() => parsePolicy(value));
    assertEquals(name, "INVALID_PARAMS", message);
    assertMatch(message, re);
  }
});

Deno.test("policy - directory scopes: the config's always, the host's when it has a list", () => {
  const config = testConfig({ allowed_dirs: ["/srv/a", "/srv/b"] });
  const agent = { dirs: ["/srv/a", "/srv/b"], name: "the agent's allowed_dirs" };
  assertEquals(dirScopes(config, null), [agent]);
  assertEquals(dirScopes(config, { allowed_commands: [] }), [agent]);
  assertEquals(dirScopes(config, { allowed_dirs: [] }), [
    agent,
    { dirs: [], name: "the host policy's allowed directories" },
  ]);
});

Deno.test("policy - a command must be on both allow-lists, exactly as named", () => {
  const config = testConfig({ allowed_commands: ["uname", "id", "/usr/bin/id"] });
  checkAllowed("uname", config, null);
  checkAllowed("uname", config, {});
  checkAllowed("uname", config, { allowed_commands: ["uname", "ls"] });
  checkAllowed("/usr/bin/id", config, { allowed_commands: ["/usr/bin/id"] });
  assertEquals(refusal(() => checkAllowed("ls", config, { allowed_commands: ["ls"] })), [
    "COMMAND_NOT_ALLOWED",
    `"ls" is not on the agent's allowed_commands`,
  ]);
  assertEquals(refusal(() => checkAllowed("id", config, { allowed_commands: ["uname"] })), [
    "COMMAND_NOT_ALLOWED",
    `"id" is not on the host policy's allowed commands`,
  ]);
  // Allowing a name does not allow its path, as in the config.
  assertEquals(
    refusal(() => checkAllowed("/usr/bin/id", config, { allowed_commands: ["id"] }))[1],
    `"/usr/bin/id" is not on the host policy's allowed commands`,
  );
  // An empty host list allows nothing.
  assertEquals(
    refusal(() => checkAllowed("uname", config, { allowed_commands: [] }))[0],
    "COMMAND_NOT_ALLOWED",
  );
});

Deno.test("policy - denied by either list, by name, found path or real path", async () => {
  const echo = (await findExecutable("echo", DEFAULT_CONFIG.command_path))!;
  const real = await Deno.realPath(echo);
  const config = testConfig({ allowed_commands: ["echo"] });
  await checkNotDenied("echo", echo, config, null);
  await checkNotDenied("echo", echo, config, { denied_commands: ["uname"] });
  for (const denied of ["echo", echo, real]) {
    const err = await assertRejects(
      () => checkNotDenied("echo", echo, config, { denied_commands: [denied] }),
      AgentError,
    );
    assertEquals(err.rpcName, "COMMAND_NOT_ALLOWED");
    assertEquals(err.message, `"echo" is on the host policy's disallowed commands`);
  }
  // Named by path, denied by name.
  const byPath = await assertRejects(
    () => checkNotDenied(echo, echo, config, { denied_commands: ["echo"] }),
    AgentError,
  );
  assertMatch(byPath.message, /is on the host policy's disallowed commands$/);
  // The config's own deny list is named as such, and comes first.
  const both = testConfig({ allowed_commands: ["echo"], denied_commands: ["echo"] });
  const err = await assertRejects(
    () => checkNotDenied("echo", echo, both, { denied_commands: ["echo"] }),
    AgentError,
  );
  assertEquals(err.message, `"echo" is on the agent's denied_commands`);
  // A command not found is still denied by name.
  await assertRejects(
    () => checkNotDenied("kvmm-nope", null, config, { denied_commands: ["kvmm-nope"] }),
    AgentError,
  );
});
