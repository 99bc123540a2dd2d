import { assertEquals } from "../../tests/support/assert.ts";
import { withTempDir } from "../../tests/support/temp_dir.ts";
import { DnsHooks } from "./dns_hook.ts";

const hook = async (dir: string, name: string, mode = 0o755) => {
  await Deno.writeTextFile(`${dir}/${name}`, "#!/bin/sh\nexit 0\n");
  await Deno.chmod(`${dir}/${name}`, mode);
};

Deno.test("DNS hooks - offered only where nobody else can put one in their place", async () => {
  await withTempDir("kvmm-hooks-", async (base) => {
    const dir = `${base}/hooks`;
    await Deno.mkdir(dir, { mode: 0o755 });
    await Deno.chmod(base, 0o755);
    await hook(dir, "good");
    await hook(dir, "open", 0o777);
    await hook(dir, "not-executable", 0o644);
    await Deno.symlink(`${dir}/good`, `${dir}/linked`);
    assertEquals(new DnsHooks(dir).list(), ["good"]);
    // A folder above that others may write (and rename the hook folder in): nothing is offered.
    await Deno.chmod(base, 0o777);
    assertEquals(new DnsHooks(dir).list(), []);
    // With the sticky bit they may rename only their own entries.
    await Deno.chmod(base, 0o1777);
    assertEquals(new DnsHooks(dir).list(), ["good"]);
    // Reached through a link: its real path is checked, and the link refused.
    await Deno.chmod(base, 0o755);
    await Deno.symlink(dir, `${base}/via-link`);
    assertEquals(new DnsHooks(`${base}/via-link`).list(), []);
    assertEquals(new DnsHooks(`${base}/missing`).list(), []);
  });
});
