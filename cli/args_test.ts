import { assertEquals, assertThrows } from "../tests/support/assert.ts";
import { intValue, oneName, parseCommandLine, wantsJson } from "./args.ts";
import { CliError } from "./errors.ts";

Deno.test("cli args - global flags anywhere, the command's own flags and words apart", () => {
  const p = parseCommandLine(
    ["start", "--json", "web", "--url", "http://h:1", "--yes", "--host=rack-2"],
    { yes: { type: "boolean" } },
  );
  assertEquals(p.positionals, ["start", "web"]);
  assertEquals(p.values, { yes: true });
  assertEquals(p.global.json, true);
  assertEquals(p.global.url, "http://h:1");
  assertEquals(p.global.host, "rack-2");
  assertEquals(p.global.insecure, false);
});

Deno.test("cli args - an unknown flag or a missing value is a usage error in a few words", () => {
  const unknown = assertThrows(() => parseCommandLine(["--bogus"]), CliError);
  assertEquals([unknown.exitCode, unknown.message], [2, "Unknown option '--bogus'"]);
  const missing = assertThrows(() => parseCommandLine(["--url"]), CliError);
  assertEquals(missing.exitCode, 2);
  assertEquals(missing.message, "Option '--url <value>' argument missing");
});

Deno.test("cli args - whole numbers, one NAME, --json seen before parsing", () => {
  assertEquals(intValue({ memory: "512" }, "memory"), 512);
  assertEquals(intValue({}, "memory"), undefined);
  assertEquals(assertThrows(() => intValue({ memory: "1.5" }, "memory"), CliError).exitCode, 2);
  assertEquals(assertThrows(() => intValue({ memory: "-1" }, "memory"), CliError).exitCode, 2);
  assertEquals(oneName(["web"], "u"), "web");
  assertEquals(assertThrows(() => oneName([], "u"), CliError).message, "missing NAME: u");
  assertEquals(assertThrows(() => oneName(["a", "b"], "u"), CliError).exitCode, 2);
  assertEquals(wantsJson(["vm", "--json", "--bogus"]), true);
  assertEquals(wantsJson(["vm", "--", "--json"]), false);
});
