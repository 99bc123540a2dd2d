// Ties a console's socket to its holder's access (lib/auth/open_channels.ts): when the holder may
// no longer power the VM (role or grant changed, token revoked, signed out, session expired), the
// socket closes with 4003 and its own close handler lets the display go. Typing in the console
// is the user's activity: a check after input keeps the session's idle time fresh, as a request
// would; a console left alone lets it expire.

import type { Context } from "hono";
import { ACCESS_WITHDRAWN, type OpenChannels } from "../../lib/auth/open_channels.ts";
import { mayPower } from "../../lib/auth/permissions.ts";
import { t } from "../../shared/i18n/t.ts";
// For its ContextVariableMap entry: c.get("callerNow").
import type {} from "../middleware/auth.ts";

export function closeOnWithdrawal(
  channels: OpenChannels,
  c: Context,
  vmId: string,
  socket: WebSocket,
): void {
  const callerNow = c.get("callerNow");
  let typed = false;
  socket.addEventListener("message", () => typed = true);
  const untrack = channels.add({
    holderNow: () => {
      const touch = typed;
      typed = false;
      return callerNow({ touch });
    },
    allows: (holder) => mayPower(holder, vmId),
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
