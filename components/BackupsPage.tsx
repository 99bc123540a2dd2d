// Body of /backups: every backup, its progress, restore and delete.

import BackupsView from "../islands/BackupsView.tsx";
import { Island } from "./Island.tsx";

export function BackupsPage() {
  return (
    <>
      <h1>Backups</h1>
      <p class="lead">
        Full and incremental backups made with libvirt's backup API into the backup storage pool.
      </p>
      <Island name="BackupsView" component={BackupsView} props={{}} />
    </>
  );
}
