// /backups: every VM's backups, and the restic repositories.

import BackupsView from "../../islands/BackupsView.tsx";
import ResticRepos from "../../islands/ResticRepos.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";

export default function (page: PageKit) {
  page.page("/backups", "Backups page", (c) => {
    const body = (
      <>
        <Island name="BackupsView" component={BackupsView} props={{}} />
        <Island name="ResticRepos" component={ResticRepos} props={{}} />
      </>
    );
    return page.render(c, body, {
      title: t("Backups"),
      head: {
        lead: t(
          "Full and incremental backups made with libvirt's backup API into the backup storage pool.",
        ),
      },
      active: "backups",
    });
  });
}
