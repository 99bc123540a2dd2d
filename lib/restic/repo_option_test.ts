// A crafted backup's metadata names the snapshot ids restore dumps: one starting with "-" must
// not reach restic as an option (--password-command=… runs a program before the password in
// the environment is even looked at).

import { assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { ResticRepo } from "./repo.ts";

Deno.test("restic repo - a snapshot id like an option is no option to restic dump", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-rs-opt-" });
  const marker = `${dir}/ran`;
  try {
    const repo = new ResticRepo(
      "opt",
      {
        kind: "local",
        location: `${dir}/repo`,
        password: "a password of some length",
        keyFile: null,
        knownHostsFile: null,
        port: null,
        accessKeyId: null,
        secretKey: null,
      },
      { cacheDir: `${dir}/cache`, tofuFile: `${dir}/known_hosts` },
      () => ({ allowed: [] }),
    );
    await repo.init();
    const id = `--password-command=sh -c "touch ${marker}; echo a password of some length"`;
    await assertRejects(() => repo.dumpText(id, "/kvmm-x.raw"), Error);
    await repo.forgetIds([id]).catch(() => {});
    const ran = await Deno.stat(marker).then(() => true, () => false);
    assertEquals(ran, false, "restic ran the password command");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
