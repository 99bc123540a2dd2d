// A KVM Manager server process in a network namespace of its own with only loopback up (no
// route anywhere), spoken to with curl from inside that namespace: the release tests' way of
// proving that an artifact serves with no network. Needs root, unshare/nsenter (util-linux),
// ip (iproute2) and curl.

import { join } from "node:path";
import { untilListening } from "../harness/server_process.ts";

const text = new TextDecoder();

/** Runs a command to its end: exit code and output. */
export async function run(
  cmd: string,
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(cmd, {
    args,
    cwd: opts.cwd,
    env: opts.env,
    clearEnv: opts.env !== undefined,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

/** An answer of the server: status and the body, parsed when it is JSON. */
export interface Answer {
  status: number;
  // deno-lint-ignore no-explicit-any
  body: any;
  text: string;
}

export interface NamespaceServer {
  /** http://127.0.0.1:PORT, as seen from inside the namespace. */
  base: string;
  pid: number;
  /** `curl -s ARGS` inside the namespace. */
  curl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** A request with an API token (Bearer) or a signed-in session's cookie jar and CSRF token. */
  request(
    method: string,
    path: string,
    opts?: { body?: unknown; token?: string; session?: Session },
  ): Promise<Answer>;
  /** Signs a host account in; its cookie jar and CSRF token. */
  signIn(user: string, password: string): Promise<Session>;
  /** SIGTERM, and waits for the process to end. */
  stop(): Promise<void>;
}

export interface Session {
  jar: string;
  csrf: string;
  role: string;
}

/**
 * Starts `command` (an artifact and its `serve` arguments, which must listen on 127.0.0.1:8420)
 * in a new network namespace, and waits until it listens. `scratch` is a folder for cookie jars.
 */
export async function startInNamespace(
  command: string[],
  { env, cwd, scratch }: { env: Record<string, string>; cwd: string; scratch: string },
): Promise<NamespaceServer> {
  const child = new Deno.Command("unshare", {
    args: ["-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", ...command],
    env,
    clearEnv: true,
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  await untilListening(child, stderr, 60_000);
  const base = "http://127.0.0.1:8420";
  const curl = (args: string[]) =>
    run("nsenter", ["-t", String(child.pid), "-n", "curl", "-s", "--max-time", "20", ...args]);
  const request: NamespaceServer["request"] = async (method, path, opts = {}) => {
    const args = ["-X", method, "-w", "\n%{http_code}", "-H", `origin: ${base}`];
    if (opts.token) args.push("-H", `authorization: Bearer ${opts.token}`);
    if (opts.session) args.push("-b", opts.session.jar, "-H", `x-csrf-token: ${opts.session.csrf}`);
    if (opts.body !== undefined) {
      args.push("-H", "content-type: application/json", "--data-binary", JSON.stringify(opts.body));
    }
    const out = await curl([...args, `${base}${path}`]);
    const cut = out.stdout.lastIndexOf("\n");
    const body = out.stdout.slice(0, cut);
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(body);
    } catch { /* not JSON */ }
    return { status: Number(out.stdout.slice(cut + 1)), body: parsed, text: body };
  };
  let jars = 0;
  return {
    base,
    pid: child.pid,
    curl,
    request,
    async signIn(user, password) {
      const jar = join(scratch, `cookies-${child.pid}-${jars++}`);
      const out = await curl([
        "-c",
        jar,
        "-H",
        "content-type: application/json",
        "-H",
        `origin: ${base}`,
        "-d",
        JSON.stringify({ user, password }),
        `${base}/api/auth/login`,
      ]);
      const answer = JSON.parse(out.stdout);
      if (!answer.csrf) throw new Error(`sign-in as ${user} failed: ${out.stdout}`);
      return { jar, csrf: answer.csrf, role: answer.role };
    },
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await stderr;
    },
  };
}
