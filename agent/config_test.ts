import { assert, assertEquals, assertMatch, assertThrows } from "../tests/support/assert.ts";
import {
  ConfigError,
  DEFAULT_CONFIG,
  FILE_BYTES_CEILING,
  loadConfig,
  parseConfig,
  runsAnything,
} from "./config.ts";
import { MAX_LINE_BYTES } from "./protocol.ts";

const refused = (json: unknown, re: RegExp) =>
  assertMatch(assertThrows(() => parseConfig(json), ConfigError).message, re);

Deno.test("config - a missing file gives the defaults", async () => {
  const { config, fromFile } = await loadConfig("/nonexistent/kvmm-agent.json");
  assertEquals(fromFile, false);
  assertEquals(config, { ...DEFAULT_CONFIG });
});

Deno.test("config - the defaults are conservative: no shell, no cat, caps in place", () => {
  assert(!DEFAULT_CONFIG.allowed_commands.some(runsAnything));
  assert(!DEFAULT_CONFIG.allowed_commands.includes("cat"));
  assertEquals(DEFAULT_CONFIG.allowed_dirs, ["/var/lib/kvmm-agent/files"]);
  assertEquals(DEFAULT_CONFIG.max_output_bytes, 1048576);
  assertEquals(DEFAULT_CONFIG.max_file_bytes, 8388608);
});

Deno.test("config - a broken file is refused with its path and the reason", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/c.json`, '{"allowed_dirs": [');
    const err = await loadConfig(`${dir}/c.json`).then(() => null, (e) => e);
    assert(err instanceof ConfigError);
    assertMatch(err.message, new RegExp(`^config ${dir}/c.json: not valid JSON`));

    await Deno.writeTextFile(`${dir}/c.json`, '{"max_file_bytes": "big"}');
    const err2 = await loadConfig(`${dir}/c.json`).then(() => null, (e) => e);
    assertMatch(err2.message, /config .*c\.json: max_file_bytes must be an integer from 1 to/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("config - the example file is valid and states the defaults", async () => {
  const text = await Deno.readTextFile(new URL("./config.example.json", import.meta.url));
  assertEquals(parseConfig(JSON.parse(text)), { ...DEFAULT_CONFIG });
});

Deno.test("config - shells, interpreters and command runners are refused by name", () => {
  for (
    const cmd of [
      "sh",
      "bash",
      "/bin/sh",
      "/usr/bin/dash",
      "zsh",
      "busybox",
      "python3",
      "python3.11",
      "perl",
      "node",
      "deno",
      "env",
      "sudo",
      "su",
      "awk",
      "xargs",
      "find",
    ]
  ) {
    refused(
      { allowed_commands: ["ls", cmd] },
      /allowed_commands\[1\]: ".*" is a shell, an interpreter/,
    );
  }
  // A denied shell is fine: denying is always allowed.
  assertEquals(parseConfig({ denied_commands: ["bash"] }).denied_commands, ["bash"]);
});

Deno.test("config - every key is checked and named", () => {
  refused([], /must be a JSON object/);
  refused({ allowed_dir: [] }, /unknown key "allowed_dir"/);
  refused({ allowed_dirs: "/srv" }, /allowed_dirs must be an array of strings/);
  refused({ allowed_dirs: ["srv"] }, /allowed_dirs\[0\]: "srv" is not absolute/);
  refused({ allowed_dirs: ["/srv/../etc"] }, /allowed_dirs\[0\]: .* contains a '\.\.' segment/);
  refused({ allowed_dirs: ["//"] }, /"\/" would expose every file/);
  refused({ allowed_commands: ["ls -l"] }, /allowed_commands\[0\]: "ls -l" must be a program name/);
  refused({ allowed_commands: ["bin/ls"] }, /is not absolute/);
  refused(
    { command_timeout_ms: 90_000 },
    /command_timeout_ms \(90000\) is above max_command_timeout_ms/,
  );
  refused({ command_timeout_ms: 1.5 }, /command_timeout_ms must be an integer/);
  refused(
    { max_output_bytes: 100 * 1024 * 1024 },
    /max_output_bytes must be an integer from 1024 to 2097152/,
  );
  refused({ max_file_bytes: 0 }, /max_file_bytes must be an integer from 1/);
  refused(
    { max_concurrent_commands: 0 },
    /max_concurrent_commands must be an integer from 1 to 64/,
  );
  refused({ command_path: "/bin:usr/bin" }, /command_path: directory "usr\/bin" is not absolute/);
  refused({ shutdown_command: [] }, /shutdown_command must name a program/);
  refused({ reboot_command: "reboot" }, /reboot_command must be an array of strings/);
});

Deno.test("config - comments are ignored and values override the defaults", () => {
  const c = parseConfig({
    _comment: "hello",
    allowed_dirs: ["/srv/share/./x/"],
    command_timeout_ms: 500,
    max_command_timeout_ms: 1000,
  });
  assertEquals(c.allowed_dirs, ["/srv/share/x"]);
  assertEquals([c.command_timeout_ms, c.max_command_timeout_ms], [500, 1000]);
  assertEquals(c.allowed_commands, DEFAULT_CONFIG.allowed_commands);
});

Deno.test("config - a file at the size cap still fits one protocol line in base64", () => {
  assert(Math.ceil(FILE_BYTES_CEILING / 3) * 4 + 1024 < MAX_LINE_BYTES);
});
