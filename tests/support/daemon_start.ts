// A daemon a test starts in the foreground (sshd, slapd): its stderr followed line by line, and
// how its start ended: the line that says it is ready, its exit, or the deadline.

/** A started daemon: the process, what it logged so far, and the reader of its stderr. */
export interface Daemon {
  child: Deno.ChildProcess;
  lines: string[];
  /** Ends once every process that held the daemon's stderr is gone. */
  reader: Promise<void>;
}

/**
 * Follows `child`'s stderr (spawned with `stderr: "piped"`) into `lines`, and answers how its
 * start ended: "ready" at the first line `isReady` takes, "exited" when it exits first, "timeout"
 * after `timeoutMs`.
 */
export async function followStart(
  child: Deno.ChildProcess,
  isReady: (line: string) => boolean,
  timeoutMs: number,
): Promise<{ daemon: Daemon; outcome: "ready" | "exited" | "timeout" }> {
  const lines: string[] = [];
  let ready!: () => void;
  const readyLine = new Promise<void>((resolve) => ready = resolve);
  const reader = (async () => {
    let rest = "";
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      rest += chunk;
      const parts = rest.split("\n");
      rest = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (isReady(line)) ready();
      }
    }
    if (rest) lines.push(rest);
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    readyLine.then(() => "ready" as const),
    child.status.then(() => "exited" as const),
    new Promise<"timeout">((r) => timer = setTimeout(() => r("timeout"), timeoutMs)),
  ]);
  clearTimeout(timer);
  return { daemon: { child, lines, reader }, outcome };
}
