// What every feature needs to read a VM by, below the features (issue 59: lib/'s base layer): its
// id checked before any libvirt call, its state in the API's words, and whether libvirt knows it.
// Nothing here imports a feature folder, so backups, consoles, snapshots, restic … need not reach
// into lib/vms/ for them.

import type { LibvirtClient } from "../ffi/libvirt/client.ts";
import { UUID } from "../ffi/libvirt/find_domain.ts";
import type { VmState } from "../shared/vms.ts";
import { vmNotFound } from "./errors.ts";

/** virDomainState → the API's state words. */
export function vmState(state: number): VmState {
  switch (state) {
    case 1: // RUNNING
    case 2: // BLOCKED
    case 4: // SHUTDOWN: shutting down, still running
      return "running";
    case 3:
      return "paused";
    case 6:
      return "crashed";
    case 7:
      return "suspended";
    default: // NOSTATE, SHUTOFF
      return "stopped";
  }
}

/** Rejects ids that can be neither a UUID nor a libvirt domain name, before any libvirt call. */
export function checkVmId(id: string): string {
  // deno-lint-ignore no-control-regex
  if (!UUID.test(id) && (id.length === 0 || id.length > 255 || /[\x00-\x1f/]/.test(id))) {
    throw vmNotFound(id);
  }
  return id;
}

/** True when a VM with this name or UUID exists (for "name already exists" checks). */
export async function domainExists(client: LibvirtClient, nameOrUuid: string): Promise<boolean> {
  return await client.call("domainState", nameOrUuid).then(() => true, () => false);
}
