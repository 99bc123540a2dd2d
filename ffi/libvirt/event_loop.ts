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
  // A loop that is ending (its last user left) sees this user at its next check and goes on.
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

/** Called once the iteration in flight has returned (see stop). */
let iterationWaiters: (() => void)[] = [];

async function run(): Promise<void> {
  while (users > 0) {
    await lv().virEventRunDefaultImpl();
    for (const job of afterIteration.splice(0)) job();
    const waiters = iterationWaiters;
    iterationWaiters = [];
    for (const wake of waiters) wake();
  }
  for (const job of afterIteration.splice(0)) job();
  loop = null;
}

/**
 * Wakes the loop's waiting iteration (a timeout due at once) and waits for it to return, so it
 * sees no user is left and ends: nothing is then left waiting inside libvirt. A user that came
 * meanwhile keeps the loop going.
 */
async function stop(): Promise<void> {
  if (!loop) return;
  const wake = Deno.UnsafeCallback.threadSafe(
    { parameters: ["i32", "pointer"], result: "void" } as const,
    () => {},
  );
  const timer = lv().virEventAddTimeout(0, wake.pointer, null, null);
  await new Promise<void>((resolve) => iterationWaiters.push(resolve));
  if (timer >= 0) lv().virEventRemoveTimeout(timer);
  // A loop that goes on (a new user) may be calling it in its next iteration.
  afterThisIteration(() => wake.close());
}
