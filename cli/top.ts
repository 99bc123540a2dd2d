// `kvm-manager top`: a live terminal screen of one host's VMs over the API and its event stream
// (cli/top/). The screen's code is loaded only when this command runs, so neither the server
// nor the other commands carry the terminal library.

import { whoAmIPath } from "../shared/api_paths.ts";
import { GLOBAL_HELP, runCommand } from "./command.ts";
import { CliError, EXIT, usageError } from "./errors.ts";
import { err } from "./output.ts";
import { KEY_HELP, type TopState } from "./top/model.ts";
import { topScreenUrl } from "./top/screen_url.ts";

export const TOP_USAGE = `Usage: kvm-manager top [--interval SECONDS] [options]

A live screen of the host's VMs: state, CPU %, memory, disk and network rates, with the host's
CPU and memory above. States change as the server's events arrive; the figures are re-read
every --interval seconds (1–60, default 2). Needs a terminal of at least 80×24.

Keys:
${KEY_HELP.map(([keys, what]) => `  ${keys.padEnd(10)} ${what}`).join("\n")}

${GLOBAL_HELP}`;

const OPTIONS = { interval: { type: "string" } } as const;

/** The refresh interval in ms from --interval, refused in words when it is no whole 1–60. */
export function intervalMs(value: string | boolean | undefined): number {
  if (value === undefined) return 2000;
  const seconds = Number(value);
  if (typeof value !== "string" || !/^\d+$/.test(value) || seconds < 1 || seconds > 60) {
    throw usageError(`--interval must be a whole number of seconds from 1 to 60, not "${value}"`);
  }
  return seconds * 1000;
}

/** `kvm-manager top …`. */
export function topCommand(args: string[]): Promise<number> {
  return runCommand(args, { options: OPTIONS, usage: TOP_USAGE }, async (ctx) => {
    if (ctx.positionals.length) {
      throw usageError(`unexpected "${ctx.positionals[0]}": see top --help`);
    }
    const interval = intervalMs(ctx.values.interval);
    if (!Deno.stdin.isTerminal() || !Deno.stdout.isTerminal()) {
      throw new CliError(
        EXIT.USAGE,
        "NOT_A_TERMINAL",
        "top needs a terminal; in scripts use kvm-manager vm list --json",
      );
    }
    const api = await ctx.connect();
    if (api.settings.host === "all") {
      throw usageError('top shows one host at a time: give --host ID, not "all"');
    }
    // Checked before the screen takes the terminal, so a wrong token is said plainly.
    await api.call("GET", whoAmIPath());
    // The screen by a URL the bundler does not follow (top/screen_url.ts says why).
    const [{ TopController }, { showScreen }, { openConsole }] = await Promise.all([
      import("./top/controller.ts"),
      import(topScreenUrl(import.meta.url).href) as Promise<typeof import("./top/app.ts")>,
      import("./console.ts"),
    ]);
    let state: TopState | undefined;
    while (true) {
      const controller = new TopController(api, interval, state);
      controller.start();
      const end = await showScreen(controller);
      controller.stop();
      if (end.type === "quit") return EXIT.OK;
      state = { ...controller.state, message: null };
      try {
        await openConsole(api, end.vm.id);
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        state = { ...state, message: `${end.vm.name}: ${e.message}` };
      }
      err("\r\nBack to kvm-manager top…\r\n");
    }
  });
}
