import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import { powerSettled } from "./power.ts";
import { callWith, errorOf, resultOf, testConfig } from "../tests/harness/test_util.ts";

const exists = (path: string) => Deno.stat(path).then(() => true, () => false);

for (const method of ["shutdown", "reboot"] as const) {
  Deno.test(`${method} - answers first, then runs the configured command`, async () => {
    const dir = await Deno.makeTempDir();
    try {
      const marker = `${dir}/${method}-ran`;
      // A harmless stand-in for poweroff; power commands are not subject to allowed_commands.
      const config = testConfig({ [`${method}_command`]: ["touch", marker], allowed_commands: [] });
      const started = performance.now();
      assertEquals(resultOf(await callWith(config, method, { delay_ms: 200 })), { accepted: true });
      assert(!await exists(marker), "ran before the answer left");
      // A second request while one is pending is accepted without a second run.
      resultOf(await callWith(config, method, {}));
      await powerSettled();
      assert(await exists(marker), "the command did not run");
      assert(performance.now() - started >= 190);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("shutdown - delay_ms is checked", async () => {
  const config = testConfig({ shutdown_command: ["true"] });
  assertMatch(
    errorOf(await callWith(config, "shutdown", { delay_ms: 10001 }), "INVALID_PARAMS").message,
    /params\.delay_ms must be an integer from 0 to 10000/,
  );
  assertMatch(
    errorOf(await callWith(config, "reboot", { delay_ms: "soon" }), "INVALID_PARAMS").message,
    /delay_ms/,
  );
  assertMatch(
    errorOf(await callWith(config, "reboot", { force: true }), "INVALID_PARAMS").message,
    /unknown parameter "force"/,
  );
});
