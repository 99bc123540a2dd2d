// Where file_read and file_write may go: absolute paths with no "..", whose real location
// (symlinks resolved) is inside the real location of an allowed directory of every scope (the
// agent's allowed_dirs, and the host policy's when the call carries one; policy.ts).

import { AgentError } from "./errors.ts";
import { basename, dirname, isWithin, join, normalize, pathSyntaxProblem } from "./path_lexical.ts";

/** Directories a path must lie within one of, and the words a refusal names them by. */
export interface DirScope {
  dirs: string[];
  /** "the agent's allowed_dirs", "the host policy's allowed directories". */
  name: string;
}

const notAllowed = (path: string, why: string) =>
  new AgentError("PATH_NOT_ALLOWED", `${JSON.stringify(path)} ${why}`);

/**
 * Syntax first, then a lexical check against each scope's directories (so a path outside them
 * is refused without touching the file system, and the answer cannot reveal whether it
 * exists). Returns the normalised path.
 */
export async function checkPathLexically(path: string, scopes: DirScope[]): Promise<string> {
  const problem = pathSyntaxProblem(path);
  if (problem) throw notAllowed(path, problem);
  const clean = normalize(path);
  for (const { dirs: listed, name } of scopes) {
    const dirs = [...listed, ...(await realAllowedDirs(listed))];
    if (!dirs.some((d) => isWithin(clean, d))) {
      throw notAllowed(path, `is outside ${name} (${listed.join(", ") || "none"})`);
    }
  }
  return clean;
}

/** The allowed directories that exist, symlinks resolved. */
export async function realAllowedDirs(allowedDirs: string[]): Promise<string[]> {
  const real = await Promise.all(allowedDirs.map((d) => Deno.realPath(d).catch(() => null)));
  return real.filter((d): d is string => d !== null);
}

async function checkInside(path: string, real: string, scopes: DirScope[]): Promise<void> {
  for (const { dirs, name } of scopes) {
    if (!(await realAllowedDirs(dirs)).some((d) => isWithin(real, d))) {
      throw notAllowed(path, `resolves to ${JSON.stringify(real)}, outside ${name}`);
    }
  }
}

/**
 * For a path that does not exist: its nearest existing ancestor must also resolve inside an
 * allowed directory, else "not found" would tell whether a file exists behind a symlink out.
 */
async function checkMissing(path: string, clean: string, scopes: DirScope[]): Promise<void> {
  for (let dir = dirname(clean);; dir = dirname(dir)) {
    const real = await Deno.realPath(dir).catch(() => null);
    if (real !== null) return await checkInside(path, real, scopes);
    if (dir === "/") return;
  }
}

/** The real path of an existing file to read, proven inside an allowed dir of every scope. */
export async function resolveForRead(path: string, scopes: DirScope[]): Promise<string> {
  const clean = await checkPathLexically(path, scopes);
  let real: string;
  try {
    real = await Deno.realPath(clean);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) await checkMissing(path, clean, scopes);
    throw fsError(path, err);
  }
  await checkInside(path, real, scopes);
  return real;
}

/**
 * Where a new entry goes: the real parent directory (inside an allowed dir of each scope) joined
 * with the name, and what is there now (lstat: a link is not followed), if anything. Never an
 * allowed directory itself.
 */
export async function resolveEntry(
  path: string,
  scopes: DirScope[],
): Promise<{ target: string; existing: Deno.FileInfo | null }> {
  const clean = await checkPathLexically(path, scopes);
  const name = basename(clean);
  let realParent: string;
  try {
    realParent = await Deno.realPath(dirname(clean));
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      await checkMissing(path, dirname(clean) + "/x", scopes);
      throw new AgentError(
        "FILE_NOT_FOUND",
        `the directory of ${JSON.stringify(path)} does not exist`,
      );
    }
    throw fsError(path, err);
  }
  const target = join(realParent, name);
  await checkInside(path, target, scopes);
  if ((await realAllowedDirs(scopes.flatMap((s) => s.dirs))).includes(target)) {
    throw new AgentError("IO_ERROR", `${JSON.stringify(path)} is a directory`);
  }
  let existing: Deno.FileInfo | null = null;
  try {
    existing = await Deno.lstat(target);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw fsError(path, err);
  }
  return { target, existing };
}

/**
 * Where to write a file: resolveEntry's target, which must not be a symlink (writing through a
 * link is refused) nor anything but a regular file when it exists.
 */
export async function resolveForWrite(
  path: string,
  scopes: DirScope[],
): Promise<{ target: string; existing: Deno.FileInfo | null }> {
  const { target, existing } = await resolveEntry(path, scopes);
  if (existing?.isSymlink) {
    throw notAllowed(path, "is a symbolic link; the agent does not write through links");
  }
  if (existing && !existing.isFile) {
    throw new AgentError(
      "IO_ERROR",
      `${JSON.stringify(path)} is ${existing.isDirectory ? "a directory" : "not a regular file"}`,
    );
  }
  return { target, existing };
}

/** A file system failure in the protocol's terms. */
export function fsError(path: string, err: unknown): AgentError {
  const p = JSON.stringify(path);
  if (err instanceof AgentError) return err;
  if (err instanceof Deno.errors.NotFound) {
    return new AgentError("FILE_NOT_FOUND", `${p} does not exist`);
  }
  if (err instanceof Deno.errors.PermissionDenied) {
    return new AgentError("IO_ERROR", `${p}: permission denied`);
  }
  return new AgentError("IO_ERROR", `${p}: ${(err as Error).message}`);
}
