// `kvm-manager console NAME` for real: the server on loopback over qemu:///system, a TCG test
// guest whose serial port runs a shell (tests/support/guest.ts), and the client in a pseudo-terminal made
// by script(1). Fails (never skips) without libvirtd. Only this file's guests (kvmm-test-cli-*)
// are touched.

import type { Server } from "../main.ts";
import { startRealServer } from "./support/real_server.ts";
import { PtyClient } from "./support/pty_client.ts";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineTestGuest,
  domstate,
  virsh,
  waitForGuestReady,
  within,
} from "./support/guest.ts";

const PREFIX = "kvmm-test-cli-";
const MAIN = new URL("../main.ts", import.meta.url).pathname;
const CTRL_A_T = Uint8Array.of(0x01, 0x74);

const cleanupCliGuests = () => cleanupGuestsNamed(PREFIX);

/** The client in a pseudo-terminal of its own (tests/support/pty_client.ts), its tty recorded. */
class Terminal {
  readonly #pty: PtyClient;
  #wake = () => {};

  constructor(readonly dir: string, clientArgs: string[]) {
    this.#pty = new PtyClient(dir, [Deno.execPath(), "run", "-A", MAIN, ...clientArgs], {
      setup: `tty > ${dir}/tty; `,
      onText: () => this.#wake(),
    });
    this.#pty.exited.then(() => this.#wake());
  }

  get text(): string {
    return this.#pty.text;
  }

  get exited(): Promise<void> {
    return this.#pty.exited;
  }

  type(bytes: string | Uint8Array): Promise<void> {
    return this.#pty.type(bytes);
  }

  /** Waits until `needle` appears after the text offset `from`. */
  async waitFor(needle: string, from = 0, ms = 30_000): Promise<void> {
    await within(
      (async () => {
        let done = false;
        this.exited.then(() => done = true);
        while (!this.text.slice(from).includes(needle)) {
          if (done) throw new Error("the terminal's program ended");
          await new Promise<void>((r) => this.#wake = r);
        }
      })(),
      ms,
      `"${needle}" in the terminal; got: ${JSON.stringify(this.text.slice(-400))}`,
    );
  }

  /** The terminal's mode right now (`stty -a` of its device, read from outside). */
  async mode(): Promise<string> {
    const tty = (await Deno.readTextFile(`${this.dir}/tty`)).trim();
    const out = await new Deno.Command("stty", { args: ["-a", "-F", tty], stdout: "piped" })
      .output();
    return new TextDecoder().decode(out.stdout);
  }

  /** The client's exit status and whether the terminal's mode is as it was before. */
  result(ms = 15_000): Promise<{ exit: number; restored: boolean; before: string }> {
    return this.#pty.result(ms, () => JSON.stringify(this.text));
  }
}

/** The client without a terminal (stdin a pipe kept open until closed). */
function piped(args: string[]) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  return { child, writer: child.stdin.getWriter(), output: child.output() };
}

