// Request bodies as JSON, read one way by every route: 400 BAD_REQUEST in the same words when a
// body is not JSON. Their size is bounded before they get here (routes/middleware/body_limit.ts).
// A body declared with a schema is read here too (routes/declare.ts), then checked.

import { type AppError, badRequest } from "../lib/errors.ts";
import { t, tKey } from "../shared/i18n/t.ts";

/**
 * How a body that is not JSON is refused: 400 BAD_REQUEST in these words (a key, said through
 * t() in the request's language: mark it with tKey), or this error.
 */
export type Malformed = string | (() => AppError);

const MALFORMED = tKey("Malformed JSON body");

/** A request, or Hono's view of one (which keeps the text for a later read). */
interface Readable {
  text(): Promise<string>;
}

/** The request's JSON body; 400 with `malformed` when it is not JSON. */
export async function jsonBody(
  req: Readable,
  malformed: Malformed = MALFORMED,
): Promise<unknown> {
  return parse(await req.text(), malformed);
}

/** The request's JSON body, or `empty` when it has none (only white space). */
export async function optionalJsonBody<T>(
  req: Readable,
  empty: T,
  malformed: Malformed = MALFORMED,
): Promise<unknown> {
  const text = await req.text();
  return text.trim() === "" ? empty : parse(text, malformed);
}

function parse(text: string, malformed: Malformed): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw typeof malformed === "string" ? badRequest(t(malformed)) : malformed();
  }
}
