// Throwaway local accounts for sign-in tests: real entries in /etc/passwd, /etc/shadow and
// /etc/group made with the passwd tools, removed afterwards. Needs root; fails, never skips.

export interface HostAccount {
  user: string;
  password: string;
}

async function run(cmd: string, args: string[], input?: string): Promise<void> {
  const child = new Deno.Command(cmd, {
    args,
    stdin: input === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (input !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(input));
    await w.close();
  }
  const out = await child.output();
  if (!out.success) {
    throw new Error(`${cmd} ${args.join(" ")} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
}

/** A unique name with this prefix, short enough for useradd (32 characters). */
export function accountName(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * Creates `groups` and one account per entry of `accounts` (name → its groups) with a random
 * password, runs `fn`, then deletes them all.
 */
export async function withHostAccounts(
  groups: string[],
  accounts: Record<string, string[]>,
  fn: (made: Record<string, HostAccount>) => Promise<void>,
): Promise<void> {
  if (Deno.uid() !== 0) throw new Error("sign-in tests need root: useradd and pam_unix need it");
  const made: Record<string, HostAccount> = {};
  const madeGroups: string[] = [];
  try {
    for (const g of groups) {
      await run("groupadd", [g]);
      madeGroups.push(g);
    }
    for (const [user, inGroups] of Object.entries(accounts)) {
      await run("useradd", [
        "-M",
        "-s",
        "/usr/sbin/nologin",
        ...(inGroups.length ? ["-G", inGroups.join(",")] : []),
        user,
      ]);
      const password = `pw-${crypto.randomUUID()}`;
      made[user] = { user, password };
      await run("chpasswd", [], `${user}:${password}\n`);
    }
    await fn(made);
  } finally {
    for (const user of Object.keys(made)) await run("userdel", ["-f", user]).catch(() => {});
    for (const g of madeGroups) await run("groupdel", [g]).catch(() => {});
  }
}
