// Request bodies as JSON, read one way by every route: 400 BAD_REQUEST in the same words when a
// body is not JSON. Their size is bounded before they get here (routes/middleware/body_limit.ts).

import { badRequest } from "../lib/errors.ts";

/** The request's JSON body; 400 with `malformed` when it is not JSON. */
export async function jsonBody(req: Request, malformed = "Malformed JSON body"): Promise<unknown> {
  try {
    return JSON.parse(await req.text());
  } catch {
    throw badRequest(malformed);
  }
}

/** The request's JSON body, or `empty` when it has none (only white space). */
export async function optionalJsonBody<T>(req: Request, empty: T): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === "") return empty;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("Malformed JSON body");
  }
}

/** The request's body as a JSON object; 400 when it is not JSON or not an object. */
export async function jsonObjectBody(req: Request): Promise<Record<string, unknown>> {
  const body = await jsonBody(req);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest("Body must be a JSON object");
  }
  return body as Record<string, unknown>;
}
