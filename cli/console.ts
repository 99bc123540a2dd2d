// `kvm-manager console NAME`: the VM's serial console in this terminal, over the WebSocket
// `GET /api/vms/:id/serial?ticket=T` (raw bytes both ways). Ctrl+a t leaves (escape.ts).

import { vmConsoleTicketPath, vmPath, vmSerialPath } from "../shared/api_paths.ts";
import type { Vm } from "../shared/vms.ts";
import type { ApiClient } from "./api_client.ts";
import { oneName } from "./args.ts";
import { GLOBAL_HELP, runCommand } from "./command.ts";
import { CliError, EXIT, exitForStatus } from "./errors.ts";
import { EscapeFilter } from "./escape.ts";
import { err } from "./output.ts";

export const CONSOLE_USAGE = `Usage: kvm-manager console NAME [--force] [options]

Opens the serial console of the VM NAME (its name or UUID) in this terminal, which is put in
raw mode while connected: every key goes to the VM. Ctrl+a t leaves; Ctrl+a Ctrl+a sends one
Ctrl+a. When stdin is not a terminal its bytes are sent as they come, and its end leaves.
  --force           take the console over from another client that holds it

${GLOBAL_HELP}`;

/** `kvm-manager console …`. */
export function consoleCommand(args: string[]): Promise<number> {
  const options = { force: { type: "boolean" } } as const;
  return runCommand(args, { options, usage: CONSOLE_USAGE }, async (ctx) => {
    const name = oneName(ctx.positionals, "kvm-manager console NAME [--force]");
    return await openConsole(await ctx.connect(), name, ctx.values.force === true);
  });
}

/**
 * The serial console of the VM `name` (or UUID) in this terminal until Ctrl+a t, the end of
 * stdin or the server closes it; resolves to the exit status, throws CliError when refused.
 */
export async function openConsole(api: ApiClient, name: string, force = false): Promise<number> {
  const vm = (await api.call<Vm>("GET", vmPath(name))).body;
  const path = vmSerialPath(vm.id);
  const ticket = async () =>
    (await api.call<{ ticket: string }>("POST", vmConsoleTicketPath(vm.id))).body.ticket;
  const ws = api.webSocket(path, { ticket: await ticket(), force: force ? "1" : undefined });
  const opened = await whenOpen(ws);
  if (opened !== true) throw await refusal(api, path, opened, ticket);
  return await session(ws, vm.name);
}

/** Resolves true once the socket is open, else with the error event's message. */
function whenOpen(ws: WebSocket): Promise<true | string> {
  return new Promise((resolve) => {
    ws.onopen = () => resolve(true);
    ws.onerror = (e) => resolve((e as ErrorEvent).message || "WebSocket error");
    ws.onclose = (e) => resolve(`closed (${e.code}${e.reason ? ` ${e.reason}` : ""})`);
  });
}

/**
 * The error for a handshake that failed. WebSocket's error event gives the status only; the
 * API's own `{code, message}` (VM not running, no serial console, busy) comes from asking again
 * with a fresh ticket as `?probe=1`, which runs the same checks as plain HTTP (and never takes a
 * console over).
 */
async function refusal(
  api: ApiClient,
  path: string,
  message: string,
  ticket: () => Promise<string>,
): Promise<CliError> {
  const status = Number(/Invalid status code:? (\d{3})/.exec(message)?.[1] ?? 0);
  if (!status) return api.connectError(new Error(message));
  const fallback = new CliError(
    exitForStatus(status),
    `HTTP_${status}`,
    `the server refused the console (HTTP ${status})`,
  );
  try {
    await api.call("GET", path, { query: { ticket: await ticket(), probe: "1" } });
    return fallback; // it would open now: whatever it was has passed
  } catch (err) {
    if (!(err instanceof CliError) || err.code === "UPGRADE_REQUIRED") return fallback;
    return err;
  }
}

/** Copies bytes both ways until Ctrl+a t, the end of stdin, or the server closes. */
function session(ws: WebSocket, name: string): Promise<number> {
  const tty = Deno.stdin.isTerminal();
  // Raw first: once the message shows, every key goes to the VM.
  if (tty) Deno.stdin.setRaw(true);
  err(`Connected to ${name} (Ctrl+a t to leave)\r\n`);
  return new Promise<number>((resolve) => {
    let done = false;
    let leaving = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const signals: [Deno.Signal, () => void][] = [];
    const finish = (code: number, message?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // Every way out passes here: the terminal is never left raw.
      if (tty) {
        try {
          Deno.stdin.setRaw(false);
        } catch { /* the terminal is gone */ }
      }
      for (const [signal, handler] of signals) Deno.removeSignalListener(signal, handler);
      if (message) err(`\n${message}\n`);
      resolve(code);
    };
    const leave = () => {
      if (leaving) return;
      leaving = true;
      if (ws.readyState === WebSocket.OPEN) ws.close(1000, "left");
      // The close handshake normally ends it at once; a server that does not answer must not
      // keep us here.
      timer = setTimeout(() => finish(EXIT.OK, `Disconnected from ${name}`), 1000);
    };
    for (const [signal, number] of [["SIGTERM", 15], ["SIGHUP", 1]] as const) {
      const handler = () => {
        ws.close();
        finish(128 + number);
      };
      Deno.addSignalListener(signal, handler);
      signals.push([signal, handler]);
    }

    ws.onmessage = (e) => {
      // Text frames are not console output (the server sends bytes as binary frames).
      if (typeof e.data === "string") return;
      let bytes = new Uint8Array(e.data as ArrayBuffer);
      while (bytes.length) bytes = bytes.subarray(Deno.stdout.writeSync(bytes));
    };
    ws.onerror = () => {};
    ws.onclose = (e) => {
      if (leaving) finish(EXIT.OK, `Disconnected from ${name}`);
      else if (e.code === 1000) {
        finish(EXIT.OK, `Console of ${name} closed: ${e.reason || "its stream ended"}`);
      } else if (e.code === 4001) {
        finish(
          EXIT.REFUSED,
          `kvm-manager: ${e.reason || "Another client took over the console"} (CONSOLE_TAKEN)`,
        );
      } else {
        finish(
          e.code === 1006 ? EXIT.UNREACHABLE : EXIT.REFUSED,
          `kvm-manager: the console connection ended: ${e.reason || `code ${e.code}`} ` +
            "(CONSOLE_CLOSED)",
        );
      }
    };

    (async () => {
      const filter = new EscapeFilter();
      const buf = new Uint8Array(4096);
      while (!done && !leaving) {
        let n: number | null;
        try {
          n = await Deno.stdin.read(buf);
        } catch {
          n = null;
        }
        if (n === null) return leave();
        const { send, leave: wantsOut } = filter.push(buf.subarray(0, n));
        if (send.length && ws.readyState === WebSocket.OPEN) ws.send(send);
        if (wantsOut) return leave();
      }
    })();
  });
}
