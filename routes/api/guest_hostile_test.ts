// A hostile guest (issue 57; tests/support/hostile_agent.ts) behind the test VM's agent channel:
// - thousands of entries and long strings in answers the host still reads (under its 1 Mi
//   character limit for such answers): held to lib/guest/bounds.ts before they are kept or
//   shown, the VM list small for that VM, and the page saying that the guest reported more;
// - 10^5 entries in answers of about ten megabytes: refused as soon as they pass the limit (the
//   channel is closed and the calls fail at once, not at their deadline), the pages answering;
// - answers of the wrong shape (an error of null, lists of nulls, a bad time, no policy) and
//   lines nobody asked for: every call still ends, in words, and nothing answers 500.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { GuestActivity, GuestInfo } from "../../shared/guest.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { jsonOf, type TestApp, withTestApp } from "../../tests/harness/test_app.ts";
import { BOUNDS } from "../../lib/guest/bounds.ts";
import { hostileAgent, type Hostility } from "../../tests/support/hostile_agent.ts";

const GUEST = "6b5a6f1e-0000-4000-8000-000000000001";

async function withHostile(hostility: Hostility, fn: (t: TestApp) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-hostile-" });
  const agent = hostileAgent(`${dir}/agent.sock`, hostility);
  try {
    await withTestApp(fn, [{ name: "guest", runstate: 1, agentSocket: `${dir}/agent.sock` }]);
  } finally {
    agent.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** The VM's entry in the VM list, which every viewer gets, and its size. */
async function listed(t: TestApp): Promise<{ vm: VmSummary; size: number }> {
  const vms = await (await t.app.request("http://localhost/api/vms")).json() as VmSummary[];
  const vm = vms.find((v) => v.id === GUEST)!;
  return { vm, size: JSON.stringify(vm).length };
}

Deno.test({
  name: "hostile guest - thousands of entries and long names are held to the bounds, and said",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withHostile({ many: 6000, long: 200_000 }, async (t) => {
      const info = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest`);
      assertEquals(info.status, 200, JSON.stringify(info.body).slice(0, 300));
      const guest = info.body as GuestInfo;
      assertEquals(guest.agent.status, "kvmm", JSON.stringify(guest.agent).slice(0, 300));
      assertEquals(guest.interfaces.length, BOUNDS.interfaces);
      assertEquals(guest.filesystems?.length, BOUNDS.filesystems);
      assert((guest.hostname ?? "").length <= BOUNDS.text, "the host name is cut");
      assert((guest.os?.name ?? "").length <= BOUNDS.text, "the OS name is cut");
      assertEquals(guest.agent.kvmm.policy?.allowedDirs.length, 256);
      assertEquals(guest.cut, [
        `The guest reported 6000 network interfaces; the first ${BOUNDS.interfaces} are kept`,
        `The guest reported 6000 filesystems; the first ${BOUNDS.filesystems} are kept`,
      ]);
      assert(JSON.stringify(guest).length < 128 * 1024, "the guest page's answer is small");

      const { vm, size } = await listed(t);
      assertEquals(vm.ipAddresses?.length, BOUNDS.listedAddresses);
      assert(size < 64 * 1024, `the VM's entry in the list is ${size} bytes`);

      const updates = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest/updates`);
      assertEquals(updates.status, 200, JSON.stringify(updates.body).slice(0, 300));
      assertEquals([updates.body.updates.length, updates.body.count], [BOUNDS.updates, 6000]);
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
    }),
});

Deno.test({
  name:
    "hostile guest - answers of ten megabytes are refused as they pass the limit, and the pages answer",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withHostile({ many: 100_000, long: 5 * 1024 * 1024 }, async (t) => {
      const info = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest`);
      assertEquals(info.status, 200, JSON.stringify(info.body).slice(0, 300));
      // Refused as they passed the limit, not at the calls' deadline: no call timed out.
      assert(!/did not answer/.test(JSON.stringify(info.body)), JSON.stringify(info.body));
      // Its facts, addresses and disks were refused; the VM list stays small.
      assert((info.body as GuestInfo).interfaces.length <= 1, "no interfaces from the agent");
      const { size } = await listed(t);
      assert(size < 64 * 1024, `the VM's entry in the list is ${size} bytes`);
      const updates = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest/updates`);
      assertEquals([updates.status, updates.body.code], [409, "AGENT_UNAVAILABLE"]);
      assertMatch(updates.body.message, /answer is longer than 1024 KiB: the channel was closed/);
    }),
});

Deno.test({
  name:
    "hostile guest - answers of the wrong shape and lines nobody asked for end every call in words",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withHostile({
      many: 3,
      long: 10,
      unasked: [`${JSON.stringify({ x: Array(50_000).fill({}) })}\n`, "not json\n"],
      raw: {
        get_system_info: `"error":null}`,
        get_network_info: `"result":{"interfaces":[null,7,"eth0",{"name":5,"addresses":[null]}]}}`,
        get_disk_usage: `"result":{"filesystems":null}}`,
        get_users:
          `"result":{"users":[{"name":"u","terminal":"t","host":"","login_time_ms":1e300}]}}`,
        list_updates: `"error":{"code":1,"message":"m","data":{"name":"constructor"}}}`,
        list_services: `"result":{"services":[null],"truncated":false}}`,
      },
    }, async (t) => {
      const info = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest`);
      assertEquals(info.status, 200, JSON.stringify(info.body).slice(0, 300));
      const guest = info.body as GuestInfo;
      assertEquals(guest.agent.status, "kvmm");
      assertEquals(guest.interfaces, [{ name: "", mac: null, addresses: [] }]);
      assertEquals(guest.filesystems, []);
      const activity = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest/activity`);
      assertEquals(activity.status, 200, JSON.stringify(activity.body).slice(0, 300));
      assertEquals((activity.body as GuestActivity).users[0].loginTime, new Date(0).toISOString());
      const updates = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest/updates`);
      assertEquals([updates.status, updates.body.code], [502, "AGENT_ERROR"]);
      const services = await jsonOf(t, "GET", `/api/vms/${GUEST}/guest/services`);
      assertEquals(services.status, 200, JSON.stringify(services.body).slice(0, 300));
      assertEquals(services.body.services, []);
    }),
});
