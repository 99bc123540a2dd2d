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

/** `text` as a JSON object, named `source` in the refusal; anything else is a usage error. */
export function jsonObject(text: string, source: string, what: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw usageError(`${source} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw usageError(`${source} must hold a JSON object (${what})`);
  }
  return data as Record<string, unknown>;
}
