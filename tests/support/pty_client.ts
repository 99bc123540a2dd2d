// The command-line client in a pseudo-terminal of its own, made by script(1): a shell line runs
// `setup`, records the terminal's mode (`stty -g`) before and after the client, and prints the
// client's exit status, so a test can prove the client left the terminal as it found it.

import { within } from "./guest.ts";

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

export class PtyClient {
  /** Everything the terminal showed, escape sequences included. */
  text = "";
  /** Settles once the client and the shell line ended and every byte was handed on. */
  readonly exited: Promise<void>;
  #writer: WritableStreamDefaultWriter<Uint8Array>;

  /**
   * Runs `argv` in `dir` (which gets the before/after mode files); `onText` sees each piece of
   * output as it comes, and `exited` waits for what it returns.
   */
  constructor(
    readonly dir: string,
    argv: string[],
    { setup = "", env = {}, onText }: {
      setup?: string;
      env?: Record<string, string>;
      onText?: (text: string) => void | Promise<void>;
    } = {},
  ) {
    const client = argv.map(quote).join(" ");
    const line = `${setup}stty -g > ${dir}/before; ${client}; echo "CLI-EXIT=$?"; ` +
      `stty -g > ${dir}/after`;
    const child = new Deno.Command("script", {
      args: ["-qfec", line, "/dev/null"],
      env: { SHELL: "/bin/sh", TERM: "xterm", ...env },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.#writer = child.stdin.getWriter();
    const dec = new TextDecoder();
    this.exited = (async () => {
      let handed: void | Promise<void> = undefined;
      for await (const chunk of child.stdout) {
        const text = dec.decode(chunk, { stream: true });
        this.text += text;
        handed = onText?.(text);
      }
      await child.status;
      await handed;
    })();
  }

  async type(bytes: string | Uint8Array): Promise<void> {
    await this.#writer.write(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes);
  }

  /** The client's exit status and whether the terminal's mode is as it was before. */
  async result(
    ms: number,
    what: () => string | Promise<string>,
  ): Promise<{ exit: number; restored: boolean; before: string }> {
    await within(this.exited, ms, `the client to exit; got: ${await what()}`);
    await this.#writer.close().catch(() => {});
    const exit = Number(/CLI-EXIT=(\d+)/.exec(this.text)?.[1] ?? -1);
    const before = await Deno.readTextFile(`${this.dir}/before`);
    const after = await Deno.readTextFile(`${this.dir}/after`);
    return { exit, restored: before.trim() === after.trim() && before.trim() !== "", before };
  }
}
