// `kvm-manager vm disk-move NAME TARGET --pool P [--format raw|qcow2] [--delete-source]` end to
// end on a private test-driver node: the flags reach POST /api/vms/:id/disks/:target/move, the
// API's refusal is the command's (exit 1, its words and code), bad flags are usage errors (exit
// 2) and a viewer may not move disks (exit 4). The real move is tests/qemu_disk_move_test.ts.

import { assertEquals, assertMatch } from "./support/assert.ts";
import { assertExit, withCli } from "./support/cli.ts";

Deno.test("cli - vm disk-move sends the move and says the API's refusal", async () => {
  await withCli(async ({ run, server, viewer }) => {
    const refused = await run([
      "vm",
      "disk-move",
      "web",
      "vda",
      "--pool",
      "default",
      "--format",
      "raw",
      "--delete-source",
    ]);
    assertExit(refused, 1, "vm disk-move on the test driver");
    assertMatch(
      refused.stderr,
      /^kvm-manager: Failed to start copying the disk: .*virDomainBlockCopy.*\(NOT_SUPPORTED\)\n$/,
    );
    const same = await run(["vm", "disk-move", "db", "vda", "--pool", "default"]);
    assertExit(same, 1, "vm disk-move to where the disk is");
    assertEquals(
      same.stderr,
      "kvm-manager: Disk vda is in pool default as qcow2 already (BAD_REQUEST)\n",
    );
    assertExit(await run(["vm", "disk-move", "db", "vda"]), 2, "without --pool");
    assertExit(await run(["vm", "disk-move", "db"]), 2, "without TARGET");
    assertExit(
      await run(["vm", "disk-move", "db", "vda", "--pool", "default", "--format", "vmdk"]),
      2,
      "--format vmdk",
    );
    const asViewer = await run([
      "vm",
      "disk-move",
      "db",
      "vda",
      "--pool",
      "default",
      "--url",
      server.url,
      "--token",
      viewer,
    ], { bare: true });
    assertExit(asViewer, 4, "vm disk-move as a viewer");
  });
});
