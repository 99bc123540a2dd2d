// file_read and file_write inside the allowed directories (paths.ts decides where, policy.ts
// adds the host policy's), with the max_file_bytes cap both ways.

import { decodeBase64, decodedLength, encodeBase64 } from "./base64.ts";
import { concatBytes } from "./bytes.ts";
import type { AgentConfig } from "./config.ts";
import { AgentError, invalidParams } from "./errors.ts";
import { basename, dirname, join } from "./path_lexical.ts";
import { onlyKeys, optionalInteger, type Params, requiredString } from "./params.ts";
import { type DirScope, fsError, resolveForRead, resolveForWrite } from "./paths.ts";
import { dirScopes, parsePolicy } from "./policy.ts";
import type { FileReadResult, FileWriteResult } from "./protocol.ts";

const tooLarge = (path: string, size: number, max: number) =>
  new AgentError(
    "FILE_TOO_LARGE",
    `${JSON.stringify(path)} is ${size} bytes; the agent's max_file_bytes is ${max}`,
  );

export async function fileRead(params: Params, config: AgentConfig): Promise<FileReadResult> {
  onlyKeys(params, ["path", "policy"]);
  const path = requiredString(params, "path");
  const scopes = dirScopes(config, parsePolicy(params.policy));
  const real = await resolveForRead(path, scopes);
  const max = config.max_file_bytes;
  let file: Deno.FsFile;
  try {
    const info = await Deno.stat(real);
    // A FIFO or a device would block the read or never end: only regular files.
    if (!info.isFile) {
      throw new AgentError(
        "IO_ERROR",
        `${JSON.stringify(path)} is ${info.isDirectory ? "a directory" : "not a regular file"}`,
      );
    }
    if (info.size > max) throw tooLarge(path, info.size, max);
    file = await Deno.open(real, { read: true });
  } catch (err) {
    throw fsError(path, err);
  }
  try {
    await checkStillInside(path, file, scopes);
    const bytes = await readAtMost(file, max + 1);
    if (bytes.length > max) throw tooLarge(path, bytes.length, max);
    return { path, size_bytes: bytes.length, content: encodeBase64(bytes) };
  } catch (err) {
    throw fsError(path, err);
  } finally {
    file.close();
  }
}

/**
 * Closes the window between the checks and the open: had a directory on the way been swapped
 * for a symlink, the opened file would not be the one the path names now.
 */
async function checkStillInside(path: string, file: Deno.FsFile, scopes: DirScope[]) {
  const opened = await file.stat();
  const real = await resolveForRead(path, scopes);
  const named = await Deno.lstat(real);
  if (opened.dev !== named.dev || opened.ino !== named.ino) {
    throw new AgentError("PATH_NOT_ALLOWED", `${JSON.stringify(path)} changed while being opened`);
  }
}

async function readAtMost(file: Deno.FsFile, limit: number): Promise<Uint8Array> {
  const buf = new Uint8Array(Math.min(limit, 1024 * 1024));
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < limit) {
    const n = await file.read(buf.subarray(0, Math.min(buf.length, limit - total)));
    if (n === null) break;
    chunks.push(buf.slice(0, n));
    total += n;
  }
  return concatBytes(chunks, total);
}

export async function fileWrite(params: Params, config: AgentConfig): Promise<FileWriteResult> {
  onlyKeys(params, ["path", "content", "mode", "policy"]);
  const path = requiredString(params, "path");
  const content = requiredString(params, "content");
  const mode = optionalInteger(params, "mode", 0, 0o777);
  const scopes = dirScopes(config, parsePolicy(params.policy));
  const size = decodedLength(content);
  if (size > config.max_file_bytes) throw tooLarge(path, size, config.max_file_bytes);
  const bytes = decodeBase64(content);
  if (bytes === null) throw invalidParams("params.content must be standard base64 (with padding)");

  const { target, existing } = await resolveForWrite(path, scopes);
  // Written beside the target and renamed over it: createNew (O_EXCL) never follows a link,
  // rename replaces a link instead of writing through it, and a reader never sees half a file.
  const temp = join(
    dirname(target),
    `.${basename(target)}.kvmm-${crypto.randomUUID().slice(0, 8)}.tmp`,
  );
  try {
    await Deno.writeFile(temp, bytes, { createNew: true, mode: 0o600 });
    await Deno.chmod(temp, existing ? (existing.mode ?? 0o644) & 0o7777 : mode ?? 0o644);
    if (existing && existing.uid !== null && existing.gid !== null && Deno.uid() === 0) {
      await Deno.chown(temp, existing.uid, existing.gid);
    }
    await Deno.rename(temp, target);
  } catch (err) {
    await Deno.remove(temp).catch(() => {});
    throw fsError(path, err);
  }
  return { path, bytes_written: bytes.length };
}
