// Body of /backups: every backup, its progress, restore and delete; the off-host repositories.

import BackupsView from "../islands/BackupsView.tsx";
import ResticRepos from "../islands/ResticRepos.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";

export function BackupsPage() {
  return (
    <>
      <h1>{t("Backups")}</h1>
      <p class="lead">
        {t(
          "Full and incremental backups made with libvirt's backup API into the backup storage pool.",
        )}
      </p>
      <Island name="BackupsView" component={BackupsView} props={{}} />
      <Island name="ResticRepos" component={ResticRepos} props={{}} />
    </>
  );
}
