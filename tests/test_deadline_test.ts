// The per-test deadline (tests/support/test_deadline.ts) in a real `deno test` run: a test that
// waits forever fails with its name, and the tests after it still run.

import { assert, assertEquals } from "./support/assert.ts";

Deno.test("test deadline - a test that never settles fails by name; the run goes on", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-deadline-" });
  try {
    await Deno.writeTextFile(
      `${dir}/hang_test.ts`,
      `Deno.test({ name: "waits forever", sanitizeOps: false, sanitizeResources: false,
         fn: () => new Promise<void>(() => { setInterval(() => {}, 1000); }) });
       Deno.test("runs after", () => {});
       Deno.test("named", { permissions: "inherit" }, () => {});\n`,
    );
    const preload = new URL("./support/test_deadline.ts", import.meta.url).pathname;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["test", "-A", "--no-check", "--preload", preload, `${dir}/hang_test.ts`],
      env: { KVMM_TEST_DEADLINE_MS: "1000", NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assertEquals(out.code, 1, text);
    assert(/waits forever \.\.\. FAILED/.test(text), text);
    assert(text.includes('"waits forever" did not finish in 1 s'), text);
    assert(/runs after \.\.\. ok/.test(text), text);
    assert(/named \.\.\. ok/.test(text), text);
    assert(/FAILED \| 2 passed \| 1 failed/.test(text), text);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
