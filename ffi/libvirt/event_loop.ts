// libvirt's default event loop, one per process, run from the main isolate: each
// virEventRunDefaultImpl waits on a thread of Deno's blocking pool, and the callbacks it calls
// (domain, pool and network events, a connection's close) come back to this isolate as
// thread-safe callbacks. It runs while some client uses it, so a process (or a test) whose
// clients are all closed has nothing left waiting. See https://libvirt.org/html/libvirt-libvirt-event.html

import { lv } from "./library.ts";

let registered = false;
let users = 0;
let loop: Promise<void> | null = null;
/** Work that must wait until the event-loop iteration in flight has returned. */
const afterIteration: (() => void)[] = [];

/**
 * Makes libvirt's default event loop the process's. It must precede every virConnectOpen in the
 * process, so remote connections get keepalive (call workers' included).
 */
export function registerEventLoop(): void {
  if (registered) return;
  if (lv().virEventRegisterDefaultImpl() < 0) throw new Error("virEventRegisterDefaultImpl failed");
  registered = true;
}

/** Starts the loop unless it runs; returns the release, which stops it after the last user. */
export function useEventLoop(): () => Promise<void> {
  registerEventLoop();
  users++;
  loop ??= run();
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    if (--users > 0) return;
    await stop();
  };
}

/**
 * Runs `job` once the iteration in flight has returned: a callback trampoline must not be freed
 * while that iteration may be calling it, and a connection must not be closed from inside its
 * own close callback (libvirt holds a lock the close needs).
 */
export function afterThisIteration(job: () => void): void {
  if (loop) afterIteration.push(job);
  else job();
}

async function run(): Promise<void> {
  while (users > 0) {
    await lv().virEventRunDefaultImpl();
    for (const job of afterIteration.splice(0)) job();
  }
  for (const job of afterIteration.splice(0)) job();
  loop = null;
  // A user that came while the loop was ending.
  if (users > 0) loop = run();
}

/** Wakes the loop's waiting iteration (a timeout due at once) so it sees no user is left. */
async function stop(): Promise<void> {
  const running = loop;
  if (!running) return;
  const wake = Deno.UnsafeCallback.threadSafe(
    { parameters: ["i32", "pointer"], result: "void" } as const,
    () => {},
  );
  const timer = lv().virEventAddTimeout(0, wake.pointer, null, null);
  await running;
  if (timer >= 0) lv().virEventRemoveTimeout(timer);
  // A loop started again meanwhile may be calling it right now.
  afterThisIteration(() => wake.close());
}
