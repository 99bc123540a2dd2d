// `kvm-manager serve` as a process of its own, for the tests that need one: a kill -9 during
// writes, a restart, a heap limit. Every other test runs the server in its own process
// (startServer, tests/harness/test_app.ts): a process costs about 0.8 s to start
// (bench/test_costs.ts). Also the wait for any server process to listen (the release's
// artifacts in a namespace, a server on an HA bed node).

import { freePort } from "./free_port.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/**
 * Reads the child's stdout until "KVM Manager listening on", then keeps draining it so the child
 * never blocks on a full pipe. Kills the child and throws (with what it printed) when it exits
 * first or takes longer than `ms`. Returns what it printed up to then.
 */
export async function untilListening(
  child: Deno.ChildProcess,
  stderr: Promise<string>,
  ms: number,
): Promise<string> {
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const timeout = setTimeout(() => child.kill("SIGKILL"), ms);
  let seen = "";
  try {
    while (!seen.includes("KVM Manager listening on")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the server exited before listening:\n${seen}\n${await stderr}`);
      seen += value;
    }
  } finally {
    clearTimeout(timeout);
  }
  (async () => {
    while (!(await reader.read().catch(() => ({ done: true }))).done) { /* drain */ }
  })();
  return seen;
}

/** A `kvm-manager serve` process that says it listens. */
export interface ServeProcess {
  child: Deno.ChildProcess;
  /** http://127.0.0.1:PORT (or the `hostname` it was started with) */
  url: string;
  port: number;
  /** Everything it wrote to stderr, once it has exited. */
  stderr: Promise<string>;
}

/**
 * Starts `deno run -A [--v8-flags=V8FLAGS] ENTRY serve --connect URI --no-tls --listen
 * 127.0.0.1:PORT --data-dir DATADIR [FLAGS]` and resolves once it says it listens; kills it and
 * throws with what it printed when it exits first or takes longer than `timeoutMs`. ENTRY is
 * main.ts, or the server bundle (scripts/bundle_server.ts's dist/server.js, what `deno task
 * start`, the one file and the packages run) for a test that starts it many times.
 */
export async function startServeProcess(
  {
    uri,
    dataDir,
    port = freePort(),
    flags = [],
    v8Flags,
    timeoutMs = 60_000,
    entry = MAIN,
    netns,
    hostname = "127.0.0.1",
    tls = false,
  }: {
    uri: string;
    dataDir: string;
    port?: number;
    flags?: string[];
    v8Flags?: string;
    timeoutMs?: number;
    entry?: string;
    /** Run it in this network namespace (`ip netns exec`, with that namespace's /etc/netns files). */
    netns?: string;
    /** The address it listens on (in `netns`, one of that namespace's). */
    hostname?: string;
    /** Serve HTTPS with its own self-signed certificate (the server refuses plain HTTP off loopback). */
    tls?: boolean;
  },
): Promise<ServeProcess> {
  const deno = Deno.execPath();
  const child = new Deno.Command(netns ? "ip" : deno, {
    args: [
      ...(netns ? ["netns", "exec", netns, deno] : []),
      "run",
      "-A",
      ...(v8Flags ? [`--v8-flags=${v8Flags}`] : []),
      entry,
      "serve",
      "--connect",
      uri,
      ...(tls ? [] : ["--no-tls"]),
      "--listen",
      `${hostname}:${port}`,
      "--data-dir",
      dataDir,
      ...flags,
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  await untilListening(child, stderr, timeoutMs);
  return { child, url: `${tls ? "https" : "http"}://${hostname}:${port}`, port, stderr };
}
