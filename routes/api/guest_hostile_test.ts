// A hostile guest (issue 57; tests/support/hostile_agent.ts) behind the test VM's agent channel:
// 10^5 entries and megabyte strings in every answer. What it says is held to lib/guest/bounds.ts
// before it is kept or shown: the VM list stays small for that VM, the guest's pages carry the
// bounded lists, and the page says that the guest reported more.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { GuestActivity, GuestInfo } from "../../shared/guest.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { jsonOf, withTestApp } from "../../tests/harness/test_app.ts";
import { BOUNDS } from "../../lib/guest/bounds.ts";
import { hostileAgent, MANY } from "../../tests/support/hostile_agent.ts";

const GUEST = "6b5a6f1e-0000-4000-8000-000000000001";
Deno.test({
  name:
    "hostile guest - 10^5 interfaces, filesystems, updates, services, sessions and processes, and megabyte names, are held to the bounds",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "kvmm-test-hostile-" });
    const agent = hostileAgent(`${dir}/agent.sock`);
    try {
      await withTestApp(async (t) => {
        const info = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest`);
        assertEquals(info.status, 200, JSON.stringify(info.body).slice(0, 300));
        const guest = info.body as GuestInfo;
        assertEquals(guest.interfaces.length, BOUNDS.interfaces);
        assertEquals(guest.filesystems?.length, BOUNDS.filesystems);
        assert((guest.hostname ?? "").length <= BOUNDS.text, "the host name is cut");
        assert((guest.os?.name ?? "").length <= BOUNDS.text, "the OS name is cut");
        assertEquals(guest.agent.kvmm.policy?.allowedDirs.length, 256);
        assertEquals(guest.cut, [
          `The guest reported ${MANY} network interfaces; the first ${BOUNDS.interfaces} are kept`,
          `The guest reported ${MANY} filesystems; the first ${BOUNDS.filesystems} are kept`,
        ]);
        assert(JSON.stringify(guest).length < 128 * 1024, "the guest page's answer is small");

        // The VM list, which every viewer gets, carries a few addresses of that VM.
        const list = await t.app.request("http://localhost/api/vms");
        const vms = await list.json() as VmSummary[];
        const vm = vms.find((v) => v.id === GUEST)!;
        assertEquals(vm.ipAddresses?.length, BOUNDS.listedAddresses);
        const size = JSON.stringify(vm).length;
        assert(size < 64 * 1024, `the VM's entry in the list is ${size} bytes`);

        const updates = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest/updates`);
        assertEquals(updates.status, 200, JSON.stringify(updates.body).slice(0, 300));
        assertEquals([updates.body.updates.length, updates.body.count], [BOUNDS.updates, MANY]);
        const services = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest/services`);
        assertEquals(services.status, 200, JSON.stringify(services.body).slice(0, 300));
        assertEquals([services.body.services.length, services.body.truncated], [
          BOUNDS.services,
          true,
        ]);
        const activity = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest/activity`);
        assertEquals(activity.status, 200, JSON.stringify(activity.body).slice(0, 300));
        const seen = activity.body as GuestActivity;
        assertEquals(seen.users.length, BOUNDS.sessions);
        assertEquals(seen.processes?.length, BOUNDS.processes);
        assertMatch(JSON.stringify(seen), /^\{/);
      }, [{ name: "guest", runstate: 1, agentSocket: `${dir}/agent.sock` }]);
    } finally {
      agent.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
