// A VM create, clone or restore whose define did not answer plainly — past its deadline
// (LIBVIRT_TIMEOUT), or with the connection lost under it: what is undone, and when (create.ts,
// clone.ts and the two restores call undoMake). libvirtd may still carry the define out after the
// call's deadline, and may have saved it before a connection broke.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { type LateOutcome, lateOutcomeOf } from "../../ffi/libvirt/lane.ts";
import { ErrorCode, isConnectionLost, LibvirtError } from "../../ffi/libvirt/error.ts";
import { withoutUnsupportedFlag } from "../errors.ts";
import { UNDEFINE_ALL, UNDEFINE_OPTIONAL } from "./domains.ts";

/** How long an undo waits for libvirtd to be back before it leaves everything as it is. */
const RECONNECT_WAIT_MS = 5 * 60_000;

/**
 * The define answered LIBVIRT_TIMEOUT, but libvirtd may still carry it out (a define queued
 * behind a slow one, a daemon frozen for a while). Deleting the disk now would leave a VM
 * without it once the define lands, and the retry would find the name taken. So the undo waits
 * for libvirt's answer, in the background: a define that landed is undefined again, then the
 * disk and filters go, and the user's "failed" stays true: nothing is left. When the answer can
 * never be known (the connection was lost or replaced), the undo waits for libvirtd to be back
 * and looks the VM up by name: the disks go only when libvirt says there is no such VM; a VM
 * found, or no clear answer, leaves everything whole, disk and all.
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
    } else if (outcome.error === null || isConnectionLost(outcome.error)) {
      if (!await surelyAbsent(client, name)) {
        console.error(
          `Creating VM ${name}: its define's outcome is unknown (libvirtd went away); ` +
            "its disks are kept in case it was saved",
        );
        return;
      }
    }
    await undo();
  })().catch((err) => {
    console.error(`Creating VM ${name}: cleaning up after the define's timeout failed: ${err}`);
  });
}

/** True only when libvirt, back within RECONNECT_WAIT_MS, says it has no VM `name`. */
async function surelyAbsent(client: LibvirtClient, name: string): Promise<boolean> {
  const end = Date.now() + RECONNECT_WAIT_MS;
  while (!client.state.connected) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
  return await client.call("domainXml", name, 0).then(
    () => false,
    (err) => err instanceof LibvirtError && err.code === ErrorCode.NO_DOMAIN,
  );
}

/**
 * The catch of a make that ends in a define (`name`'s): `undo` (deleting the disks made, …) at
 * once, or, when the define itself answered LIBVIRT_TIMEOUT or lost its connection
 * (`defining`), once libvirt's answer, or libvirt back, tells whether it landed
 * (undoAfterLateDefine).
 */
export async function undoMake(
  client: LibvirtClient,
  err: unknown,
  { defining, name }: { defining: boolean; name: string },
  undo: () => Promise<void>,
): Promise<void> {
  const late = defining ? lateOutcomeOf(err) ?? lostOutcome(err) : null;
  if (late) undoAfterLateDefine(client, late, name, undo);
  else await undo();
}

/** A define that failed because the connection went: its outcome is unknown. */
function lostOutcome(err: unknown): Promise<LateOutcome> | null {
  for (let e = err, depth = 0; e && depth < 5; depth++) {
    if (e instanceof LibvirtError) {
      return isConnectionLost(e) ? Promise.resolve({ ok: false, error: null }) : null;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
