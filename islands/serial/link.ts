// The serial page's connection: a fresh console ticket, then the WebSocket of
// /api/vms/:id/serial. A browser never learns why a handshake was refused, so after one the
// page asks the same endpoint with ?probe=1 and shows the API's own words.

import { vmConsoleTicketPath, vmSerialPath } from "../../shared/api_paths.ts";
import { ApiRequestError, request } from "../../components/client/api.ts";
import { withHost } from "../../components/client/host.ts";
import { t } from "../../shared/i18n/t.ts";

/** Where the connection stands, as the page shows it. */
export type LinkState =
  | { phase: "connecting" }
  | { phase: "open" }
  /** `takeOver`: another client holds (or took) the console; offer to take it (back). */
  | { phase: "closed"; message: string; takeOver: boolean };

export interface SerialLink {
  /** Types bytes into the console (dropped unless open). */
  send(bytes: Uint8Array): void;
  /** Tells the server the terminal's size (it has no use for it on a serial line). */
  resize(cols: number, rows: number): void;
  close(): void;
}

/** The WebSocket close codes the server uses (routes/api/serial.ts). */
export const CLOSE_TAKEN_OVER = 4001;

/** The ws(s):// URL of the console socket. */
export function socketUrl(
  id: string,
  ticket: string,
  force: boolean,
  loc: { protocol: string; host: string } = location,
): string {
  const scheme = loc.protocol === "https:" ? "wss:" : "ws:";
  const query = `ticket=${encodeURIComponent(ticket)}${force ? "&force=1" : ""}`;
  return `${scheme}//${loc.host}${withHost(`${vmSerialPath(id)}?${query}`)}`;
}

/** What the page says after the socket closed with `code` and `reason`. */
export function closedState(code: number, reason: string): LinkState {
  if (code === CLOSE_TAKEN_OVER) {
    return {
      phase: "closed",
      message: reason || t("Another client took over the console"),
      takeOver: true,
    };
  }
  if (code === 1000) {
    return {
      phase: "closed",
      message: reason
        ? t("Disconnected: {{reason}}", { reason })
        : t("Disconnected: console closed"),
      takeOver: false,
    };
  }
  return {
    phase: "closed",
    message: reason ? t("Connection lost: {{reason}}", { reason }) : t("Connection lost"),
    takeOver: false,
  };
}

/** The page's words for a refusal of the API (busy offers a take-over). */
export function refusedState(err: unknown): LinkState {
  if (err instanceof ApiRequestError) {
    return { phase: "closed", message: err.message, takeOver: err.code === "CONSOLE_BUSY" };
  }
  return {
    phase: "closed",
    message: t("Cannot open the console: {{error}}", { error: String(err) }),
    takeOver: false,
  };
}

/**
 * Connects to VM `id`'s serial console (`force`: take it over). `onState` hears each change;
 * `onOutput` gets the guest's bytes.
 */
export function connectSerial({ id, force, onOutput, onState }: {
  id: string;
  force: boolean;
  onOutput(bytes: Uint8Array): void;
  onState(state: LinkState): void;
}): SerialLink {
  let ws: WebSocket | null = null;
  let stopped = false;
  const ticket = () =>
    request<{ ticket: string }>("POST", vmConsoleTicketPath(id))
      .then((t) => t.ticket);
  const report = (state: LinkState) => {
    if (!stopped) onState(state);
  };

  /** Why the handshake failed, in the API's words; a trial that would open says nothing. */
  const explain = async () => {
    try {
      const path = `${vmSerialPath(id)}?probe=1&ticket=`;
      await request("GET", path + encodeURIComponent(await ticket()));
      report({
        phase: "closed",
        message: t("Could not connect to the serial console"),
        takeOver: false,
      });
    } catch (err) {
      report(refusedState(err));
    }
  };

  report({ phase: "connecting" });
  ticket().then((t) => {
    if (stopped) return;
    const socket = ws = new WebSocket(socketUrl(id, t, force));
    socket.binaryType = "arraybuffer";
    let opened = false;
    socket.onopen = () => {
      opened = true;
      report({ phase: "open" });
    };
    socket.onmessage = (e) => {
      onOutput(
        typeof e.data === "string" ? new TextEncoder().encode(e.data) : new Uint8Array(e.data),
      );
    };
    socket.onclose = (e) => {
      if (stopped) return;
      if (opened) report(closedState(e.code, e.reason));
      else explain();
    };
  }).catch((err) => report(refusedState(err)));

  return {
    send(bytes) {
      if (ws?.readyState === WebSocket.OPEN) ws.send(bytes);
    },
    resize(cols, rows) {
      if (ws?.readyState === WebSocket.OPEN) {
        ws.send(JSON.stringify({ type: "resize", cols, rows }));
      }
    },
    close() {
      stopped = true;
      ws?.close();
    },
  };
}
