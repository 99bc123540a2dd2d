// The few file operations the host-use checks make on a host's sysfs and procfs, so the same
// walk runs on this machine's files (local) or on a snapshot read from a remote host over ssh
// (remote_snapshot.ts).

/** A host's sysfs and procfs, read-only; anything absent reads as nothing. */
export interface HostFiles {
  /** Where sysfs is (`/sys`; tests give a tree of their own). */
  sys: string;
  /** Where procfs is (`/proc`). */
  proc: string;
  /** The path with every symlink resolved, or null when it does not exist. */
  realPath(path: string): Promise<string | null>;
  /** The file's text, or "" when it cannot be read. */
  readText(path: string): Promise<string>;
  /** The directory's entry names, sorted; none when it is absent. */
  readDir(path: string): Promise<string[]>;
}

/** This machine's files (or a tree standing in for them). */
export function localHostFiles(
  { sys, proc }: { sys: string; proc: string } = { sys: "/sys", proc: "/proc" },
): HostFiles {
  return {
    sys,
    proc,
    realPath: (path) => Deno.realPath(path).catch(() => null),
    readText: (path) => Deno.readTextFile(path).catch(() => ""),
    async readDir(dir) {
      const names: string[] = [];
      try {
        for await (const e of Deno.readDir(dir)) names.push(e.name);
      } catch {
        // absent: none
      }
      return names.sort();
    },
  };
}
