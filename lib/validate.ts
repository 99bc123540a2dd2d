// Input checked against a zod schema, refused in the contract's words: each schema carries the
// messages the API has always answered (see lib/*/input.ts), and this turns the first problem
// into an AppError with its code. One reader for request bodies (routes/declare.ts) and for
// services that take input from elsewhere (the scheduler, the CLI through the API, imports).

import { z } from "zod";
import { AppError } from "./errors.ts";
import type { ErrorCode } from "../shared/errors.ts";
import { t } from "../shared/i18n/t.ts";

/** The code a problem with a field is refused with; fields not named get `code`. */
export interface IssueCodes {
  /** Default BAD_REQUEST. */
  code?: ErrorCode;
  /** By top-level field name. */
  fields?: Partial<Record<string, ErrorCode>>;
  /**
   * The refusal names the field its problem is about (`{"field": "name"}` in the answer), as the
   * pool, volume, network and port-forward contracts do: a refinement's `params.field`, else
   * the problem's top-level field.
   */
  nameField?: boolean;
  /**
   * The refusal in a contract's own shape, when the code and message above are not enough (the
   * profile contract's `{details: {field: "alerts[0].name"}}`, say): given the problem chosen as
   * above, it returns the error to throw.
   */
  refuse?: (issue: z.core.$ZodIssue) => AppError;
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
  if (codes.refuse) throw codes.refuse(first);
  const field = first.path[0];
  const code = (typeof field === "string" ? codes.fields?.[field] : undefined) ??
    codeOf(first) ?? codes.code ?? "BAD_REQUEST";
  if (!codes.nameField) throw new AppError(code, first.message);
  const named = first.code === "custom" && first.params?.field !== undefined
    ? first.params.field
    : field;
  throw new AppError(code, first.message, typeof named === "string" ? { field: named } : undefined);
}

/** A true/false field, refused as "KEY must be true or false" in the request's language. */
export const trueOrFalse = (key: string) =>
  z.boolean({ error: () => t("{{key}} must be true or false", { key }) });

/** A JSON object: not null, not a list. */
export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The first field of `value` (when it is a JSON object) that is not one of `known`: the one a
 * closed object refuses before any problem of its known fields.
 */
export function unknownKey(value: unknown, known: readonly string[]): string | undefined {
  return isJsonObject(value) ? Object.keys(value).find((k) => !known.includes(k)) : undefined;
}

/** Words computed when a request is checked (so in its language): t() inside the function. */
export type Words = string | (() => string);

/**
 * zod's params for a `z.strictObject` body: an unknown field is named (the first one), anything
 * else is told what a body looks like, `example` when given.
 */
export const strictBodyError = (example?: string) => ({
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === "unrecognized_keys" && issue.keys
      ? t("Unknown field: {{field}}", { field: issue.keys[0] })
      : example === undefined
      ? t("Body must be a JSON object")
      : t("Body must be a JSON object like {{example}}", { example }),
});

/**
 * An object with these fields and no others. An unknown field is refused with `code` (naming
 * itself as the field), before any problem of a known field; a body that is no object at all
 * stays 400 BAD_REQUEST with `notAnObject` (a function, `() => t("…")`, to answer in the
 * request's language). (z.strictObject gives both one code.)
 */
export function closedObject<T extends z.core.$ZodLooseShape>(
  shape: T,
  {
    code,
    notAnObject = () => t("Body must be a JSON object"),
    unknown = (key) => t('Unknown field "{{key}}"', { key }),
  }: {
    code: ErrorCode;
    notAnObject?: Words;
    /** The words for an unknown field. */
    unknown?: (key: string) => string;
  },
) {
  const known = Object.keys(shape);
  return z.looseObject(shape, { error: notAnObject }).superRefine((body, ctx) => {
    const key = unknownKey(body, known);
    if (key === undefined) return;
    ctx.addIssue({
      code: "custom",
      message: unknown(key),
      input: body,
      params: { code, field: key },
    });
  }, { when: () => true }).meta({ additionalProperties: false });
}

/** Inside a `superRefine`: a function that refuses a field of `input` in these words and `code`. */
export function refuser(ctx: z.RefinementCtx, input: unknown, code: ErrorCode) {
  return (message: string, field: string) =>
    ctx.addIssue({ code: "custom", message, input, path: [field], params: { code } });
}

/** Every top-level field of `shape` refused with `code`. */
export function fieldCodes(shape: object, code: ErrorCode): IssueCodes["fields"] {
  return Object.fromEntries(Object.keys(shape).map((k) => [k, code]));
}

/**
 * A problem's path as the contracts name fields: `alerts[0].name` (the first segment bare, list
 * positions in brackets); "" for the whole value.
 */
export function pathName(path: readonly PropertyKey[]): string {
  return path.map((p, i) =>
    typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`
  ).join("");
}

/** A code a refinement chose itself: `.refine(ok, { message, params: { code } })`. */
function codeOf(issue: z.core.$ZodIssue): ErrorCode | undefined {
  return issue.code === "custom" ? issue.params?.code as ErrorCode | undefined : undefined;
}
