// Asking the person at the terminal a yes/no question (the question on stderr, so --json output
// on stdout stays clean).

import { err } from "./output.ts";

/** Asks `question` and reads one line from stdin; true only for "y" or "yes". */
export async function confirm(question: string): Promise<boolean> {
  err(question);
  const line = await readLine();
  return /^\s*y(es)?\s*$/i.test(line ?? "");
}

/** One line from stdin, read byte by byte so nothing after it is taken; null at end of input. */
async function readLine(): Promise<string | null> {
  const bytes: number[] = [];
  const one = new Uint8Array(1);
  while (true) {
    const n = await Deno.stdin.read(one);
    if (n === null) return bytes.length ? new TextDecoder().decode(new Uint8Array(bytes)) : null;
    if (one[0] === 0x0a) return new TextDecoder().decode(new Uint8Array(bytes));
    bytes.push(one[0]);
  }
}
