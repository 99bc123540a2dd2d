// A hostile guest (issue 57): an agent behind the test VM's org.kvmmanager.agent.0 channel socket
// that answers every question with 10^5 entries and strings of megabytes, each answer about
// ten megabytes of JSON. What it says is held to lib/guest/bounds.ts before it is kept or shown:
// the VM list stays small for that VM, the guest's pages carry the bounded lists, and the page
// says that the guest reported more. The socket speaks the real protocol (newline-delimited
// JSON-RPC, agent/PROTOCOL.md); only the agent's answers are made up.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { GuestActivity, GuestInfo } from "../../shared/guest.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { jsonOf, withTestApp } from "../../tests/harness/test_app.ts";
import { BOUNDS } from "../../lib/guest/bounds.ts";

const GUEST = "6b5a6f1e-0000-4000-8000-000000000001";
const MANY = 100_000;
const LONG = "x".repeat(5 * 1024 * 1024);

/** The hostile agent's answer to each method. */
function answerTo(method: string): unknown {
  const many = <T>(make: (i: number) => T) => Array.from({ length: MANY }, (_, i) => make(i));
  switch (method) {
    case "ping":
      return { pong: true };
    case "get_agent_info":
      return {
        agent_version: "9.9.9",
        protocol_version: 1,
        deno_version: "2",
        methods: [],
        policy: {
          allowed_dirs: many((i) => `/d${i}`),
          allowed_commands: [],
          denied_commands: [],
          allowed_services: ["*"],
          command_timeout_ms: 1000,
          max_command_timeout_ms: 1000,
          max_output_bytes: 1000,
          max_file_bytes: 1000,
        },
      };
    case "get_system_info":
      return {
        os_type: "linux",
        os_id: LONG,
        os_name: LONG,
        os_version: "1",
        os_pretty_name: "Hostile",
        kernel_release: "6",
        hostname: LONG,
        arch: "x86_64",
        uptime_seconds: 1,
        cpu_count: 1,
        memory_total_bytes: 1,
        memory_available_bytes: 1,
        load_average: [0, 0, 0],
      };
    case "get_network_info":
      return {
        interfaces: many((i) => ({
          name: `eth${i}`,
          mac: "52:54:00:00:00:01",
          up: true,
          addresses: [{
            address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
            prefix: 8,
            family: "ipv4",
          }],
        })),
      };
    case "get_disk_usage":
      return {
        filesystems: many((i) => ({
          mount_point: `/m${i}`,
          device: "/dev/x",
          fs_type: "ext4",
          total_bytes: 1,
          used_bytes: 1,
          available_bytes: 0,
        })),
      };
    case "list_updates":
      return {
        manager: "apt",
        updates: many((i) => ({ name: `p${i}`, current_version: "1", new_version: "2" })),
        count: MANY,
      };
    case "list_services":
      return {
        systemd_version: 252,
        services: many((i) => ({
          name: `s${i}.service`,
          description: "d",
          load_state: "loaded",
          active_state: "active",
          sub_state: "running",
          file_state: "enabled",
          allowed: true,
        })),
        truncated: false,
      };
    case "get_users":
      return {
        users: many((i) => ({ name: `u${i}`, terminal: "pts/0", host: "", login_time_ms: 0 })),
      };
    case "get_processes":
      return {
        processes: many((i) => ({
          pid: i,
          name: "p",
          user: "root",
          cpu_percent: 0,
          memory_bytes: 0,
          command: "p",
        })),
        total: MANY,
        sample_ms: 100,
      };
    default:
      return null;
  }
}

/** Serves the hostile agent on a unix socket until close(). */
function hostileAgent(path: string) {
  const listener = Deno.listen({ transport: "unix", path });
  const encoder = new TextEncoder();
  const cache = new Map<string, Uint8Array>();
  (async () => {
    for await (const conn of listener) {
      (async () => {
        let buffered = "";
        for await (const chunk of conn.readable.pipeThrough(new TextDecoderStream())) {
          buffered += chunk;
          let end;
          while ((end = buffered.indexOf("\n")) >= 0) {
            const request = JSON.parse(buffered.slice(0, end));
            buffered = buffered.slice(end + 1);
            const key = String(request.method);
            if (!cache.has(key)) {
              cache.set(
                key,
                encoder.encode(JSON.stringify({ jsonrpc: "2.0", result: answerTo(key) })),
              );
            }
            // The id is the request's: put in front of the cached body.
            const head = encoder.encode(`{"id":${JSON.stringify(request.id)},`);
            const body = cache.get(key)!.subarray(1);
            await conn.write(head);
            for (let at = 0; at < body.length;) at += await conn.write(body.subarray(at));
            await conn.write(encoder.encode("\n"));
          }
        }
      })().catch(() => {});
    }
  })().catch(() => {});
  return { close: () => listener.close() };
}

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
