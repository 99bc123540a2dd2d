// /access: API tokens and role assignments, for admins.

import AccessSettings from "../../islands/AccessSettings.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import { PageHead } from "./_page_head.tsx";
import type { PageKit } from "../page_kit.tsx";

function AccessPage() {
  return (
    <>
      <PageHead title={t("Access")}>
        {t(
          "Who may do what: admins change everything, operators also power and open the VMs they are allowed, viewers only read.",
        )}
      </PageHead>
      <Island name="AccessSettings" component={AccessSettings} props={{}} />
    </>
  );
}

export default function (page: PageKit) {
  page.page(
    "/access",
    "Access page: API tokens and role assignments",
    (c) =>
      page.render(c, <AccessPage />, {
        title: t("Access"),
        active: "access",
        styles: ["/static/access.css"],
      }),
    "admin",
  );
}
