// The guest agent as a backup's quiescer (lib/backups/service.ts Quiescer): freeze the guest's
// filesystems when its agent can, and thaw them without giving up easily.

import type { Quiescer } from "./service.ts";
import type { GuestService } from "../guest/service.ts";

export function guestQuiescer(
  guest: Pick<GuestService, "canFreeze" | "fsFreeze" | "thawSurely">,
): Quiescer {
  return {
    freeze: async (id) => await guest.canFreeze(id) ? await guest.fsFreeze(id) : null,
    thaw: (id) => guest.thawSurely(id),
  };
}
