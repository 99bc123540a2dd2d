// /access: API tokens and role assignments, for admins.

import AccessSettings from "../../islands/AccessSettings.tsx";
import { Island } from "../../components/Island.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";

export default function (page: PageKit) {
  page.page(
    "/access",
    "Access page: API tokens and role assignments",
    (c) =>
      page.render(c, <Island name="AccessSettings" component={AccessSettings} props={{}} />, {
        title: t("Access"),
        head: {
          lead: t(
            "Who may do what: admins change everything, operators also power and open the VMs they are allowed, viewers only read.",
          ),
        },
        active: "access",
        styles: ["/static/access.css"],
      }),
    "admin",
  );
}
