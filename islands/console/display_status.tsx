// What the VNC and SPICE consoles share: asking the server why a display cannot be reached (a
// browser never sees why a WebSocket was refused), and the Reconnect button after a close.

import type { Signal } from "@preact/signals";
import { errorMessage, request } from "../../components/client/api.ts";
import { Button } from "../../components/kit/Button.tsx";
import { t } from "../../shared/i18n/t.ts";

/** The server's words for why the display behind `statusPath` cannot be reached now; null when it can. */
export async function whyNoDisplay(statusPath: string): Promise<string | null> {
  try {
    await request("GET", statusPath);
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}

/** Reconnect, shown while not connected and not already connecting: bumps `attempt`. */
export function ReconnectButton(
  { connected, status, attempt }: {
    connected: Signal<boolean>;
    status: Signal<string>;
    attempt: Signal<number>;
  },
) {
  if (connected.value || status.value === t("Connecting…")) return null;
  return (
    <Button
      onClick={() => {
        status.value = t("Connecting…");
        attempt.value++;
      }}
    >
      {t("Reconnect")}
    </Button>
  );
}
