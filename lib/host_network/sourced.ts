// The files the interfaces file pulls in (`source PATTERN`, `source-directory DIR`; Debian's
// default file sources /etc/network/interfaces.d/*). KVM Manager changes only the interfaces file
// itself, so before it stages a change it looks for the interfaces it touches in these: one
// configured there is refused rather than configured twice.

import { dirname, join } from "node:path";
import { type Block, stanzasOf } from "./interfaces_file.ts";
import { parse } from "./interfaces_file.ts";
import { readInterfaces } from "./files.ts";

/** Sourced files read at most: a host has a handful. */
const MAX_FILES = 64;

/** run-parts' rule for the files of a `source-directory`. */
const RUN_PARTS_NAME = /^[A-Za-z0-9_-]+$/;

/** The files `blocks` (read from `path`) source, in order, their patterns expanded. */
export async function sourcedFiles(blocks: readonly Block[], path: string): Promise<string[]> {
  const base = dirname(path);
  const files: string[] = [];
  for (const block of blocks) {
    if (block.kind !== "other") continue;
    const [keyword, target] = block.text.trim().split(/\s+/);
    if (!target || (keyword !== "source" && keyword !== "source-directory")) continue;
    const full = target.startsWith("/") ? target : join(base, target);
    if (keyword === "source-directory") {
      files.push(
        ...(await namesIn(full)).filter((n) => RUN_PARTS_NAME.test(n)).map((n) => join(full, n)),
      );
    } else if (/[*?[]/.test(full)) {
      const dir = dirname(full);
      const matches = globRegex(full.slice(dir.length + 1));
      const names = (await namesIn(dir)).filter((n) => !n.startsWith(".") && matches.test(n));
      files.push(...names.map((n) => join(dir, n)));
    } else {
      files.push(full);
    }
    if (files.length >= MAX_FILES) break;
  }
  return files.slice(0, MAX_FILES);
}

/** The sourced file that configures `name` (an `iface` or `auto` line), if one does. */
export async function configuredElsewhere(
  blocks: readonly Block[],
  path: string,
  name: string,
): Promise<string | null> {
  for (const file of await sourcedFiles(blocks, path)) {
    const sourced = parse(await readInterfaces(file));
    const named = stanzasOf(sourced, name).length > 0 ||
      sourced.some((b) => b.kind === "auto" && b.names.includes(name));
    if (named) return file;
  }
  return null;
}

async function namesIn(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) if (entry.isFile) names.push(entry.name);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
  return names.sort();
}

/** A shell glob of one path part (`*`, `?`) as a regular expression; `[` matched literally. */
function globRegex(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|\\\]]/g, "\\$&").replace(/\[/g, "\\[");
  return new RegExp(`^${escaped.replaceAll("*", "[^/]*").replaceAll("?", "[^/]")}$`);
}
