// The VM's serial console: xterm.js over the /api/vms/:id/serial WebSocket.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { connectSerial, type LinkState, type SerialLink } from "./serial/link.ts";
import { openTerminal, type SerialTerminal } from "./serial/terminal.ts";
import { Button } from "../components/kit/Button.tsx";
import { t, tKey } from "../shared/i18n/t.ts";

interface Props {
  id: string;
  name: string;
  [key: string]: unknown;
}

const STATUS: Record<LinkState["phase"], string> = {
  connecting: tKey("Connecting…"),
  open: tKey("Connected"),
  closed: tKey("Disconnected"),
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
    openTerminal(screen.current!).then((term) => {
      if (cancelled) return term.dispose();
      terminal.current = term;
      term.onInput((bytes) => link.current?.send(bytes));
      term.onResize(({ cols, rows }) => link.current?.resize(cols, rows));
      ready.value = true;
    }).catch((err) => {
      state.value = {
        phase: "closed",
        message: t("Could not load the terminal: {{error}}", { error: err.message }),
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
    const term = terminal.current!;
    let wasOpen = false;
    const l = connectSerial({
      id,
      force: attempt.value.force,
      onOutput: (bytes) => term.write(bytes),
      onState: (s) => {
        state.value = s;
        if (s.phase === "open") {
          wasOpen = true;
          term.note(
            t("connected to {{name}}'s serial console: press Enter for a prompt", { name }),
          );
          term.focus();
        } else if (s.phase === "closed" && wasOpen) {
          term.note(s.message);
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
      <div class="toolbar console-toolbar" role="toolbar" aria-label={t("Console controls")}>
        <Button
          onClick={() => container.current?.requestFullscreen()}
        >
          {t("Fullscreen")}
        </Button>
        {s.phase === "closed" && (
          <Button onClick={() => retry(false)}>
            {t("Reconnect")}
          </Button>
        )}
        {s.phase === "closed" && s.takeOver && (
          <Button
            kind="warning"
            onClick={() => retry(true)}
          >
            {t("Take over")}
          </Button>
        )}
        <span class="console-status" role="status">
          {s.phase === "closed" ? s.message : t(STATUS[s.phase])}
        </span>
      </div>
      <div class="serial-screen" ref={screen} data-phase={s.phase} />
    </div>
  );
}
