// One `virsh` that stays connected and takes command after command on its standard input, for the
// tests' many small looks at libvirt (a state, a UUID, an XML). A `virsh` process per look cost
// about 57 ms of CPU on CI's 2-core machine, for its start and its new connection to libvirtd;
// a run made some 4,500 of them.
//
// virsh reads one command a line and answers each as it would as a process of its own: the same
// stdout, the same words on stderr. Around each command this writes two `echo`s with a marker of
// its own, one to stderr and one to stdout, so the answer ends where the marker is. virsh echoes
// each line it reads after its prompt ("virsh # LINE"), which is where the answer starts.
// What virsh reports as an error is not taken from here: virsh_server.ts runs that command again
// as a process of its own, whose exit status and words are the ones a test sees.

export interface VirshAnswer {
  /** False when virsh printed an `error:` line for the command. */
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Commands that read the terminal or wait for events: never through the shared shell. */
const OWN_PROCESS =
  /^(console|edit|.*-edit|event|qemu-monitor-event|secret-set-value|vol-upload|vol-download)$/;

/** Whether `args` can go through a shell: one line, and no command that reads stdin. */
export function fitsShell(args: string[]): boolean {
  return args.length > 0 && !OWN_PROCESS.test(args[0]) && args.every((a) => !/[\n\r]/.test(a));
}

/** An argument as virsh's command parser reads it back: single-quoted, `'` as '\''. */
export function quoteArg(arg: string): string {
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

const PROMPT = "virsh # ";

export class VirshShell {
  #child: Deno.ChildProcess;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #out = "";
  #err = "";
  #outWaiters: (() => void)[] = [];
  #ended = false;
  #n = 0;
  busy = false;

  constructor(uri: string) {
    this.#child = new Deno.Command("virsh", {
      args: ["-c", uri],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.#writer = this.#child.stdin.getWriter();
    this.#pump(this.#child.stdout, (s) => this.#out += s);
    this.#pump(this.#child.stderr, (s) => this.#err += s);
    this.#child.status.then(() => {
      this.#ended = true;
      this.#wake();
    });
  }

  get ended(): boolean {
    return this.#ended;
  }

  async #pump(stream: ReadableStream<Uint8Array>, add: (s: string) => void) {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      add(decoder.decode(chunk, { stream: true }));
      this.#wake();
    }
  }

  #wake() {
    const waiters = this.#outWaiters;
    this.#outWaiters = [];
    for (const w of waiters) w();
  }

  async #until(found: () => boolean): Promise<void> {
    while (!found()) {
      if (this.#ended) throw new Error("virsh ended");
      await new Promise<void>((r) => this.#outWaiters.push(r));
    }
  }

  /** Runs one command; one at a time (callers check `busy`). */
  async run(args: string[]): Promise<VirshAnswer> {
    if (!fitsShell(args)) throw new Error(`not for the shell: ${args[0]}`);
    this.busy = true;
    try {
      const marker = `KVMM-VIRSH-${Deno.pid}-${++this.#n}`;
      const line = args.map(quoteArg).join(" ");
      await this.#writer.write(
        new TextEncoder().encode(`${line}\necho --err ${marker}\necho ${marker}\n`),
      );
      const begin = `${PROMPT}${line}\n`;
      const end = `${PROMPT}echo --err ${marker}\n`;
      const done = `${PROMPT}echo ${marker}\n${marker}\n`;
      const errEnd = `error: ${marker}\n`;
      await this.#until(() => this.#out.includes(done) && this.#err.includes(errEnd));
      const start = this.#out.indexOf(begin);
      const stop = this.#out.indexOf(end);
      if (start < 0 || stop < start) {
        throw new Error(`virsh's shell answered in an unknown form: ${JSON.stringify(this.#out)}`);
      }
      const stdout = this.#out.slice(start + begin.length, stop);
      this.#out = this.#out.slice(this.#out.indexOf(done) + done.length);
      const errAt = this.#err.indexOf(errEnd);
      const stderr = this.#err.slice(0, errAt);
      this.#err = this.#err.slice(errAt + errEnd.length);
      return { ok: !/^error:/m.test(stderr), stdout, stderr };
    } finally {
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    await this.#writer.close().catch(() => {});
    try {
      this.#child.kill("SIGTERM");
    } catch {
      // Already gone.
    }
    await this.#child.status;
  }
}
