// Input checked against a zod schema, refused in the contract's words: each schema carries the
// messages the API has always answered (see lib/*/input.ts), and this turns the first problem
// into an AppError with its code. One reader for request bodies (routes/declare.ts) and for
// services that take input from elsewhere (the scheduler, the CLI through the API, imports).

import type { z } from "zod";
import { AppError } from "./errors.ts";
import type { ErrorCode } from "../shared/errors.ts";

/** The code a problem with a field is refused with; fields not named get `code`. */
export interface IssueCodes {
  /** Default BAD_REQUEST. */
  code?: ErrorCode;
  /** By top-level field name. */
  fields?: Partial<Record<string, ErrorCode>>;
}

/**
 * `value` as the schema reads it, or an AppError with the first problem's message. A problem
 * with the whole body (not an object, an unknown field) comes first, as the hand-written checks
 * it replaces looked at the shape before the fields.
 */
export function validated<S extends z.ZodType>(
  schema: S,
  value: unknown,
  codes: IssueCodes = {},
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const first = issues.find((i) => i.path.length === 0) ?? issues[0];
  const field = first.path[0];
  const code = (typeof field === "string" ? codes.fields?.[field] : undefined) ??
    codeOf(first) ?? codes.code ?? "BAD_REQUEST";
  return raise(code, first.message);
}

/** A code a refinement chose itself: `.refine(ok, { message, params: { code } })`. */
function codeOf(issue: z.core.$ZodIssue): ErrorCode | undefined {
  return issue.code === "custom" ? issue.params?.code as ErrorCode | undefined : undefined;
}

function raise(code: ErrorCode, message: string): never {
  throw new AppError(code, message);
}
