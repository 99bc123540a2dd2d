// The files git knows in a checkout: tracked, or new and not ignored (what the layout tests read),
// and which of them are tests.

/** Paths relative to `root`, as `git ls-files --cached --others --exclude-standard` lists them. */
export async function gitFiles(root: string): Promise<string[]> {
  const out = await new Deno.Command("git", {
    args: ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout).split("\0").filter(Boolean);
}

/** A test file: beside code (`*_test.ts`), or in tests/ or bench/. */
export function isTestSide(path: string): boolean {
  return /_test\.tsx?$/.test(path) || /^(tests|bench)\//.test(path);
}
