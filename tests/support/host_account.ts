// Throwaway local accounts for sign-in tests: real entries in /etc/passwd, /etc/shadow and
// /etc/group made with the passwd tools, removed afterwards. Needs root; fails, never skips.

export interface HostAccount {
  user: string;
  password: string;
}

const TOOL_DIRS = ["/usr/sbin", "/usr/bin", "/sbin", "/bin"];

function tool(name: string): string {
  for (const dir of TOOL_DIRS) {
    try {
      if (Deno.statSync(`${dir}/${name}`).isFile) return `${dir}/${name}`;
    } catch { /* try the next directory */ }
  }
  throw new Error(`${name} not found: these tests need Debian's passwd package`);
}

/** Runs a passwd tool, retrying while another process holds /etc/passwd's lock. */
export async function runPasswdTool(name: string, args: string[], input?: string): Promise<void> {
  for (let attempt = 0;; attempt++) {
    const child = new Deno.Command(tool(name), {
      args,
      stdin: input === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    if (input !== undefined) {
      const writer = child.stdin.getWriter();
      await writer.write(new TextEncoder().encode(input));
      await writer.close();
    }
    const out = await child.output();
    if (out.success) return;
    const err = new TextDecoder().decode(out.stderr);
    if (!/lock/i.test(err) || attempt >= 10) {
      throw new Error(`${name} ${args.join(" ")} failed: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 200));
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
      await runPasswdTool("groupadd", [g]);
      madeGroups.push(g);
    }
    for (const [user, inGroups] of Object.entries(accounts)) {
      await runPasswdTool("useradd", [
        "-M",
        "-s",
        "/usr/sbin/nologin",
        ...(inGroups.length ? ["-G", inGroups.join(",")] : []),
        user,
      ]);
      const password = `pw-${crypto.randomUUID()}`;
      made[user] = { user, password };
      await runPasswdTool("chpasswd", [], `${user}:${password}\n`);
    }
    await fn(made);
  } finally {
    for (const user of Object.keys(made)) {
      await runPasswdTool("userdel", ["-f", user]).catch(() => {});
    }
    for (const g of madeGroups) await runPasswdTool("groupdel", [g]).catch(() => {});
  }
}
