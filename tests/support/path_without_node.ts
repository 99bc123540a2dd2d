// A PATH like a minimal server's: every command of /usr/bin and /usr/sbin but Node.js. Deno
// behaves differently where no `node` is on the PATH (it writes a `node` link of its own into
// its cache), and this machine has Node.js installed for the tools that build the program.

import { join } from "node:path";

const NODE = new Set(["node", "nodejs"]);

/** Makes `dir` (it must not exist) a folder of links to those commands; returns it as a PATH. */
export async function pathWithoutNode(dir: string): Promise<string> {
  await Deno.mkdir(dir, { recursive: true });
  const seen = new Set<string>();
  for (const from of ["/usr/sbin", "/usr/bin"]) {
    for await (const entry of Deno.readDir(from)) {
      if (NODE.has(entry.name) || seen.has(entry.name)) continue;
      seen.add(entry.name);
      await Deno.symlink(join(from, entry.name), join(dir, entry.name));
    }
  }
  return dir;
}
