// The answer schemas of the API (routes/declare.ts `answer`) describe the shapes the UI and the
// CLI already read from shared/: `describes<T>()(schema)` makes deno check fail when the schema
// and the shared type part, in either direction (a field one has and the other lacks, a type
// that differs), so the shared type stays the one place a shape is said.

import type { z } from "zod";

/**
 * Fails to type-check, naming both sides, unless A and B are the same type. Being assignable both
 * ways is not enough: an optional field one side lacks would pass.
 */
type Same<A, B> = (<G>() => G extends A ? 1 : 2) extends (<G>() => G extends B ? 1 : 2) ? unknown
  : { "the schema's answer and the shared type differ": { schema: A; type: B } };

/**
 * T with its intersections merged into plain objects, all the way down: `{a} & {b}` is never
 * the same type as `{a, b}` to Same, though it is the same shape.
 */
type Flat<T> = T extends readonly (infer E)[] ? Flat<E>[]
  : T extends object ? { [K in keyof T]: Flat<T[K]> }
  : T;

/** `schema`, checked at compile time to describe exactly T. */
export function describes<T>() {
  return <S extends z.ZodType>(schema: S & Same<Flat<z.output<S>>, Flat<T>>): S => schema;
}
