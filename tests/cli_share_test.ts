// `kvm-manager vm share|unshare` end to end: the real server on a private test-driver node and
// the command as a process of its own; a folder outside the storage roots is refused with the
// API's words (exit 1), a share lands in the VM's definition and unshare takes it away.

import { assertEquals, assertMatch } from "./support/assert.ts";
import { assertExit, withCli } from "./support/cli.ts";

Deno.test("cli - vm share and vm unshare a host folder", async () => {
  const dir = await Deno.makeTempDir({ dir: "/srv", prefix: "kvmm-vfs-cli-" });
  try {
    await withCli(async ({ run, api }) => {
      const outside = await run(["vm", "share", "db", "/etc", "data"]);
      assertExit(outside, 1, "vm share outside the roots");
      assertMatch(
        outside.stderr,
        /outside the allowed storage roots.*\(INVALID_SHARED_FOLDER\)\n$/,
      );

      const shared = await run(["vm", "share", "db", dir, "data", "--read-only"]);
      assertExit(shared, 0, "vm share");
      assertEquals(
        shared.stdout.split("\n")[0],
        `Shared ${dir} with db as data (from the VM's next start)`,
      );
      assertEquals((await api("GET", "/api/vms/db/filesystems")).body, [
        { tag: "data", source: dir, readOnly: true, driver: "virtiofs" },
      ]);
      assertExit(await run(["vm", "share", "db", dir]), 2, "vm share without TAG");

      const gone = await run(["vm", "unshare", "db", "data"]);
      assertExit(gone, 0, "vm unshare");
      assertEquals(gone.stdout, "Stopped sharing data with db (from its next start)\n");
      assertEquals((await api("GET", "/api/vms/db/filesystems")).body, []);
      assertExit(
        await run(["vm", "unshare", "db", "data"]),
        5,
        "vm unshare of no share: not found",
      );
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
