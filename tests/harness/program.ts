// The program as a user starts it: `deno run -A main.ts ARGS` in a process of its own, for the
// tests of what only a process shows (its exit status, what it prints, a missing library). The
// client commands run lighter through client_entry.ts; a server for tests runs in the test's own
// process (tests/support/browser_helpers.ts, test_app.ts).

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

export interface ProgramRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the program with `args` and `env` added to this process's; ends it past `timeoutMs`. */
export async function runProgram(
  args: string[],
  { env = {}, timeoutMs = 30_000 }: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ProgramRun> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-check", MAIN, ...args],
    env: { NO_COLOR: "1", ...env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(timeoutMs),
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}
