// Which KVM Manager this is: the version written once, in deno.json's `version`, and the commit
// the running bundle was built from (dist/build_info.json, written by scripts/bundle_server.ts;
// "unknown" when the program runs from its sources or was built outside a git checkout).

import { join } from "node:path";
import denoJson from "../deno.json" with { type: "json" };

/** The semantic version of this build (deno.json `version`). */
export const VERSION: string = denoJson.version;

/** The file the server bundle's build leaves beside it, naming the commit. */
export const BUILD_INFO_FILE = "build_info.json";

/** What a build says of itself. */
export interface BuildInfo {
  version: string;
  commit: string;
}

let cached: BuildInfo | undefined;

/** The version and the commit of the running program (read once). */
export function buildInfo(): BuildInfo {
  if (cached) return cached;
  let commit = "unknown";
  try {
    // Beside the running bundle (dist/); from the sources (lib/) there is none.
    const path = join(import.meta.dirname ?? ".", BUILD_INFO_FILE);
    const read = JSON.parse(Deno.readTextFileSync(path)) as { commit?: unknown };
    if (typeof read.commit === "string" && /^[0-9a-f]{7,40}$/.test(read.commit)) {
      commit = read.commit;
    }
  } catch {
    // No build info: running from the sources.
  }
  cached = { version: VERSION, commit };
  return cached;
}
