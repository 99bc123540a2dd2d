// README command 1 (scripts/start.sh) where npm installs no Deno: Deno's binary is an optional npm
// package, so an npm that cannot fetch it still exits 0. The script must then stop with one line
// that says so, not at "node_modules/.bin/deno: No such file or directory". npm is a stand-in
// here (it succeeds and installs nothing): the registry's refusal cannot be made on loopback.

import { assertEquals, assertMatch } from "./support/assert.ts";

const SCRIPT = new URL("../scripts/start.sh", import.meta.url).pathname;

Deno.test("start script - npm that installs no Deno: one line, exit 1", async () => {
  const top = await Deno.makeTempDir({ prefix: "kvmm-test-start-" });
  try {
    await Deno.mkdir(`${top}/checkout/scripts`, { recursive: true });
    await Deno.copyFile(SCRIPT, `${top}/checkout/scripts/start.sh`);
    await Deno.mkdir(`${top}/bin`);
    await Deno.writeTextFile(`${top}/bin/npm`, '#!/bin/sh\necho npm-stand-in "$@"\nexit 0\n', {
      mode: 0o755,
    });
    const out = await new Deno.Command("bash", {
      args: [`${top}/checkout/scripts/start.sh`],
      env: { PATH: `${top}/bin:/usr/sbin:/usr/bin:/sbin:/bin` },
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(out.stdout);
    const stderr = new TextDecoder().decode(out.stderr);
    assertEquals(out.code, 1, stdout + stderr);
    assertMatch(stdout, /npm-stand-in ci/, "npm ci ran");
    assertEquals(stderr.trim().split("\n").length, 1, stderr);
    assertMatch(
      stderr,
      /^start\.sh: npm installed no Deno \(node_modules\/\.bin\/deno is missing\)/,
    );
  } finally {
    await Deno.remove(top, { recursive: true });
  }
});
