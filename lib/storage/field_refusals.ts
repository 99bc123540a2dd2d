// Body schemas whose refusals name the field they are about (`{"field": "name"}` in the answer),
// as the pool, volume, network and port forward checks always did: validated() (lib/validate.ts)
// answers a code and a message only, so the field is added here from the same first problem.

import { z } from "zod";
import { AppError } from "../errors.ts";
import { type IssueCodes, validated } from "../validate.ts";
import type { ErrorCode } from "../../shared/errors.ts";

/**
 * `validated()`, its refusal carrying `{field}` when the first problem is about one: a field's
 * own problem, or an unknown field that `closedObject` refused.
 */
export function validatedField<S extends z.ZodType>(
  schema: S,
  input: unknown,
  codes: IssueCodes = {},
): z.output<S> {
  try {
    return validated(schema, input, codes);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const issue = schema.safeParse(input).error?.issues.find((i) => i.message === err.message);
    const field = issue?.code === "custom" && issue.params?.field !== undefined
      ? issue.params.field
      : issue?.path[0];
    throw typeof field === "string" ? new AppError(err.code, err.message, { field }) : err;
  }
}

/**
 * An object with these fields and no others. An unknown field is refused with `code` (and names
 * itself as the field), before any problem of a known field; a body that is no object at all
 * stays 400 BAD_REQUEST with `notAnObject`. (z.strictObject would give both the same code.)
 */
export function closedObject<T extends z.core.$ZodLooseShape>(
  shape: T,
  { code, notAnObject = "Body must be a JSON object" }: { code: ErrorCode; notAnObject?: string },
) {
  const known = new Set(Object.keys(shape));
  return z.looseObject(shape, { error: notAnObject }).superRefine((body, ctx) => {
    if (typeof body !== "object" || body === null || Array.isArray(body)) return;
    const key = Object.keys(body).find((k) => !known.has(k));
    if (key === undefined) return;
    ctx.addIssue({
      code: "custom",
      message: `Unknown field "${key}"`,
      input: body,
      params: { code, field: key },
    });
  }, { when: () => true }).meta({ additionalProperties: false });
}

/** `field` for every top-level field of `shape`: the code their problems are refused with. */
export function fieldCodes(shape: object, code: ErrorCode): IssueCodes["fields"] {
  return Object.fromEntries(Object.keys(shape).map((k) => [k, code]));
}
