// Ties a console's socket to its holder's access (lib/auth/open_consoles.ts): when the holder may
// no longer power the VM (role or grant changed, token revoked, signed out, session expired), the
// socket closes with 4003 and its own close handler lets the display go.

import type { Context } from "hono";
import { ACCESS_WITHDRAWN, type OpenConsoles } from "../../lib/auth/open_consoles.ts";
import { t } from "../../shared/i18n/t.ts";
// For its ContextVariableMap entry: c.get("callerNow").
import type {} from "../middleware/auth.ts";

export function closeOnWithdrawal(
  consoles: OpenConsoles,
  c: Context,
  vmId: string,
  socket: WebSocket,
): void {
  const untrack = consoles.add({
    vmId,
    holderNow: c.get("callerNow"),
    close: () => {
      try {
        if (socket.readyState <= WebSocket.OPEN) {
          socket.close(ACCESS_WITHDRAWN, t("Access to this console was withdrawn"));
        }
      } catch { /* closed meanwhile */ }
    },
    ended: () => socket.readyState >= WebSocket.CLOSING,
  });
  socket.addEventListener("close", untrack);
}
