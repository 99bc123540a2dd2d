// /backups: every VM's backups, and the restic repositories.

import BackupsView from "../../islands/BackupsView.tsx";
import ResticRepos from "../../islands/ResticRepos.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import { PageHead } from "./_page_head.tsx";
import type { PageKit } from "../page_kit.tsx";

function BackupsPage() {
  return (
    <>
      <PageHead title={t("Backups")}>
        {t(
          "Full and incremental backups made with libvirt's backup API into the backup storage pool.",
        )}
      </PageHead>
      <Island name="BackupsView" component={BackupsView} props={{}} />
      <Island name="ResticRepos" component={ResticRepos} props={{}} />
    </>
  );
}

export default function (page: PageKit) {
  page.page(
    "/backups",
    "Backups page",
    (c) => page.render(c, <BackupsPage />, { title: t("Backups"), active: "backups" }),
  );
}
