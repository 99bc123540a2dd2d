// The command-line client's image commands against a real server on a private test-driver
// node: the library as a table, the download settings set and shown, a download refused at the
// boundary, and `--wait` following a download's task to its end (the test driver has no
// upload stream, so it ends in libvirt's refusal: exit 1 with its words; the real downloads are
// tests/qemu_image_download_test.ts).

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { assertExit, rows, withCli } from "./support/cli.ts";
import { startWebFiles } from "./support/web_files.ts";

Deno.test("cli image - list, settings, a refused download, and --wait following a task to its end", async () => {
  await using web = startWebFiles();
  web.serve("/a/disk.qcow2", new Uint8Array(256 * 1024).fill(7));
  await withCli(async ({ run, api }) => {
    let r = await run(["image", "list"]);
    assertExit(r, 0, "image list");
    const listed = rows(r.stdout);
    const debian = listed.find((row) => row.ID === "debian-13-cloud");
    assertEquals([debian?.KIND, debian?.["IN POOLS"]], ["cloud", "-"]);
    const netinst = listed.find((row) => row.ID === "debian-13-iso");
    assertEquals(netinst?.KIND, "iso");
    assertMatch(netinst?.URL ?? "", /\/iso-cd\/debian-13\.\*-amd64-netinst\.iso$/);

    r = await run(["image", "download", web.url("/a/disk.qcow2"), "--pool", "default"]);
    assertExit(r, 1, "loopback refused");
    assertMatch(r.stderr, /127\.0\.0\.1, a loopback address/);
    r = await run(["image", "download", web.url("/a/disk.qcow2")]);
    assertExit(r, 2, "no --pool");
    r = await run(["image", "list", "--pool", "default"]);
    assertExit(r, 2, "--pool is download's");

    r = await run([
      "image",
      "settings",
      "--allow",
      "127.0.0.1, 10.0.0.0/8",
      "--max-bytes",
      "1048576",
    ]);
    assertExit(r, 0, "image settings");
    assertMatch(r.stdout, /^Allowed sources: +127\.0\.0\.1, 10\.0\.0\.0\/8$/m);
    assertEquals((await api("GET", "/api/images/settings")).body.maxDownloadBytes, 1048576);
    r = await run(["image", "settings", "--allow", "10.0.0.5/8"]);
    assertExit(r, 1, "a host with a prefix is refused");
    assertMatch(r.stderr, /IPv4 or IPv6 address or network/);

    r = await run(["image", "download", web.url("/a/disk.qcow2"), "--pool", "default", "--wait"]);
    assertExit(r, 1, "the test driver refuses the upload");
    assertMatch(r.stderr, /not supported|NOT_SUPPORTED/);
    const tasks = (await api("GET", "/api/tasks?limit=5")).body as {
      action: string;
      status: string;
    }[];
    const task = tasks.find((t) => t.action === "image.download");
    assert(task, "the download's task is in the log");
    assertEquals(task.status, "failed");
  });
});
