// Waiting for a `kvm-manager serve` child process to listen (tests that run the real server as
// a process of its own: crash, offline).

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
