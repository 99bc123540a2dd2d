// Loaded before every test module (`deno test --preload`, see deno.json's test task): each
// test gets a deadline. Deno's runner has none, so one test that waits forever on a real part
// (a browser that stopped answering, a libvirt call, a socket) used to hold the whole run until
// CI's own limit killed it, with no word on which test or why. Past the deadline the test fails
// loudly with its name and the run goes on to the next test.

import { callerFile, timed } from "../harness/file_times.ts";

/** Far above the slowest test on a loaded 2-core CI machine (about 140 s); its own test sets less. */
export const TEST_DEADLINE_MS = Number(Deno.env.get("KVMM_TEST_DEADLINE_MS") ?? 300_000);

/**
 * Tests that may take longer, by name, and how long (ms): set with `longerDeadline` when the
 * module loads. Only for a test whose real parts take that long by nature (a cluster failing
 * over); the reason belongs beside the call.
 */
const LONGER = new Map<string, number>();

export function longerDeadline(name: string, ms: number): void {
  LONGER.set(name, ms);
}

type TestFn = (t: Deno.TestContext) => void | Promise<void>;
type Options = Omit<Deno.TestDefinition, "fn">;

function withDeadline(name: string, fn: TestFn): TestFn {
  return async (t) => {
    const deadline = Math.max(TEST_DEADLINE_MS, LONGER.get(name) ?? 0);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const overdue = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `"${name}" did not finish in ${deadline / 1000} s ` +
                "(tests/support/test_deadline.ts); something it awaits never settled",
            ),
          ),
        deadline,
      );
    });
    try {
      await Promise.race([Promise.resolve().then(() => fn(t)), overdue]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Every form Deno.test accepts, made into one definition. */
function definition(a: unknown, b?: unknown, c?: unknown): Deno.TestDefinition {
  if (typeof a === "function") return { name: a.name, fn: a as TestFn };
  if (typeof a === "string") {
    if (typeof b === "function") return { name: a, fn: b as TestFn };
    return { ...(b as Options), name: a, fn: c as TestFn };
  }
  const options = a as Deno.TestDefinition;
  if (typeof b === "function") {
    return { ...options, name: options.name ?? b.name, fn: b as TestFn };
  }
  return options;
}

/**
 * Puts `change` between every test registered from now on and the Deno.test there was before:
 * whatever form a test is declared in (with .only and .ignore), `change` gets its definition.
 * Each preload module that wraps tests (the answer check, ../harness/answer_check.ts) uses it.
 */
export function wrapDenoTest(change: (def: Deno.TestDefinition) => Deno.TestDefinition): void {
  const test = Deno.test;
  const wrap =
    (register: (t: Deno.TestDefinition) => void) => (a: unknown, b?: unknown, c?: unknown) =>
      register(change(definition(a, b, c)));
  const wrapped = Object.assign(wrap((d) => test(d)), {
    only: wrap((d) => test.only(d)),
    ignore: wrap((d) => test.ignore(d)),
  });
  Object.defineProperty(Deno, "test", { value: wrapped, configurable: true, writable: true });
}

// Timed per file too, for runs where many files share one isolate (../harness/file_times.ts).
wrapDenoTest((def) => ({ ...def, fn: timed(callerFile(), withDeadline(def.name, def.fn)) }));
