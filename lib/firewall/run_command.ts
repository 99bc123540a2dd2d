// Running an outside command and capturing its output: the type the firewall backends take
// (tests pass their own) and the real runner on Deno.Command.

/** What a finished command gave back. */
export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `binary` with `args` (no shell) and waits for it. Throws Deno.errors.NotFound when
 * the binary does not exist, as Deno.Command does.
 */
export type CommandRunner = (binary: string, args: readonly string[]) => Promise<CommandOutput>;

/** Runs a command with Deno.Command, capturing its output as text. */
export const runCommand: CommandRunner = async (binary, args) => {
  const out = await new Deno.Command(binary, {
    args: [...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    // iptables' own messages are English anyway; keep any libc ones (strerror) English too.
    env: { LC_ALL: "C" },
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
};
