// Browser calls to a VM's snapshot API.

import type { SnapshotInfo, SnapshotList } from "../../shared/snapshots.ts";
import type { VmState } from "../../shared/vms.ts";
import { vmSnapshotPath, vmSnapshotRevertPath, vmSnapshotsPath } from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

/** What the create form sends; empty fields are left out so the server's defaults apply. */
export interface SnapshotDraft {
  name: string;
  description: string;
}

export const listSnapshots = (vmId: string) => request<SnapshotList>("GET", vmSnapshotsPath(vmId));

export const createSnapshot = (vmId: string, { name, description }: SnapshotDraft) =>
  request<SnapshotInfo>("POST", vmSnapshotsPath(vmId), {
    ...(name.trim() ? { name: name.trim() } : {}),
    ...(description.trim() ? { description } : {}),
  });

export const revertSnapshot = (vmId: string, name: string) =>
  request<{ state: VmState }>("POST", vmSnapshotRevertPath(vmId, name));

export const deleteSnapshot = (vmId: string, name: string, children: boolean) =>
  request<{ deleted: string[] }>(
    "DELETE",
    `${vmSnapshotPath(vmId, name)}${children ? "?children=true" : ""}`,
  );
