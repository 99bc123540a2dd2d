// The program as a user starts it: `deno run -A main.ts ARGS` in a process of its own, for the
// tests of what only a process shows (its exit status, what it prints, a missing library). The
// client commands run lighter through client_entry.ts; a server for tests runs in the test's own
// process (tests/support/browser_helpers.ts, test_app.ts).

/** main.ts: the program users run. */
export const MAIN = new URL("../../main.ts", import.meta.url).pathname;

export interface ProgramRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The client's commands alone, without the server main.ts loads (client_entry.ts). */
export const CLIENT_ENTRY = new URL("./client_entry.ts", import.meta.url).pathname;

export interface ProgramOpts {
  /** Added to this process's environment, or the whole environment with `clearEnv`. */
  env?: Record<string, string>;
  clearEnv?: boolean;
  /** Its standard input (none when left out). */
  stdin?: string;
  /** What runs: main.ts (the default) or client_entry.ts. */
  entry?: string;
  timeoutMs?: number;
}

/** Runs the program with `args`; ends it past `timeoutMs`. */
export async function runProgram(
  args: string[],
  { env = {}, clearEnv = false, stdin, entry = MAIN, timeoutMs = 30_000 }: ProgramOpts = {},
): Promise<ProgramRun> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-check", entry, ...args],
    env: { NO_COLOR: "1", ...env },
    clearEnv,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(timeoutMs),
  }).spawn();
  if (stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(stdin));
    await writer.close();
  }
  const out = await child.output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}
