// Snapshots that take their VM's turn: create, revert and delete run under the app's per-VM
// lock (lib/vms/lock.ts), so they never interleave with a start, a delete or a backup's start.

import type { VmLock } from "../vms/lock.ts";
import { SnapshotService } from "./service.ts";

/** Snapshots whose create, revert and delete take their VM's turn (vmLock). */
export class LockedSnapshots extends SnapshotService {
  constructor(deps: ConstructorParameters<typeof SnapshotService>[0], readonly lock: VmLock) {
    super(deps);
  }
  override create(vmId: string, input: unknown) {
    return this.lock(vmId, () => super.create(vmId, input));
  }
  override revert(vmId: string, name: string) {
    return this.lock(vmId, () => super.revert(vmId, name));
  }
  override delete(vmId: string, name: string, opts?: { children?: boolean }) {
    return this.lock(vmId, () => super.delete(vmId, name, opts));
  }
}