Deno.test("cli console - a shell round trip in a raw terminal, Ctrl+a t, busy, force, VM stop", async () => {
  await assertLibvirtReachable();
  await cleanupCliGuests();
  const dataDir = await Deno.makeTempDir({ prefix: PREFIX });
  let server: Server | undefined;
  try {
    const guest = await defineTestGuest(`${PREFIX}con-${Deno.pid}`);
    server = await startRealServer(dataDir);
    const token =
      server.ctx.auth.tokens.create({ name: "cli-console", owner: "root", role: "admin" })
        .secret;
    const flags = ["--url", server.url, "--token", token];

    // A stopped VM: the API's own words, exit 1, and the terminal as it was.
    const off = new Terminal(await Deno.makeTempDir({ dir: dataDir }), [
      "console",
      guest.name,
      ...flags,
    ]);
    const offResult = await off.result();
    assertEquals(offResult.exit, 1, off.text);
    assertMatch(off.text, /kvm-manager: VM is not running \(VM_NOT_RUNNING\)/);
    assert(offResult.restored, "terminal mode unchanged after a refusal");

    await virsh("start", guest.name);
    await waitForGuestReady(guest.name);

    const term = new Terminal(await Deno.makeTempDir({ dir: dataDir }), [
      "console",
      guest.name,
      ...flags,
    ]);
    await term.waitFor(`Connected to ${guest.name} (Ctrl+a t to leave)`);
    // busybox's line editor first asks the terminal where its cursor is: a blank line and a
    // moment let it give up before the real command.
    await term.type("\r");
    await term.waitFor("# ");
    // The quotes keep the echoed command line from matching: only the shell's output has it.
    let from = term.text.length;
    await term.type('echo hel""lo-$((6*7))\r');
    await term.waitFor("hello-42", from);
    // Ctrl+a Ctrl+a is one Ctrl+a for the VM: busybox's line editor takes it as "start of
    // line", so the x typed after lands in front of "echo".
    from = term.text.length;
    await term.type('echo ab""c-$((1+1))');
    await term.type(Uint8Array.of(0x01, 0x01));
    await term.type("x\r");
    await term.waitFor("xecho: not found", from);

    // Someone else: refused while it is held (the API's words, through ?probe=1), then --force.
    const busy = piped(["console", guest.name, ...flags]);
    await busy.writer.close();
    const busyOut = await busy.output;
    assertEquals(busyOut.code, 1, new TextDecoder().decode(busyOut.stderr));
    assertEquals(
      new TextDecoder().decode(busyOut.stderr),
      "kvm-manager: Another client holds this VM's serial console; open it with force to take " +
        "it over (CONSOLE_BUSY)\n",
    );

    const forced = piped(["console", guest.name, "--force", ...flags]);
    // The first client is told and leaves with exit 1, its terminal restored.
    await term.waitFor("Another client took over the console (CONSOLE_TAKEN)");
    const taken = await term.result();
    assertEquals(taken.exit, 1, term.text);
    assert(taken.restored, "terminal mode restored after a take-over");

    // The forced one has the console; Ctrl+a t on a pipe leaves it too.
    await forced.writer.write(new TextEncoder().encode("\r"));
    await forced.writer.write(CTRL_A_T);
    const forcedOut = await within(forced.output, 15_000, "the forcing client to leave");
    assertEquals(forcedOut.code, 0, new TextDecoder().decode(forcedOut.stderr));
    assertMatch(
      new TextDecoder().decode(forcedOut.stderr),
      new RegExp(`^Connected to ${guest.name}`),
    );

    // Again in a terminal: the round trip, then Ctrl+a t leaves with exit 0 and the mode back.
    const again = new Terminal(await Deno.makeTempDir({ dir: dataDir }), [
      "console",
      guest.name,
      ...flags,
    ]);
    await again.waitFor("(Ctrl+a t to leave)");
    // Raw while connected: no line editing, no echo, no signals from keys (Ctrl+C is a byte
    // for the VM).
    const mode = await again.mode();
    for (const flag of ["-icanon", "-echo", "-isig", "-ixon", "-icrnl"]) {
      assert(mode.split(/\s+/).includes(flag), `${flag} while connected: ${mode}`);
    }
    await again.type("\r");
    from = again.text.length;
    await again.type('echo hel""lo-$((6*7))\r');
    await again.waitFor("hello-42", from);
    await again.type(CTRL_A_T);
    const left = await again.result();
    assertEquals(left.exit, 0, again.text);
    assert(left.restored, "terminal mode restored after Ctrl+a t");
    assertMatch(again.text, new RegExp(`Disconnected from ${guest.name}`));
    // Nothing after Ctrl+a reached the guest: the console is free for the next client at once.

    // The VM stopping closes the console cleanly: exit 0, mode restored.
    const last = new Terminal(await Deno.makeTempDir({ dir: dataDir }), [
      "console",
      guest.name,
      ...flags,
    ]);
    await last.waitFor("(Ctrl+a t to leave)");
    await virsh("destroy", guest.name);
    const ended = await last.result();
    assertEquals(ended.exit, 0, last.text);
    assert(ended.restored, "terminal mode restored when the VM stopped");
    assertMatch(last.text, new RegExp(`Console of ${guest.name} closed: console closed`));
    assertEquals(await domstate(guest.name), "shut off");
  } finally {
    await server?.close();
    await cleanupCliGuests();
    await Deno.remove(dataDir, { recursive: true });
  }
});
