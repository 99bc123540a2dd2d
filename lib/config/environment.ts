// What configuration reads from the outside world (variables, files, the working folder), as
// one interface so tests pass their own; the real one lives here, apart from the parsing.

/** What configuration reads from the outside world; tests pass their own. */
export interface Environment {
  get(name: string): string | undefined;
  exists(path: string): boolean;
  /** A file's text; throws (Deno.errors.NotFound …) when it cannot be read. */
  readText(path: string): string;
  /** Relative paths in flags and variables are taken from here. */
  cwd(): string;
  isRoot: boolean;
}

/** The process's own environment, files and working folder. */
export const realEnvironment: Environment = {
  get: (name) => Deno.env.get(name),
  exists: (path) => {
    try {
      Deno.statSync(path);
      return true;
    } catch {
      return false;
    }
  },
  readText: (path) => Deno.readTextFileSync(path),
  cwd: () => Deno.cwd(),
  isRoot: Deno.uid?.() === 0,
};
