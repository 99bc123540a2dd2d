// Test helper: another process holding a SQLite file's write lock (BEGIN IMMEDIATE) until told.

const CHILD = `
import { DatabaseSync } from "node:sqlite";
const db = new DatabaseSync(Deno.env.get("KVMM_LOCK_PATH"));
db.exec("BEGIN IMMEDIATE");
console.log("locked");
// Until the parent closes our stdin (or dies).
for await (const _ of Deno.stdin.readable) { /* wait */ }
db.exec("COMMIT");
db.close();
console.log("released");
`;

/** A child process holding the write lock of one database file. */
export interface HeldLock {
  /** The child's process id. */
  pid: number;
  /** Commits the child's empty transaction and waits until it has exited. */
  release(): Promise<void>;
}

/**
 * Starts a second process (`deno eval`) that opens `path`, runs BEGIN IMMEDIATE and keeps the
 * write lock until release(); resolves once the lock is taken.
 */
export async function holdWriteLock(path: string): Promise<HeldLock> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", CHILD],
    env: { KVMM_LOCK_PATH: path, NO_COLOR: "1" },
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("locked\n")) {
    const { value, done } = await lines.read();
    if (done) {
      await child.status;
      throw new Error(`the lock holder exited before taking the lock: ${out}`);
    }
    out += value;
  }
  let released: Promise<void> | null = null;
  return {
    pid: child.pid,
    release() {
      released ??= (async () => {
        await child.stdin.close();
        while (!(await lines.read()).done) { /* drain until exit */ }
        const status = await child.status;
        if (!status.success) throw new Error(`the lock holder failed: ${status.code}`);
      })();
      return released;
    },
  };
}
