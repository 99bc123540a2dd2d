// Running an outside command and capturing its output: the type the firewall backends take
// (tests pass their own) and the real runner on Deno.Command.

/** What a finished command gave back. */
export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `binary` with `args` (no shell) and waits for it; `input`, when given, is its standard
 * input (nft reads a whole transaction from it). Throws Deno.errors.NotFound when the binary does
 * not exist, as Deno.Command does.
 */
export type CommandRunner = (
  binary: string,
  args: readonly string[],
  input?: string,
) => Promise<CommandOutput>;

/** Runs a command with Deno.Command, capturing its output as text. */
export const runCommand: CommandRunner = async (binary, args, input) => {
  const child = new Deno.Command(binary, {
    args: [...args],
    stdin: input === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    // iptables' and nft's own messages are English anyway; keep libc's (strerror) English too.
    env: { LC_ALL: "C" },
  }).spawn();
  if (input !== undefined) {
    const writer = child.stdin.getWriter();
    // A command that exits without reading all of it must not leave this write hanging.
    await writer.write(new TextEncoder().encode(input)).catch(() => {});
    await writer.close().catch(() => {});
  }
  const out = await child.output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
};
