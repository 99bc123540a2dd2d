// The guest's clock through the QEMU agent (guest-get-time / guest-set-time): read beside the
// host's, and set to the host's after a pause or a restore left it behind.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { fromLibvirt } from "../errors.ts";
import type { GuestClock } from "../../shared/guest.ts";
import { t } from "../../shared/i18n/t.ts";

/** The guest's clock beside the host's; `id` as the caller gave it, for the error. */
export async function guestClock(
  client: LibvirtClient,
  uuid: string,
  id: string,
): Promise<GuestClock> {
  try {
    const before = Date.now();
    const guest = await client.callAgent("guestTime", uuid);
    // The host's time half way through the round trip, so the offset is not the trip's length.
    const host = Math.round((before + Date.now()) / 2);
    return {
      guestTime: new Date(guest).toISOString(),
      hostTime: new Date(host).toISOString(),
      offsetMs: guest - host,
    };
  } catch (err) {
    throw fromLibvirt(err, { id, failed: t("Failed to read the guest's clock") });
  }
}

/** Sets the guest's clock to the host's, then reads it back. */
export async function setGuestClock(
  client: LibvirtClient,
  uuid: string,
  id: string,
): Promise<GuestClock> {
  try {
    await client.callAgent("guestSetTime", uuid, Date.now());
  } catch (err) {
    throw fromLibvirt(err, { id, failed: t("Failed to set the guest's clock") });
  }
  return await guestClock(client, uuid, id);
}
