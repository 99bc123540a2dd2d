// `kvm-manager host maintenance enter|leave|status ID` against a server on the test driver:
// refusals in the API's words, entering and leaving, the status as text and JSON.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { assertExit, withCli } from "./support/cli.ts";

Deno.test("cli maintenance - enter, status and leave a host; a VM with nowhere to go refuses", async () => {
  await withCli(async ({ run, api }) => {
    assertExit(await run(["host", "maintenance", "enter"]), 2, "no host id");
    // Alone, the running VMs have nowhere to go.
    const refused = await run(["host", "maintenance", "enter", "local"]);
    assert(refused.code !== 0, "refused");
    assertMatch(refused.stderr, /has nowhere to go: No other connected host to move it to/);

    for (const vm of ["web", "cache"]) {
      assertEquals((await api("POST", `/api/vms/${vm}/force-stop`)).status, 200);
    }
    const entered = await run(["host", "maintenance", "enter", "local", "--parallel", "2"]);
    assertExit(entered, 0, "enter");
    assertMatch(entered.stdout, /^local: in maintenance since \S+, 0 VMs moved away/);
    const status = await run(["host", "maintenance", "status", "local", "--json"]);
    assertExit(status, 0, "status");
    assertEquals(JSON.parse(status.stdout).inMaintenance, true);
    const create = await api("POST", "/api/vms/db/clone", { name: "db2" });
    assertEquals([create.status, create.body.code], [409, "HOST_IN_MAINTENANCE"]);

    const left = await run(["host", "maintenance", "leave", "local", "--bring-back"]);
    assertExit(left, 0, "leave");
    assertMatch(left.stdout, /^local: in service/);
    assertEquals((await api("GET", "/api/hosts/local/maintenance")).body.inMaintenance, false);
  });
});
