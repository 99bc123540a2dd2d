// The VM's graphical console for a SPICE display: spice-html5 over the /api/vms/:id/spice
// WebSocket relay, one socket per SPICE channel, all opened with one console ticket.

/*! spice-html5 0.2.1 (https://gitlab.freedesktop.org/spice/spice-html5), Copyright (C) 2012
 * Jeremy P. White and the SPICE project; free software under the GNU Lesser General Public
 * License 3 or later, bundled unmodified from npm:@spice-project/spice-html5@0.2.1. Its RSA and
 * SHA-1 code: Copyright (c) 2003-2005 Tom Wu (BSD-style licence); Paul Johnston 2000-2009 (BSD). */

import { withHost } from "../components/client/host.ts";
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { ApiRequestError, errorMessage, request } from "../components/client/api.ts";
import { vmConsoleTicketPath, vmSpicePath, vmSpiceStatusPath } from "../shared/api_paths.ts";
import { Button } from "../components/kit/Button.tsx";
import { ReconnectButton, whyNoDisplay } from "./console/display_status.tsx";
import { SendKeyMenu } from "./console/SendKeyMenu.tsx";
import {
  reportChannelErrorsToMain,
  sendTicketsAtKeyLength,
  type SpiceConnection,
  type SpiceMainConnClass,
} from "./console/spice_channels.ts";
import { t } from "../shared/i18n/t.ts";

interface Props {
  id: string;
  name: string;
  [key: string]: unknown;
}

/** The element spice-html5 finds by id (it looks its screen up in the document). */
export const SPICE_SCREEN_ID = "spice-screen";

// spice-html5's words for a refused password (spiceconn.js): the server's PERMISSION_DENIED
// answer to the ticket, or its closing the main channel at that step; it has no other sign.
const PASSWORD_REFUSED = new Set([
  // deno-lint-ignore translate/untranslated-text -- spice-html5's own message, compared, not shown
  "Permission denied.",
  // deno-lint-ignore translate/untranslated-text -- spice-html5's own message, compared, not shown
  "Bad password.",
]);

export default function SpiceConsole({ id, name }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const screen = useRef<HTMLDivElement>(null);
  const status = useSignal(t("Connecting…"));
  const connected = useSignal(false);
  const attempt = useSignal(0);
  /** The SPICE password, asked for when the server refused the empty one. */
  const password = useSignal("");

  useEffect(() => {
    let cancelled = false;
    let conn: SpiceConnection | null = null;
    // spice-html5 reaches for the document and window as it runs, so it is loaded in the
    // browser only, never during server rendering. A fresh ticket per connection: its first
    // socket opens this VM's SPICE session for us, the session's other channels follow it.
    Promise.all([
      import("@spice-project/spice-html5"),
      request<{ ticket: string }>("POST", vmConsoleTicketPath(id)),
    ]).then(([mod, { ticket }]) => {
      if (cancelled || !screen.current) return;
      const SpiceMainConn = mod.SpiceMainConn as unknown as SpiceMainConnClass;
      reportChannelErrorsToMain(SpiceMainConn);
      sendTicketsAtKeyLength(SpiceMainConn);
      const scheme = location.protocol === "https:" ? "wss:" : "ws:";
      const uri = `${scheme}//${location.host}${
        withHost(`${vmSpicePath(id)}?ticket=${encodeURIComponent(ticket)}`)
      }`;
      conn = new SpiceMainConn({
        uri,
        screen_id: SPICE_SCREEN_ID,
        password: password.value,
        onsuccess: () => {
          if (cancelled) return;
          status.value = t("Connected");
          connected.value = true;
        },
        onerror: (e) => {
          // A stopped connection's other channels still report their sockets closing.
          if (cancelled || conn === null) return;
          const wasConnected = connected.value;
          connected.value = false;
          conn?.stop();
          conn = null;
          if (e instanceof Error && PASSWORD_REFUSED.has(e.message) && !wasConnected) {
            const given = prompt(t("SPICE password for {{name}}", { name }));
            if (given !== null) {
              password.value = given;
              status.value = t("Connecting…");
              attempt.value++;
              return;
            }
            status.value = t("The SPICE password was refused");
            return;
          }
          status.value = t("Connection lost");
          // The WebSocket cannot carry the server's refusal: ask it why, in its words.
          whyNoDisplay(vmSpiceStatusPath(id)).then((why) => {
            if (why && !cancelled && !connected.value) status.value = why;
          });
        },
      });
    }).catch((err) => {
      if (cancelled) return;
      status.value = err instanceof ApiRequestError
        ? err.message
        : t("Could not load the SPICE client: {{error}}", { error: errorMessage(err) });
    });
    return () => {
      cancelled = true;
      conn?.stop();
      conn = null;
      connected.value = false;
      // spice-html5 leaves its canvases behind; a reconnect draws anew.
      screen.current?.replaceChildren();
    };
  }, [id, attempt.value]);

  return (
    <div class="console spice-console" ref={container}>
      <div class="toolbar console-toolbar" role="toolbar" aria-label={t("Console controls")}>
        <SendKeyMenu id={id} onResult={(message) => status.value = message} />
        <Button onClick={() => container.current?.requestFullscreen()}>
          {t("Fullscreen")}
        </Button>
        <ReconnectButton connected={connected} status={status} attempt={attempt} />
        <span class="console-status" role="status">{status.value}</span>
      </div>
      <div class="spice-screen-frame">
        <div id={SPICE_SCREEN_ID} class="spice-screen" ref={screen} />
      </div>
    </div>
  );
}
