// `kvm-manager top` for real: the client in a pseudo-terminal made by script(1), against a real
// server on a private test-driver node (tests/support/cli.ts), its output fed to a headless
// xterm so the tests read the screen a person would see. The terminal's mode (`stty -g`) is
// recorded before and after the client to prove it is left as it was found.

import xtermHeadless from "@xterm/headless";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { assertExit, type Cli, DENO_DIR, MAIN, withCli } from "./support/cli.ts";
import type { TestDomainSpec } from "./support/test_node.ts";
import { bundleServer } from "../scripts/bundle_server.ts";
import { PtyClient } from "./support/pty_client.ts";
import { Exposition } from "../lib/metrics/prometheus.ts";

/** The client in a terminal of `cols` × `rows`, its screen kept by a headless xterm. */
class TopTerminal {
  readonly #pty: PtyClient;
  readonly #term: InstanceType<typeof xtermHeadless.Terminal>;
  #written = Promise.resolve();

  constructor(
    readonly dir: string,
    clientArgs: string[],
    readonly cols: number,
    readonly rows: number,
    home: string,
    program = MAIN,
  ) {
    this.#term = new xtermHeadless.Terminal({ cols, rows, allowProposedApi: true });
    this.#pty = new PtyClient(dir, [Deno.execPath(), "run", "-A", program, "top", ...clientArgs], {
      setup: `stty cols ${cols} rows ${rows}; `,
      env: { TERM: "xterm-256color", HOME: home, DENO_DIR },
      onText: (text) =>
        this.#written = this.#written.then(() =>
          new Promise<void>((r) => this.#term.write(text, r))
        ),
    });
  }

  /** Everything the client wrote, escape sequences included. */
  get raw(): string {
    return this.#pty.text;
  }

  get exited(): Promise<void> {
    return this.#pty.exited;
  }

  /** The screen as text, one string per row, trailing blanks cut. */
  async screen(): Promise<string[]> {
    await this.#written;
    const buffer = this.#term.buffer.active;
    return Array.from(
      { length: this.rows },
      (_, i) => buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? "",
    );
  }

  /** Which of xterm's two screens shows: the alternate one while a full-screen program runs. */
  get bufferType(): string {
    return this.#term.buffer.active.type;
  }

  type(text: string): Promise<void> {
    return this.#pty.type(text);
  }

  /** Waits until `test` holds for the screen (failing after `ms`); returns that screen. */
  async waitForScreen(
    what: string,
    test: (lines: string[]) => boolean,
    ms = 20_000,
  ): Promise<{ lines: string[] }> {
    const started = performance.now();
    let ended = false;
    this.exited.then(() => ended = true);
    while (true) {
      const lines = await this.screen();
      if (test(lines)) return { lines };
      if (ended || performance.now() - started > ms) {
        const why = ended ? "the client ended" : `${ms} ms passed`;
        throw new Error(
          `${why} before ${what}; the screen was:\n${lines.join("\n")}\nlast output: ${
            JSON.stringify(this.raw.slice(-300))
          }`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The client's exit status and whether the terminal's mode is as it was before. */
  result(ms = 20_000): Promise<{ exit: number; restored: boolean }> {
    return this.#pty.result(ms, async () => `screen:\n${(await this.screen()).join("\n")}`);
  }

  dispose() {
    this.#term.dispose();
  }
}

async function openTop(t: Cli, cols: number, rows: number, extra: string[] = []) {
  const dir = await Deno.makeTempDir({ dir: t.home });
  const args = ["--url", t.server.url, "--token", t.admin, ...extra];
  return new TopTerminal(dir, args, cols, rows, t.home);
}

/** How many `GET /api/vms` the server has answered (the client's list reads; events are not). */
function listReads(t: Cli): number {
  const out = new Exposition();
  t.server.ctx.monitoring.requests.addTo(out);
  const lines = out.toString().matchAll(
    /^kvmm_http_requests_total\{method="GET",route="\/api\/vms",status="\d+"\} (\d+)$/gm,
  );
  return [...lines].reduce((n, [, count]) => n + Number(count), 0);
}

/** The screen row that starts with the VM `name`. */
const rowOf = (lines: string[], name: string) => lines.find((l) => l.startsWith(`${name} `));
const has = (lines: string[], text: string) => lines.some((l) => l.includes(text));

/** Asserts the client left the terminal as it found it: the normal screen, cursor, mode. */
function assertLeftTidy(term: TopTerminal, result: { exit: number; restored: boolean }) {
  assertEquals(result.exit, 0, term.raw.slice(-400));
  assert(result.restored, "terminal mode (stty -g) unchanged after top");
  assertEquals(term.bufferType, "normal", "the alternate screen was left");
  assert(
    term.raw.lastIndexOf("\x1b[?25h") > term.raw.lastIndexOf("\x1b[?25l"),
    "the cursor is shown again",
  );
}

Deno.test("cli top - renders, sorts, filters, follows an event, starts a VM, quits tidy", async () => {
  await withCli(async (t) => {
    // --interval 60: nothing is polled again during the test, so the state change below can
    // only have come through the event stream.
    const term = await openTop(t, 100, 30, ["--interval", "60"]);
    try {
      const first = await term.waitForScreen(
        "the host line, the VMs and live events",
        (l) => has(l, " live ") && ["web", "db", "cache"].every((n) => rowOf(l, n)),
      );
      assertMatch(first.lines[0], /^vm · Test driver \(demo\) · CPU .* of \d+ threads · memory /);
      assertMatch(first.lines[1], /^3 VMs: /);
      assertMatch(first.lines[2], /^NAME▲ +STATE +ADDRESS +CPU% +MEM +DISK R\/W +NET RX\/TX$/);
      assertEquals(
        first.lines.slice(3, 6).map((l) => l.split(" ")[0]),
        ["cache", "db", "web"],
      );
      assertMatch(rowOf(first.lines, "web")!, /^web +running .* 1G/);
      assertMatch(first.lines.at(-2)!, /\? help/);

      // 4: MEM, the largest first; again: the smallest first.
      await term.type("4");
      await term.waitForScreen(
        "sorted by memory",
        (l) => l[2].includes("MEM▼") && l[3].startsWith("db ") && l[5].startsWith("cache "),
      );
      await term.type("4");
      await term.waitForScreen(
        "memory reversed",
        (l) => l[2].includes("MEM▲") && l[3].startsWith("cache "),
      );
      await term.type("1");
      await term.waitForScreen(
        "by name again",
        (l) => l[2].startsWith("NAME▲") && l[3].startsWith("cache "),
      );

      await term.type("/ca");
      const filtering = await term.waitForScreen(
        "the filter as typed",
        (l) => has(l, "Filter: ca") && !rowOf(l, "web") && !!rowOf(l, "cache"),
      );
      assertEquals(filtering.lines.filter((l) => /^(web|db|cache) /.test(l)).length, 1);
      await term.type("\r");
      await term.waitForScreen("the filter kept", (l) => has(l, 'filter "ca": 1 of 3'));
      await term.type("\x1b");
      await term.waitForScreen(
        "the filter cleared",
        (l) => ["web", "db", "cache"].every((n) => rowOf(l, n)),
      );

      // A state change made elsewhere shows through the event stream: the client read no list
      // between the stop and the screen showing it (a state change asks for none).
      const reads = listReads(t);
      assert(reads >= 1, "the client's first list read is counted");
      const stopped = await t.api("POST", "/api/vms/web/force-stop");
      assertEquals(stopped.status, 200, JSON.stringify(stopped.body));
      await term.waitForScreen(
        "web stopped on screen",
        (l) => /^web +stopped /.test(rowOf(l, "web") ?? ""),
        5_000,
      );
      assertEquals(listReads(t), reads, "no list was read: the event brought the change");

      // Select web (the last by name), start it: asked first, then done through the API.
      await term.type("G");
      await term.type("s");
      await term.waitForScreen("the confirmation", (l) => has(l, "Start web? y to confirm"));
      await term.type("y");
      await term.waitForScreen(
        "web running again",
        (l) => /^web +running /.test(rowOf(l, "web") ?? ""),
      );
      assertEquals(await t.state("web"), "running");

      // A refusal in the API's words stays on screen: the shut-off "db" cannot be shut down.
      await term.type("g"); // cache (paused)
      await term.type("j"); // db (shut off)
      await term.type("d");
      await term.waitForScreen("the refusal", (l) => has(l, "db: VM is not running"));

      await term.type("?");
      await term.waitForScreen("the help", (l) => l[0] === "kvm-manager top: keys");
      await term.type(" ");
      await term.waitForScreen("back from help", (l) => !!rowOf(l, "web"));

      await term.type("q");
      assertLeftTidy(term, await term.result());
    } finally {
      term.dispose();
    }
  });
});

const FORTY: TestDomainSpec[] = Array.from({ length: 40 }, (_, i) => ({
  name: `vm${String(i).padStart(2, "0")}`,
  runstate: i % 3 === 0 ? 5 : 1,
  vcpus: 1,
  memoryMb: 256 + i,
}));

Deno.test("cli top - fits 80×24 with more VMs than rows, scrolls to the last, Ctrl+C leaves tidy", async () => {
  await withCli(async (t) => {
    const term = await openTop(t, 80, 24);
    try {
      // The whole first screen, footer included: a screen read mid-draw has rows but no footer
      // yet (ci52).
      const { lines } = await term.waitForScreen(
        "the first screen",
        (l) => !!rowOf(l, "vm00") && /\? help/.test(l[23] ?? ""),
      );
      assertMatch(lines[0], /· Test driver \(demo\) · CPU/);
      assertMatch(lines[1], /^40 VMs: 26 running, 14 stopped/);
      assertMatch(lines[2], /^NAME▲ +STATE +CPU% +MEM +DISK R\/W +NET RX\/TX$/);
      assert(!lines[2].includes("ADDRESS"), "no ADDRESS column under 100 columns");
      assertMatch(lines[23], /\? help/, `the footer on the last row:\n${lines.join("\n")}`);
      assertEquals(lines.filter((l) => /^vm\d\d /.test(l)).length, 20);
      await term.type("G");
      const end = await term.waitForScreen("scrolled to the last VM", (l) => !!rowOf(l, "vm39"));
      assert(!rowOf(end.lines, "vm00"), "the first VM scrolled away");
      assertMatch(end.lines[0], /· Test driver \(demo\) · CPU/, "the host line stays on top");
      await term.type("\x03");
      assertLeftTidy(term, await term.result());
    } finally {
      term.dispose();
    }
  }, { domains: FORTY });
});

Deno.test("cli top - a console refused comes back to the screen with the reason", async () => {
  await withCli(async (t) => {
    const term = await openTop(t, 100, 30);
    try {
      await term.waitForScreen("the VMs", (l) => !!rowOf(l, "web"));
      await term.type("G"); // web, running; the test driver has no serial console to open
      await term.type("c");
      await term.waitForScreen(
        "the confirmation",
        (l) => has(l, "Open the serial console of web?"),
      );
      await term.type("y");
      const back = await term.waitForScreen(
        "back on the screen with the refusal",
        (l) => has(l, "web: ") && !!rowOf(l, "db"),
      );
      assertMatch(back.lines.find((l) => l.startsWith("web: "))!, /^web: \S/);
      assertMatch(term.raw, /Back to kvm-manager top…/);
      await term.type("q");
      assertLeftTidy(term, await term.result());
    } finally {
      term.dispose();
    }
  });
});

Deno.test("cli top - refused before it takes the terminal: no terminal, a bad interval, a wrong token", async () => {
  await withCli(async (t) => {
    const piped = await t.run(["top"], { stdin: "" });
    assertExit(piped, 2, "top without a terminal");
    assertMatch(piped.stderr, /top needs a terminal; in scripts use kvm-manager vm list --json/);
    const interval = await t.run(["top", "--interval", "0"]);
    assertExit(interval, 2, "top --interval 0");
    assertMatch(
      interval.stderr,
      /--interval must be a whole number of seconds from 1 to 60, not "0"/,
    );

    const dir = await Deno.makeTempDir({ dir: t.home });
    const term = new TopTerminal(
      dir,
      ["--url", t.server.url, "--token", "kvmm_wrong"],
      80,
      24,
      t.home,
    );
    try {
      const result = await term.result();
      assertEquals(result.exit, 4, term.raw);
      assert(result.restored, "terminal mode unchanged");
      assert(!term.raw.includes("\x1b[?1049h"), "the alternate screen was never entered");
      assertMatch(term.raw, /kvm-manager: .*token/i);
    } finally {
      term.dispose();
    }
  });
});

Deno.test("cli top - the bundled program (dist/server.js) draws the screen from its own bundle", async () => {
  await withCli(async (t) => {
    const out = await Deno.makeTempDir({ dir: t.home });
    const bundle = await bundleServer({ outDir: out, force: true, quiet: true });
    const dir = await Deno.makeTempDir({ dir: t.home });
    const args = ["--url", t.server.url, "--token", t.admin];
    const term = new TopTerminal(dir, args, 80, 24, t.home, bundle);
    try {
      await term.waitForScreen("the VMs", (l) => ["web", "db", "cache"].every((n) => rowOf(l, n)));
      await term.type("q");
      assertLeftTidy(term, await term.result());
    } finally {
      term.dispose();
    }
  });
});
