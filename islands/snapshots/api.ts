// Browser calls to a VM's snapshot API.

import type { SnapshotInfo, SnapshotList } from "../../shared/snapshots.ts";
import type { VmState } from "../../shared/vms.ts";
import { request } from "../client/api.ts";

const snapshotsPath = (vmId: string) => `/api/vms/${encodeURIComponent(vmId)}/snapshots`;
const snapshotPath = (vmId: string, name: string) =>
  `${snapshotsPath(vmId)}/${encodeURIComponent(name)}`;

/** What the create form sends; empty fields are left out so the server's defaults apply. */
export interface SnapshotDraft {
  name: string;
  description: string;
}

export const listSnapshots = (vmId: string) => request<SnapshotList>("GET", snapshotsPath(vmId));

export const createSnapshot = (vmId: string, { name, description }: SnapshotDraft) =>
  request<SnapshotInfo>("POST", snapshotsPath(vmId), {
    ...(name.trim() ? { name: name.trim() } : {}),
    ...(description.trim() ? { description } : {}),
  });

export const revertSnapshot = (vmId: string, name: string) =>
  request<{ state: VmState }>("POST", `${snapshotPath(vmId, name)}/revert`);

export const deleteSnapshot = (vmId: string, name: string, children: boolean) =>
  request<{ deleted: string[] }>(
    "DELETE",
    `${snapshotPath(vmId, name)}${children ? "?children=true" : ""}`,
  );
