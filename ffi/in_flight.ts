// The nonblocking foreign calls (symbols declared `nonblocking: true`) under way in this isolate.
// Why: such a call runs on one of Deno's blocking threads with raw pointers into this isolate's
// buffers. When the isolate ends first (a `deno test` process frees its isolate before it exits),
// the call writes its out-parameters into freed memory, and glibc aborts at exit ("corrupted size
// vs. prev_size in fastbins": ci33, ci41 in docs/tests.md). The test lanes' last test waits for
// these calls to end and names any that do not (scripts/test_lanes.ts).

interface Pending {
  readonly name: string;
  readonly since: number;
}

const pending = new Set<Pending>();

/**
 * `symbols` with each nonblocking function of `defs` counted while its call is under way; the
 * other symbols as they are. `library` names the library in callsInFlight()'s answer.
 */
export function countInFlight<S extends object>(
  library: string,
  symbols: S,
  defs: Deno.ForeignLibraryInterface,
): S {
  const out = { ...symbols } as Record<string, unknown>;
  for (const [name, def] of Object.entries(defs)) {
    if (!("nonblocking" in def) || !def.nonblocking) continue;
    const fn = out[name] as (...args: unknown[]) => Promise<unknown>;
    const label = `${library} ${name}`;
    out[name] = (...args: unknown[]) => {
      const entry = { name: label, since: performance.now() };
      pending.add(entry);
      return fn(...args).finally(() => pending.delete(entry));
    };
  }
  return out as S;
}

/** The nonblocking calls under way now, each with how long it has run, oldest first. */
export function callsInFlight(): { name: string; ms: number }[] {
  const now = performance.now();
  return [...pending].map((p) => ({ name: p.name, ms: Math.round(now - p.since) }));
}

/** Waits until no nonblocking call is under way, at most `ms`; answers those still running. */
export async function noCallsInFlight(ms: number): Promise<{ name: string; ms: number }[]> {
  const until = performance.now() + ms;
  while (pending.size > 0 && performance.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return callsInFlight();
}
