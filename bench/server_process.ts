// The server as a process of its own for benchmarks, so its memory is its own: on a data folder
// of its own with an admin API token made in its store beforehand.

import { ApiTokens } from "../lib/auth/tokens.ts";
import { Sessions } from "../lib/auth/sessions.ts";
import { openStore } from "../lib/store.ts";
import { SERVER_DENO_FLAGS } from "../lib/this_host/service_unit.ts";
import { bundleServer } from "../scripts/bundle_server.ts";

export interface BenchServer {
  url: string;
  token: string;
  /** The secret of a root (admin) browser session, for the session cookie of a page load. */
  session: string;
  pid: number;
  /** Stops the server and removes its data folder. */
  stop(): Promise<void>;
}

/** The resident memory of a process, in MiB. */
export function rssMb(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/**
 * `kvm-manager serve` on `uri`, listening on a free loopback port without TLS: the bundled server
 * (dist/server.js, rebuilt when stale), which is what `deno task start` runs, or with `source`
 * main.ts as the tests run it, or the server file `entry` (scripts/bundle_server_test.ts).
 */
export async function startBenchServer(
  uri: string,
  { source = false, entry }: { source?: boolean; entry?: string } = {},
): Promise<BenchServer> {
  entry ??= source
    ? new URL("../main.ts", import.meta.url).pathname
    : await bundleServer({ quiet: true });
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-bench-" });
  const { token, session } = (() => {
    using store = openStore(dataDir);
    return {
      token: new ApiTokens(store).create({ name: "bench", owner: "root", role: "admin" }).secret,
      session: new Sessions(store, 3600_000).create("root", "admin", "*", null).secret,
    };
  })();
  const server = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      ...SERVER_DENO_FLAGS,
      entry,
      "serve",
      "--connect",
      uri,
      "--listen",
      "127.0.0.1:0",
      "--data-dir",
      dataDir,
      "--no-tls",
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = server.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!/listening on (http:\S+)/.test(out)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited early:\n${out}`);
    out += value;
  }
  // Keep draining, so later output never blocks the server on a full pipe.
  (async () => {
    while (!(await reader.read()).done) { /* discard */ }
  })();
  return {
    url: /listening on (http:\S+)/.exec(out)![1],
    token,
    session,
    pid: server.pid,
    async stop() {
      server.kill("SIGTERM");
      await server.status;
      await Deno.remove(dataDir, { recursive: true });
    },
  };
}
