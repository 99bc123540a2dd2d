// `kvm-manager vm protect|unprotect NAME` end to end: the real server on a private test-driver
// node and the command as a process of its own; `vm delete` of a protected VM is refused (exit 1,
// the API's words), `vm show` says it, and unprotect lets the delete through.

import { assertEquals, assertMatch } from "./support/assert.ts";
import { assertExit, withCli } from "./support/cli.ts";

Deno.test("cli - vm protect refuses vm delete until vm unprotect", async () => {
  await withCli(async ({ run, api, viewer, server }) => {
    const on = await run(["vm", "protect", "db"]);
    assertExit(on, 0, "vm protect");
    assertEquals(on.stdout, "Protected db\n");
    assertEquals((await api("GET", "/api/vms/db")).body.protected, true);
    assertMatch((await run(["vm", "show", "db"])).stdout, /^Protected: +yes$/m);

    const refused = await run(["vm", "delete", "db", "--yes", "--delete-disks"]);
    assertExit(refused, 1, "vm delete of a protected VM");
    assertEquals(
      refused.stderr,
      "kvm-manager: db is protected — remove the protection to delete it (VM_PROTECTED)\n",
    );
    assertEquals((await api("GET", "/api/vms/db")).status, 200);

    // Only admins change it.
    const asViewer = await run(["vm", "unprotect", "db", "--url", server.url, "--token", viewer], {
      bare: true,
    });
    assertExit(asViewer, 4, "vm unprotect as a viewer");
    const json = await run(["vm", "unprotect", "db", "--json"]);
    assertExit(json, 0, "vm unprotect --json");
    assertEquals(JSON.parse(json.stdout).protected, false);
    assertMatch((await run(["vm", "show", "db"])).stdout, /^Protected: +no$/m);
    assertExit(await run(["vm", "protect"]), 2, "vm protect without NAME");
    assertExit(await run(["vm", "delete", "db", "--yes"]), 0, "vm delete once unprotected");
  });
});
