// `kvm-manager repo restore … --in-place` and `--host H repo restore …`: the client as a process
// against a real server (test-driver nodes) with Debian's restic on a local-folder repository.
// The restores themselves on QEMU: tests/qemu_restic_restore_test.ts.

import { assertEquals, assertMatch } from "./support/assert.ts";
import { writeTestNode } from "./support/test_node.ts";
import { assertExit, withCli } from "./support/cli.ts";

Deno.test("cli repo restore - --in-place [--definition] and --host reach the server's repository", async () => {
  const second = await writeTestNode([{ name: "far", runstate: 5, vcpus: 1, memoryMb: 512 }]);
  try {
    await withCli(async ({ run, api, home }) => {
      const add = await run(
        ["repo", "add", "offsite", "--location", `${home}/repo`, "--password-file", "-"],
        { stdin: "a long enough password\n" },
      );
      assertExit(add, 0, "repo add");
      const host = await api("POST", "/api/hosts", { name: "Rack 2", uri: second.uri });
      assertEquals(host.status, 201, JSON.stringify(host.body));

      // restore-in-place: the server looks the backup up (none such here), in words.
      let r = await run([
        "repo",
        "restore",
        "offsite",
        "b1",
        "--in-place",
        "--vm",
        "web",
        "--definition",
      ]);
      assertExit(r, 5, "an unknown backup");
      assertMatch(r.stderr, /Backup b1 is not in this repository/);
      r = await run(["repo", "restore", "offsite", "b1", "--in-place", "--name", "x"]);
      assertExit(r, 2, "--in-place with --name");
      r = await run(["repo", "restore", "offsite", "b1", "--in-place"]);
      assertExit(r, 2, "--in-place without --vm");
      r = await run(["repo", "restore", "offsite", "b1", "--definition", "--name", "x"]);
      assertExit(r, 2, "--definition without --in-place");

      // --host: the repository is the server's; the host to restore onto goes in the body,
      // so the job runs (and ends on the unknown backup), not "repository not found" there.
      r = await run([
        "repo",
        "restore",
        "offsite",
        "b1",
        "--name",
        "copy",
        "--pool",
        "default",
        "--host",
        "rack-2",
      ]);
      assertExit(r, 1, "the job ends on the unknown backup");
      assertMatch(r.stderr, /Backup b1 is not in this repository/);
      const unknown = await api(
        "POST",
        "/api/backup-repositories/offsite/backups/b1/restore",
        { name: "copy", pool: "default", host: "no-such-host" },
      );
      assertEquals([unknown.status, unknown.body.code], [404, "HOST_NOT_FOUND"]);
    });
  } finally {
    await second.remove();
  }
});
