// The command-line client as its tests run it: `deno run -A main.ts …` as a process of its own,
// with a home of its own, against a real server on a private test-driver node (withCli), and
// the helpers that read what it printed.

import { type Server, startServer } from "../../main.ts";
import type { Config } from "../../lib/config.ts";
import { assertEquals } from "./assert.ts";
import { isClientCommand } from "../../cli/main.ts";
import { type TestDomainSpec, writeTestNode } from "./test_node.ts";
import { DEFAULT_DOMAINS } from "../harness/test_app.ts";
import { CLIENT_ENTRY, MAIN, runProgram } from "../harness/program.ts";

export { MAIN };

/** Deno's cache as this process has it: the client runs with another HOME, not another cache. */
export const DENO_DIR = JSON.parse(
  new TextDecoder().decode(
    (await new Deno.Command(Deno.execPath(), { args: ["info", "--json"], stderr: "null" }).output())
      .stdout,
  ),
).denoDir as string;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Cli {
  server: Server;
  admin: string;
  viewer: string;
  /** Runs the client with --url and the admin token unless `args` or `env` give others. */
  run(args: string[], opts?: RunOpts): Promise<Run>;
  /** A request to the API as admin, for checking what the client did. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  state(name: string, host?: string): Promise<string>;
  home: string;
}

export interface RunOpts {
  env?: Record<string, string>;
  stdin?: string;
  /** Leave out --url and --token (the test gives them another way). */
  bare?: boolean;
}

/**
 * The client as a process, with a home of its own and no KVMM_* variables from outside. A client
 * command (`vm`, `host` …) runs through tests/harness/client_entry.ts, the same code main.ts hands
 * it to, without loading the server (0.06 s instead of 0.8 s); anything else (`--help`, `serve`,
 * an unknown command) through main.ts.
 */
export async function runCli(args: string[], home: string, opts: RunOpts = {}): Promise<Run> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(Deno.env.toObject())) {
    if (!k.startsWith("KVMM_") && k !== "XDG_CONFIG_HOME") env[k] = v;
  }
  Object.assign(env, { HOME: home, DENO_DIR, NO_COLOR: "1" }, opts.env ?? {});
  return await runProgram(args, {
    env,
    clearEnv: true,
    stdin: opts.stdin,
    entry: isClientCommand(args[0]) ? CLIENT_ENTRY : undefined,
    // The test's own deadline bounds it; this only keeps a lost process from outliving it.
    timeoutMs: 600_000,
  });
}

export async function withCli(
  fn: (t: Cli) => Promise<void>,
  { domains = DEFAULT_DOMAINS, tls = false, nodeDevices = "" }: {
    domains?: TestDomainSpec[];
    tls?: boolean;
    nodeDevices?: string;
  } = {},
): Promise<void> {
  const node = await writeTestNode(domains, nodeDevices);
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-test-cli-" });
  const home = await Deno.makeTempDir({ prefix: "kvmm-test-cli-home-" });
  const config: Config = {
    uri: node.uri,
    uriSource: "flag",
    demo: true,
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir,
    ...(tls ? {} : { tls: { mode: "off" as const } }),
  };
  const server = await startServer(config, { quiet: true });
  const token = (owner: string, role: "admin" | "viewer") =>
    server.ctx.auth.tokens.create({ name: `cli-${crypto.randomUUID()}`, owner, role }).secret;
  const admin = token("root", "admin");
  const viewer = token("root", "viewer");
  const caCerts = tls ? [await Deno.readTextFile(`${dataDir}/tls/cert.pem`)] : [];
  const http = caCerts.length ? Deno.createHttpClient({ caCerts }) : undefined;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(server.url + path, {
      method,
      headers: {
        authorization: `Bearer ${admin}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      client: http,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  try {
    await fn({
      server,
      admin,
      viewer,
      home,
      run: (args, opts = {}) =>
        runCli(
          opts.bare ? args : [...args, "--url", server.url, "--token", admin],
          home,
          opts,
        ),
      api,
      async state(name, host) {
        const res = await api("GET", `/api/vms/${name}${host ? `?host=${host}` : ""}`);
        assertEquals(res.status, 200, `GET /api/vms/${name}`);
        return res.body.state;
      },
    });
  } finally {
    http?.close();
    await server.close();
    await node.remove();
    await Deno.remove(dataDir, { recursive: true });
    await Deno.remove(home, { recursive: true });
  }
}

/** Asserts a run's exit status, printing what it said when it differs. */
export function assertExit(r: Run, code: number, what: string) {
  assertEquals(
    r.code,
    code,
    `${what}: exit ${r.code}, stdout ${JSON.stringify(r.stdout)}, stderr ${
      JSON.stringify(r.stderr)
    }`,
  );
}

/** The table a command printed: one object per row, keyed by the header's words. */
export function rows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split("\n");
  const names = header.split(/\s{2,}/);
  return lines.map((line) => {
    const cells = line.split(/\s{2,}/);
    return Object.fromEntries(names.map((n, i) => [n, cells[i]]));
  });
}
