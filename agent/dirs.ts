// make_directory and remove_directory inside the allowed directories (paths.ts decides where,
// policy.ts adds the host policy's): one level at a time, never through a link, and a directory
// is removed only when empty, so no call can take more than the one name it gives.

import type { AgentConfig } from "./config.ts";
import { AgentError } from "./errors.ts";
import { onlyKeys, type Params, requiredString } from "./params.ts";
import { fsError, resolveEntry } from "./paths.ts";
import { dirScopes, parsePolicy } from "./policy.ts";
import type { DirectoryResult } from "./protocol.ts";

/** `make_directory`: a new directory (mode 0755) whose parent exists. */
export async function makeDirectory(params: Params, config: AgentConfig): Promise<DirectoryResult> {
  onlyKeys(params, ["path", "policy"]);
  const path = requiredString(params, "path");
  const { target, existing } = await resolveEntry(
    path,
    dirScopes(config, parsePolicy(params.policy)),
  );
  if (existing) throw new AgentError("IO_ERROR", `${JSON.stringify(path)} already exists`);
  try {
    await Deno.mkdir(target, { mode: 0o755 });
  } catch (err) {
    throw fsError(path, err);
  }
  return { path };
}

/** `remove_directory`: an empty directory, not a link to one. */
export async function removeDirectory(
  params: Params,
  config: AgentConfig,
): Promise<DirectoryResult> {
  onlyKeys(params, ["path", "policy"]);
  const path = requiredString(params, "path");
  const { target, existing } = await resolveEntry(
    path,
    dirScopes(config, parsePolicy(params.policy)),
  );
  const p = JSON.stringify(path);
  if (!existing) throw new AgentError("FILE_NOT_FOUND", `${p} does not exist`);
  if (existing.isSymlink) {
    throw new AgentError("PATH_NOT_ALLOWED", `${p} is a symbolic link; the agent removes no links`);
  }
  if (!existing.isDirectory) throw new AgentError("IO_ERROR", `${p} is not a directory`);
  try {
    // Not recursive: a directory with anything in it stays (ENOTEMPTY).
    await Deno.remove(target);
  } catch (err) {
    if ((err as { code?: string }).code === "ENOTEMPTY") {
      throw new AgentError("IO_ERROR", `${p} is not empty`);
    }
    throw fsError(path, err);
  }
  return { path };
}
