// The xterm.js terminal of the serial page: made in the browser only (xterm needs a
// document), fitted to its box and refitted whenever the box changes size.

import { adoptRuntimeStyles } from "./adopted_styles.ts";

/** What the serial island needs from the terminal. */
export interface SerialTerminal {
  /** Shows bytes from the guest (UTF-8 split anywhere is fine). */
  write(bytes: Uint8Array): void;
  /** Calls `fn` with the bytes of each key press or paste. */
  onInput(fn: (bytes: Uint8Array) => void): void;
  /** Calls `fn` with the size after each fit. */
  onResize(fn: (size: { cols: number; rows: number }) => void): void;
  /** A dim line from us, not the guest (connected, reconnecting …). */
  note(text: string): void;
  focus(): void;
  dispose(): void;
}

const encoder = new TextEncoder();

/** Opens a terminal filling `box`. */
export async function openTerminal(box: HTMLElement): Promise<SerialTerminal> {
  adoptRuntimeStyles(box.ownerDocument);
  const [{ Terminal }, { FitAddon }] = await Promise.all([
    import("@xterm/xterm"),
    import("@xterm/addon-fit"),
  ]);
  const term = new Terminal({
    convertEol: false,
    cursorBlink: true,
    fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace",
    fontSize: 14,
    scrollback: 5000,
    theme: { background: "#000000", foreground: "#e5e5e5" },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(box);
  const refit = () => {
    try {
      fit.fit();
    } catch { /* not laid out yet */ }
  };
  refit();
  const observer = new ResizeObserver(refit);
  observer.observe(box);
  globalThis.addEventListener("resize", refit);
  return {
    write: (bytes) => term.write(bytes),
    onInput: (fn) => {
      term.onData((text) => fn(encoder.encode(text)));
      // Some mouse reports are raw bytes, one per character.
      term.onBinary((text) => fn(Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff)));
    },
    onResize: (fn) => {
      term.onResize(fn);
    },
    note: (text) => term.write(`\r\n\x1b[2m[${text}]\x1b[0m\r\n`),
    focus: () => term.focus(),
    dispose: () => {
      observer.disconnect();
      globalThis.removeEventListener("resize", refit);
      term.dispose();
    },
  };
}
