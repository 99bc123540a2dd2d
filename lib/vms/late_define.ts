// A VM create, clone or restore whose define answered LIBVIRT_TIMEOUT: what is undone, and when
// (create.ts, clone.ts and the two restores call it). libvirtd may still carry the define out after
// the call's deadline.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { type LateOutcome, lateOutcomeOf } from "../../ffi/libvirt/lane.ts";
import { withoutUnsupportedFlag } from "../errors.ts";
import { UNDEFINE_ALL, UNDEFINE_OPTIONAL } from "./domains.ts";

/**
 * The define answered LIBVIRT_TIMEOUT, but libvirtd may still carry it out (a define queued
 * behind a slow one, a daemon frozen for a while). Deleting the disk now would leave a VM
 * without it once the define lands, and the retry would find the name taken. So the undo waits
 * for libvirt's answer, in the background: a define that landed is undefined again, then the
 * disk and filters go, and the user's "failed" stays true: nothing is left. When the answer can
 * never come (the connection was replaced), a VM found by its name is left whole, disk and all.
 */
export function undoAfterLateDefine(
  client: LibvirtClient,
  late: Promise<LateOutcome>,
  name: string,
  undo: () => Promise<void>,
): void {
  (async () => {
    const outcome = await late;
    if (outcome.ok) {
      const { uuid } = outcome.value as { uuid: string };
      await withoutUnsupportedFlag(
        (flags) => client.call("domainUndefine", uuid, flags),
        UNDEFINE_ALL,
        UNDEFINE_OPTIONAL,
      );
    } else if (outcome.error === null) {
      const found = await client.call("domainXml", name, 0).then(() => true, () => false);
      if (found) return;
    }
    await undo();
  })().catch((err) => {
    console.error(`Creating VM ${name}: cleaning up after the define's timeout failed: ${err}`);
  });
}

/**
 * The catch of a make that ends in a define (`name`'s): `undo` (deleting the disks made, …) at
 * once, or, when the define itself answered LIBVIRT_TIMEOUT (`defining`), once libvirt's answer
 * tells whether it landed (undoAfterLateDefine).
 */
export async function undoMake(
  client: LibvirtClient,
  err: unknown,
  { defining, name }: { defining: boolean; name: string },
  undo: () => Promise<void>,
): Promise<void> {
  const late = defining ? lateOutcomeOf(err) : null;
  if (late) undoAfterLateDefine(client, late, name, undo);
  else await undo();
}
