// A file a command reads its JSON from, or stdin for "-"; unreadable is a usage error (exit 2).

import { usageError } from "./errors.ts";

export async function readInput(path: string): Promise<string> {
  try {
    return path === "-"
      ? await new Response(Deno.stdin.readable).text()
      : await Deno.readTextFile(path);
  } catch (e) {
    throw usageError(`cannot read ${path === "-" ? "stdin" : path}: ${(e as Error).message}`);
  }
}

/**
 * JSON.parse's complaint without the piece of the text V8 quotes in it ('Unexpected token 'k',
 * "kvmm_…" is not valid JSON'): the text may be a config file holding a token, or a secret.
 */
export function jsonComplaint(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/, (\.\.\.)?"[\s\S]*"(\.\.\.)? is not valid JSON$/, "");
}

/** `text` as a JSON object, named `source` in the refusal; anything else is a usage error. */
export function jsonObject(text: string, source: string, what: string): Record<string, unknown> {
  return parseJsonObject(text, source, `(${what})`, usageError);
}

/**
 * `text` as a JSON object; anything else is thrown as `refuse`'s error, worded "SOURCE is not
 * valid JSON: …" or "SOURCE must hold a JSON object EXPECTED". One rule for every JSON a command
 * reads (a body, the config file), so all refuse alike and none repeats a secret it held.
 */
export function parseJsonObject(
  text: string,
  source: string,
  expected: string,
  refuse: (message: string) => Error,
): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw refuse(`${source} is not valid JSON: ${jsonComplaint(err)}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw refuse(`${source} must hold a JSON object ${expected}`);
  }
  return data as Record<string, unknown>;
}
