// The VM's serial console: xterm.js over the /api/vms/:id/serial WebSocket.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { connectSerial, type LinkState, type SerialLink } from "./serial/link.ts";
import { openTerminal, type SerialTerminal } from "./serial/terminal.ts";
import { Button } from "../components/kit/Button.tsx";

interface Props {
  id: string;
  name: string;
  [key: string]: unknown;
}

const STATUS: Record<LinkState["phase"], string> = {
  connecting: "Connecting…",
  open: "Connected",
  closed: "Disconnected",
};

export default function SerialConsole({ id, name }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const screen = useRef<HTMLDivElement>(null);
  const terminal = useRef<SerialTerminal | null>(null);
  const link = useRef<SerialLink | null>(null);
  const ready = useSignal(false);
  const state = useSignal<LinkState>({ phase: "connecting" });
  /** Each connection attempt; `force` takes the console over. */
  const attempt = useSignal({ n: 0, force: false });

  useEffect(() => {
    let cancelled = false;
    openTerminal(screen.current!).then((t) => {
      if (cancelled) return t.dispose();
      terminal.current = t;
      t.onInput((bytes) => link.current?.send(bytes));
      t.onResize(({ cols, rows }) => link.current?.resize(cols, rows));
      ready.value = true;
    }).catch((err) => {
      state.value = {
        phase: "closed",
        message: `Could not load the terminal: ${err.message}`,
        takeOver: false,
      };
    });
    return () => {
      cancelled = true;
      terminal.current?.dispose();
      terminal.current = null;
    };
  }, []);

  useEffect(() => {
    if (!ready.value) return;
    const t = terminal.current!;
    let wasOpen = false;
    const l = connectSerial({
      id,
      force: attempt.value.force,
      onOutput: (bytes) => t.write(bytes),
      onState: (s) => {
        state.value = s;
        if (s.phase === "open") {
          wasOpen = true;
          t.note(`connected to ${name}'s serial console: press Enter for a prompt`);
          t.focus();
        } else if (s.phase === "closed" && wasOpen) {
          t.note(s.message);
        }
      },
    });
    link.current = l;
    return () => {
      l.close();
      if (link.current === l) link.current = null;
    };
  }, [id, ready.value, attempt.value]);

  const retry = (force: boolean) => attempt.value = { n: attempt.value.n + 1, force };
  const s = state.value;
  return (
    <div class="console serial-console" ref={container}>
      <div class="toolbar console-toolbar" role="toolbar" aria-label="Console controls">
        <Button
          onClick={() => container.current?.requestFullscreen()}
        >
          Fullscreen
        </Button>
        {s.phase === "closed" && (
          <Button onClick={() => retry(false)}>
            Reconnect
          </Button>
        )}
        {s.phase === "closed" && s.takeOver && (
          <Button
            kind="warning"
            onClick={() => retry(true)}
          >
            Take over
          </Button>
        )}
        <span class="console-status" role="status">
          {s.phase === "closed" ? s.message : STATUS[s.phase]}
        </span>
      </div>
      <div class="serial-screen" ref={screen} data-phase={s.phase} />
    </div>
  );
}
