// A hostile guest agent (issue 57): it speaks the real protocol of our agent (newline-delimited
// JSON-RPC, agent/PROTOCOL.md) on a unix socket a test VM's org.kvmmanager.agent.0 channel names,
// and answers every question with `many` entries and strings `long` characters long; or, for
// some methods, with a raw answer of the test's choosing (an error of null, a list of nulls).
// Only its answers are made up; the host reads them as it reads a guest's.

export interface Hostility {
  /** How many entries each list holds. */
  many: number;
  /** How long the long strings are. */
  long: number;
  /** Raw JSON for a method's answer after `"id":N,` (e.g. `"error":null}`). */
  raw?: Record<string, string>;
  /** Lines sent unasked right after the connection opens. */
  unasked?: string[];
}

/** The hostile agent's answer to each method. */
function answerTo(method: string, { many: MANY, long }: Hostility): unknown {
  const LONG = "x".repeat(long);
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
export function hostileAgent(path: string, hostility: Hostility) {
  const listener = Deno.listen({ transport: "unix", path });
  const encoder = new TextEncoder();
  const cache = new Map<string, Uint8Array>();
  (async () => {
    for await (const conn of listener) {
      (async () => {
        for (const line of hostility.unasked ?? []) await writeAll(conn, encoder.encode(line));
        let buffered = "";
        for await (const chunk of conn.readable.pipeThrough(new TextDecoderStream())) {
          buffered += chunk;
          let end;
          while ((end = buffered.indexOf("\n")) >= 0) {
            const request = JSON.parse(buffered.slice(0, end));
            buffered = buffered.slice(end + 1);
            const key = String(request.method);
            if (!cache.has(key)) {
              const raw = hostility.raw?.[key];
              cache.set(
                key,
                encoder.encode(
                  raw !== undefined
                    ? `{${raw}`
                    : JSON.stringify({ jsonrpc: "2.0", result: answerTo(key, hostility) }),
                ),
              );
            }
            // The id is the request's: put in front of the cached body.
            const head = encoder.encode(`{"id":${JSON.stringify(request.id)},`);
            const body = cache.get(key)!.subarray(1);
            await writeAll(conn, head);
            await writeAll(conn, body);
            await writeAll(conn, encoder.encode("\n"));
          }
        }
      })().catch(() => {});
    }
  })().catch(() => {});
  return { close: () => listener.close() };
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array) {
  for (let at = 0; at < bytes.length;) at += await conn.write(bytes.subarray(at));
}
