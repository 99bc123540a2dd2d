// A helper server of this test process (browser_server.ts, virsh_server.ts): started with
// `setsid -f deno run -A SCRIPT OWNER_PID ...args`, so it is nobody's child here (a test's
// sanitizers would count a child), and it ends itself once this process is gone.

const ROOT = new URL("../../", import.meta.url).pathname;

/** Starts `script` apart from this process; throws when it cannot be started at all. */
export async function startDetached(script: string, args: string[]): Promise<void> {
  const out = await new Deno.Command("setsid", {
    args: ["-f", Deno.execPath(), "run", "-A", "--no-check", script, String(Deno.pid), ...args],
    cwd: ROOT,
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).output();
  if (!out.success) throw new Error(`cannot start ${script} (exit ${out.code})`);
}
