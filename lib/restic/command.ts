// How restic is run for one repository: the program's arguments and environment, built as data
// (never a shell line). The password and S3 secret go in the child's environment only, never in
// its arguments (which any user can read in /proc). SFTP runs ssh with BatchMode (no prompt)
// and the admin's key file; see sftpCommand for host key checking.

import { sftpParts } from "./location.ts";
import type { Reach } from "./reach.ts";
import type { RepoAccess } from "./repo_access.ts";

export type { RepoAccess };

/** One restic invocation: program, arguments and the environment it adds. */
export interface ResticCall {
  program: string;
  args: string[];
  env: Record<string, string>;
}

/** What one word of ssh's command line (sftp.command) may hold: nothing restic cuts at. */
export const SSH_WORD = /^[A-Za-z0-9_.\/@:=+-]+$/;

/** The restic binary (Debian's package); RESTIC_BIN overrides it (tests of a missing one). */
export function resticProgram(): string {
  return Deno.env.get("KVMM_RESTIC_BIN") ?? "restic";
}

/**
 * ssh for restic's SFTP backend. Host keys: with a known_hosts file named, only its key is
 * accepted (StrictHostKeyChecking=yes); without one, the first key seen is remembered in
 * `tofuFile` and any later change refused (accept-new: trust on first use). restic splits this
 * string at spaces, so no part may hold one. With `address` (the host's checked address,
 * reach.ts), ssh connects there and knows the key by the host's name (HostKeyAlias).
 */
export function sftpCommand(
  repo: RepoAccess,
  tofuFile: string,
  address: string | null = null,
): string {
  const { user, host } = sftpParts(repo.location);
  const pinned = address !== null && address !== host;
  const known = repo.knownHostsFile ?? tofuFile;
  const parts = [
    "ssh",
    ...(repo.port ? ["-p", String(repo.port)] : []),
    ...(repo.keyFile ? ["-i", repo.keyFile, "-o", "IdentitiesOnly=yes"] : []),
    "-o",
    "BatchMode=yes",
    "-o",
    `StrictHostKeyChecking=${repo.knownHostsFile ? "yes" : "accept-new"}`,
    "-o",
    `UserKnownHostsFile=${known}`,
    "-o",
    "GlobalKnownHostsFile=/dev/null",
    ...(pinned ? ["-o", `HostKeyAlias=${host}`, "-o", "CheckHostIP=no"] : []),
    "-F",
    "/dev/null",
    // "--" ends ssh's options: the host is never read as one, whatever the store holds.
    "-s",
    "--",
    `${user}@${pinned ? address : host}`,
    "sftp",
  ];
  // Only plain characters: restic cuts this line at any Unicode space and at quotes, and its -o
  // at commas; what a cut set apart would reach ssh as an option of its own.
  for (const p of parts) {
    if (!SSH_WORD.test(p)) {
      throw new Error(`ssh argument with odd characters: ${JSON.stringify(p)}`);
    }
  }
  return parts.join(" ");
}

/** restic's repository string: a folder, sftp:user@host:/path, or the S3 URL as given. */
export function repositoryArg(repo: RepoAccess): string {
  if (repo.kind === "sftp") return `sftp:${repo.location}`;
  return repo.location;
}

/**
 * The call of `restic <args>` on `repo`, with --json (where the subcommand has it) and
 * --no-cache off for nothing: restic's cache lives under `cacheDir`.
 */
export function resticCall(
  repo: RepoAccess,
  args: string[],
  { cacheDir, tofuFile, json = true, reach }: {
    cacheDir: string;
    tofuFile: string;
    json?: boolean;
    /** How this run reaches the repository (reach.ts): proxy, options, ssh's address. */
    reach?: Reach;
  },
): ResticCall {
  // restic starts with this environment only (run.ts clears the server's): nothing of the
  // server's own (AWS_* credentials and endpoints, proxies, RESTIC_*) changes where it goes or
  // what it sends. HOME is the cache folder, so no ~/.aws or ~/.mc file of root's is read.
  const env: Record<string, string> = {
    PATH: Deno.env.get("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: cacheDir,
    ...reach?.env,
    RESTIC_PASSWORD: repo.password,
    RESTIC_CACHE_DIR: cacheDir,
    // Never ask on a terminal: restic reads the password from the environment only.
    RESTIC_PASSWORD_FILE: "",
    RESTIC_PASSWORD_COMMAND: "",
  };
  if (repo.kind === "s3") {
    env.AWS_ACCESS_KEY_ID = repo.accessKeyId ?? "";
    env.AWS_SECRET_ACCESS_KEY = repo.secretKey ?? "";
  }
  const options = repo.kind === "sftp"
    ? ["-o", `sftp.command=${sftpCommand(repo, tofuFile, reach?.sshAddress ?? null)}`]
    : [...reach?.options ?? []];
  return {
    program: resticProgram(),
    args: ["-r", repositoryArg(repo), ...options, ...(json ? ["--json"] : []), ...args],
    env,
  };
}

/** forget's --keep-* flags from a keep policy (rules at 0 left out). */
export function keepArgs(keep: { last: number; daily: number; weekly: number; monthly: number }) {
  const out: string[] = [];
  for (const [rule, n] of Object.entries(keep)) {
    if (n > 0) out.push(`--keep-${rule}`, String(n));
  }
  return out;
}
