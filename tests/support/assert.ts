// Minimal assertions for tests: @std/assert lives on JSR, which is unreachable here.

import { deepStrictEqual } from "node:assert";

export class AssertionError extends Error {
  override name = "AssertionError";
}

export function assert(cond: unknown, msg = "assertion failed"): asserts cond {
  if (!cond) throw new AssertionError(msg);
}

export function assertEquals<T>(actual: unknown, expected: T, msg?: string): asserts actual is T {
  try {
    deepStrictEqual(actual, expected);
  } catch (err) {
    throw new AssertionError(`${msg ? msg + ": " : ""}${(err as Error).message}`);
  }
}

export function assertMatch(actual: string, re: RegExp, msg?: string) {
  if (!re.test(actual)) {
    throw new AssertionError(msg ?? `expected ${JSON.stringify(actual)} to match ${re}`);
  }
}

export async function assertRejects<E extends Error>(
  fn: () => Promise<unknown>,
  ErrorClass: new (...args: any[]) => E,
): Promise<E> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof ErrorClass) return err;
    throw new AssertionError(`expected ${ErrorClass.name}, got ${err}`);
  }
  throw new AssertionError(`expected ${ErrorClass.name}, but it resolved`);
}

export function assertThrows<E extends Error>(
  fn: () => unknown,
  ErrorClass: new (...args: any[]) => E,
): E {
  try {
    fn();
  } catch (err) {
    if (err instanceof ErrorClass) return err;
    throw new AssertionError(`expected ${ErrorClass.name}, got ${err}`);
  }
  throw new AssertionError(`expected ${ErrorClass.name}, but it returned`);
}
