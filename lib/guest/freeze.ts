// Freezing and thawing a guest's filesystems through the QEMU agent (guest-fsfreeze-*), as
// backups do around their start so the disks hold a consistent state.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";

/** Freezes or thaws; returns how many filesystems. `id` as the caller gave it, for the error. */
export async function freezeOrThaw(
  client: LibvirtClient,
  uuid: string,
  id: string,
  what: "freeze" | "thaw",
): Promise<number> {
  try {
    return await client.callAgent(what === "freeze" ? "guestFsFreeze" : "guestFsThaw", uuid);
  } catch (err) {
    throw fromLibvirt(err, {
      id,
      failed: what === "freeze"
        ? t("Failed to freeze the guest's filesystems")
        : t("Failed to thaw the guest's filesystems"),
    });
  }
}
