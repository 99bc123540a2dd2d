// `kvm-manager top`'s terminal screen on Ink (a well-kept React renderer for terminals: raw
// keys, redraws only what changed, the alternate screen and the terminal restored on exit).
// It only paints screen.ts's lines and hands keys to the controller.

import { Box, type Key, render, Text, useApp, useInput, useStdout } from "ink";
// @ts-types="@types/react"
import React from "react";
import type { TopController } from "./controller.ts";
import { frame, type Line, type LineStyle } from "./screen.ts";

const h = React.createElement;

/** How a screen ended: quit, or the console of a VM (the caller opens it and comes back). */
export type ScreenEnd = { type: "quit" } | { type: "console"; vm: { id: string; name: string } };

const STYLE: Record<LineStyle, Record<string, unknown>> = {
  title: { bold: true },
  header: { bold: true, inverse: true },
  selected: { inverse: true, color: "cyan" },
  dim: { dimColor: true },
  alert: { color: "yellow", bold: true },
  plain: {},
};

/** The terminal's size, following resizes. */
function useSize(): { width: number; height: number } {
  // Node's tty.WriteStream at run time; typed here only as far as this hook reads it.
  const stdout = useStdout().stdout as unknown as {
    columns?: number;
    rows?: number;
    on(event: "resize", fn: () => void): void;
    off(event: "resize", fn: () => void): void;
  };
  const read = () => ({ width: stdout.columns || 80, height: stdout.rows || 24 });
  const [size, setSize] = React.useState(read);
  React.useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on("resize", onResize);
    return () => void stdout.off("resize", onResize);
  }, [stdout]);
  return size;
}

function Top(
  { controller, onEnd }: { controller: TopController; onEnd: (end: ScreenEnd) => void },
) {
  const state = React.useSyncExternalStore(
    (fn: () => void) => controller.subscribe(fn),
    () => controller.state,
  );
  const { width, height } = useSize();
  const [now, setNow] = React.useState(() => new Date());
  const { exit } = useApp();
  React.useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  useInput((input: string, key: Key) => {
    const effect = controller.press({ ...key, input }, Math.max(1, height - 4));
    if (!effect) return;
    onEnd(effect.type === "quit" ? effect : { type: "console", vm: effect.vm });
    exit();
  });
  // One row fewer than the terminal: a full last line would scroll the screen.
  const lines: Line[] = frame(state, width, height - 1, now);
  return h(
    Box,
    { flexDirection: "column", width },
    ...lines.map((line, i) =>
      h(Text, { key: i, wrap: "truncate", ...STYLE[line.style] }, line.text || " ")
    ),
  );
}

/** Shows the screen until the user quits or asks for a console; the terminal is restored. */
export async function showScreen(controller: TopController): Promise<ScreenEnd> {
  let end: ScreenEnd = { type: "quit" };
  const app = render(h(Top, { controller, onEnd: (e: ScreenEnd) => end = e }), {
    alternateScreen: true,
    // Ink draws only a last frame when it believes it runs in CI; top is always interactive.
    interactive: true,
    // Ctrl+C comes to the keys (model.ts quits on it), so it leaves the same tidy way.
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await app.waitUntilExit();
  app.cleanup();
  return end;
}
