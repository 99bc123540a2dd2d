// String-only path helpers (no file system access): the agent bundles to one file with no
// imports, so it carries these few instead of node:path.

/** Why a path is unacceptable before any file system lookup, or null when it is fine. */
export function pathSyntaxProblem(path: string): string | null {
  if (path.length === 0) return "is empty";
  if (path.includes("\0")) return "contains a NUL byte";
  if (!path.startsWith("/")) return "is not absolute";
  // Refused before normalising: "/allowed/../etc" must never be read as "/etc".
  if (path.split("/").includes("..")) return "contains a '..' segment";
  return null;
}

/** Collapses "//" and "." segments and drops a trailing "/"; ".." must be refused first. */
export function normalize(path: string): string {
  const segments = path.split("/").filter((s) => s !== "" && s !== ".");
  return "/" + segments.join("/");
}

export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function join(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

/** True when `path` is `dir` or below it (both normalised). */
export function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === "/" ? "/" : dir + "/");
}
