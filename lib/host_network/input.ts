// The bodies the host network API takes, checked at the boundary. Interface names are written
// into the interfaces file and handed to ifreload, so they are held to the kernel's own rule
// (at most 15 bytes) and to characters that cannot start an option or end a line.

import { z } from "zod";
import type { IssueCodes } from "../validate.ts";
import { t } from "../../shared/i18n/t.ts";

export const HOST_NETWORK_CODES: IssueCodes = { code: "INVALID_INPUT" };

/** The rollback time when the caller names none (the issue's default), and its bounds. */
export const DEFAULT_ROLLBACK_SECONDS = 60;
export const MIN_ROLLBACK_SECONDS = 10;
export const MAX_ROLLBACK_SECONDS = 600;

const interfaceName = (what: string) =>
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/, {
    error: () =>
      t(
        "{{what}} must be 1 to 15 letters, digits, '.', '_' or '-', starting with a letter or digit",
        {
          what,
        },
      ),
  });

/** POST /api/host/network/staged/bridge: bridge this NIC for VMs. */
export const BridgeNicBody = z.strictObject({
  nic: interfaceName("nic").meta({ description: "The NIC the bridge is made over, e.g. eno1" }),
  bridge: interfaceName("bridge").meta({ description: "The new bridge's name, e.g. br0" }),
});

/** POST /api/host/network/apply. */
export const ApplyBody = z.strictObject({
  rollbackSeconds: z.number().int().min(MIN_ROLLBACK_SECONDS).max(MAX_ROLLBACK_SECONDS).optional()
    .meta({
      description:
        `Seconds until the change rolls back unless confirmed (default ${DEFAULT_ROLLBACK_SECONDS})`,
    }),
});

/** POST /api/host/network/confirm. */
export const ConfirmBody = z.strictObject({
  id: z.uuid().meta({ description: "The applied change's id, as apply answered it" }),
});
