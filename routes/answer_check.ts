// Every answer a test receives is checked against the schema its route declares
// (routes/declare.ts `answer`, routes/api/answers/). The test harness turns the check on through
// the environment (tests/harness/answer_check.ts), so a server a test starts as its own process
// checks too; a production server never pays for it. An answer that does not match its schema,
// or carries a field the schema does not name (a leak as much as a drift), becomes a 500 that says
// which route and which field, and is noted for the test that caused it.

import type { MiddlewareHandler } from "hono";
import type { z } from "zod";
import { type AnswerRef, answerSchema, loadAnswers } from "./answers.ts";

/** The variable that turns the check on ("1"), for this process and the servers it starts. */
export const CHECK_ANSWERS_ENV = "KVMM_CHECK_ANSWERS";

/** True when answers are checked: in tests. Read when a route is declared. */
export function checkingAnswers(): boolean {
  try {
    return Deno.env.get(CHECK_ANSWERS_ENV) === "1";
  } catch {
    return false; // no right to read the environment: not a test run
  }
}

/** What the checks of this process found, in order; the test harness reads and empties it. */
export const answerMismatches: string[] = [];

/**
 * Where `value` departs from `schema`: zod's issues, or the fields the schema does not name
 * (zod drops them silently, so the parsed value is compared with the answer); null when it fits.
 */
export function answerMismatch(schema: z.ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return parsed.error.issues.slice(0, 5).map((i) =>
      `${i.path.length ? i.path.join(".") : "(the body)"}: ${i.message}`
    ).join("; ");
  }
  const extra = unnamed(value, parsed.data, "");
  return extra.length ? `not in the schema: ${extra.slice(0, 5).join(", ")}` : null;
}

/** The paths of `sent`'s object keys that `kept` (its parsed form) lacks. */
function unnamed(sent: unknown, kept: unknown, at: string): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) {
    return sent.flatMap((v, i) => unnamed(v, kept[i], `${at}[${i}]`));
  }
  if (!isObject(sent) || !isObject(kept)) return [];
  return Object.entries(sent).flatMap(([k, v]) => {
    const path = at ? `${at}.${k}` : k;
    return k in kept ? unnamed(v, kept[k], path) : [path];
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks a route's JSON answers of the statuses in `schemas`. */
export function answerCheck(schemas: Map<number, AnswerRef>): MiddlewareHandler {
  return async function checkAnswer(c, next) {
    await next();
    const ref = schemas.get(c.res.status);
    const schema = ref && answerSchema(ref, await loadAnswers());
    if (!schema || !c.res.headers.get("content-type")?.startsWith("application/json")) return;
    let value: unknown;
    try {
      value = await c.res.clone().json();
    } catch (err) {
      value = err; // not JSON at all: the schema says what was expected
    }
    const found = value instanceof Error
      ? `not JSON: ${value.message}`
      : answerMismatch(schema, value);
    if (!found) return;
    const route = `${c.req.method} ${c.req.routePath}`;
    const message = `The answer of ${route} (${c.res.status}) does not match its schema: ${found}`;
    answerMismatches.push(message);
    console.error(message);
    c.res = undefined; // Hono keeps the old response's headers otherwise
    c.res = c.json({ code: "INTERNAL_ERROR", message }, 500);
  };
}
