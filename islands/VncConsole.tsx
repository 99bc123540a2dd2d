// The VM's graphical console: noVNC over the /api/vms/:id/vnc WebSocket relay.

import { withHost } from "../components/client/host.ts";
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { ApiRequestError, request } from "../components/client/api.ts";
import { vmConsoleTicketPath, vmVncPath, vmVncStatusPath } from "../shared/api_paths.ts";
import { Button } from "../components/kit/Button.tsx";
import { ReconnectButton, whyNoDisplay } from "./console/display_status.tsx";
import { SendKeyMenu } from "./console/SendKeyMenu.tsx";
import { ClipboardPanel, type ClipboardRfb } from "./console/ClipboardPanel.tsx";
import { useFitHeight } from "./console/fit_height.ts";
import { t } from "../shared/i18n/t.ts";

/** The part of noVNC's RFB class we use (the package ships no types). */
interface Rfb extends ClipboardRfb {
  scaleViewport: boolean;
  resizeSession: boolean;
  sendCredentials(credentials: { password: string }): void;
  disconnect(): void;
  focus(): void;
}
type RfbClass = new (target: HTMLElement, url: string, options?: object) => Rfb;

interface Props {
  id: string;
  name: string;
  [key: string]: unknown;
}

export default function VncConsole({ id, name }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const screen = useRef<HTMLDivElement>(null);
  const rfb = useRef<Rfb | null>(null);
  const status = useSignal(t("Connecting…"));
  const connected = useSignal(false);
  const scale = useSignal(true);
  const attempt = useSignal(0);
  const clipboardOpen = useSignal(false);
  /** The connection in use, for the clipboard panel (rfb.current does not re-render). */
  const session = useSignal<Rfb | null>(null);
  // The screen fills the window's height below the toolbar (and the clipboard panel, when open).
  useFitHeight(screen, [clipboardOpen.value]);

  useEffect(() => {
    let cancelled = false;
    // noVNC probes the browser at import time (document, window, top-level await), so it can
    // only be loaded in the browser, never during server rendering.
    // A fresh single-use ticket per connection: the WebSocket URL opens this VM once, for us.
    Promise.all([
      import("@novnc/novnc"),
      request<{ ticket: string }>("POST", vmConsoleTicketPath(id)),
    ]).then(([mod, { ticket }]) => {
      if (cancelled || !screen.current) return;
      const RFB = mod.default as unknown as RfbClass;
      const scheme = location.protocol === "https:" ? "wss:" : "ws:";
      const url = `${scheme}//${location.host}${
        withHost(`${vmVncPath(id)}?ticket=${encodeURIComponent(ticket)}`)
      }`;
      const r = new RFB(screen.current, url, { shared: true });
      r.scaleViewport = scale.value;
      r.addEventListener("connect", () => {
        status.value = t("Connected");
        connected.value = true;
        r.focus();
      });
      r.addEventListener("disconnect", (e) => {
        connected.value = false;
        if ((e as CustomEvent<{ clean: boolean }>).detail.clean) {
          status.value = t("Disconnected");
          return;
        }
        status.value = t("Connection lost");
        // The WebSocket cannot carry the server's refusal: ask it why, in its words.
        whyNoDisplay(vmVncStatusPath(id)).then((why) => {
          if (why && !cancelled && !connected.value) status.value = why;
        });
      });
      r.addEventListener("credentialsrequired", () => {
        const password = prompt(t("VNC password for {{name}}", { name }));
        if (password === null) r.disconnect();
        else r.sendCredentials({ password });
      });
      r.addEventListener("securityfailure", (e) => {
        // noVNC's reason, as it says it.
        const reason = (e as CustomEvent<{ reason?: string }>).detail.reason;
        status.value = t("Authentication failed: {{reason}}", {
          reason: reason ?? t("unknown reason"),
        });
      });
      rfb.current = r;
      session.value = r;
    }).catch((err) => {
      status.value = err instanceof ApiRequestError
        ? err.message
        : t("Could not load the VNC client: {{error}}", { error: err.message });
    });
    return () => {
      cancelled = true;
      rfb.current?.disconnect();
      rfb.current = null;
      session.value = null;
    };
  }, [id, attempt.value]);

  const toggleScale = () => {
    scale.value = !scale.value;
    if (rfb.current) rfb.current.scaleViewport = scale.value;
  };

  return (
    <div class="console" ref={container}>
      <div class="toolbar console-toolbar" role="toolbar" aria-label={t("Console controls")}>
        <SendKeyMenu id={id} onResult={(message) => status.value = message} />
        <Button
          aria-expanded={clipboardOpen.value}
          onClick={() => clipboardOpen.value = !clipboardOpen.value}
        >
          {t("Clipboard")}
        </Button>
        <Button
          onClick={() => container.current?.requestFullscreen()}
        >
          {t("Fullscreen")}
        </Button>
        <Button aria-pressed={scale.value} onClick={toggleScale}>
          {t("Scale to fit")}
        </Button>
        <ReconnectButton connected={connected} status={status} attempt={attempt} />
        <span class="console-status" role="status">{status.value}</span>
      </div>
      {
        /* Kept mounted while closed: guest text that arrives meanwhile is there when it opens. */
      }
      <div hidden={!clipboardOpen.value}>
        <ClipboardPanel
          rfb={session.value}
          connected={connected.value}
          onResult={(message) => status.value = message}
        />
      </div>
      <div id="vnc-screen" class="vnc-screen" ref={screen} />
    </div>
  );
}
