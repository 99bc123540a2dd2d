// An outside command's standard input and output, the same way for every feature that runs one
// (the firewall's tools, Pacemaker's, ssh to a cluster node or a remote host): its input written
// whole and closed, its output read back as text.

/** What a finished command gave back, as text. */
export interface TextOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Writes `text` to a spawned command's standard input (`stdin: "piped"`) and closes it. A command
 * that exits without reading all of it must not leave the write hanging, nor fail the run: what it
 * says then is in its output.
 */
export async function writeInput(child: Deno.ChildProcess, text: string): Promise<void> {
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(text)).catch(() => {});
  await writer.close().catch(() => {});
}

/** A finished command's exit code and its two outputs, decoded as UTF-8. */
export function textOutput(out: Deno.CommandOutput): TextOutput {
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}
