// Snapshots of a VM: create (with memory when running, quiesced when the guest agent answers),
// list as a tree, revert and delete. Owner: the snapshots work (issue 6).

import type { LibvirtClient } from "../../ffi/client.ts";
import type { AppEvent } from "../types.ts";

export interface SnapshotServiceDeps {
  client: LibvirtClient;
  emit: (e: AppEvent) => void;
}

export class SnapshotService {
  constructor(readonly deps: SnapshotServiceDeps) {}

  /** Creates a snapshot; `input` is validated here ({name?, description?, memory?, quiesce?}). */
  create(_vmId: string, _input: unknown): Promise<unknown> {
    return Promise.reject(new Error("snapshots: not built yet"));
  }
}
