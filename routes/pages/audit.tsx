// /audit: the audit log, for admins.

import AuditLog from "../../islands/AuditLog.tsx";
import { Island } from "../../components/Island.tsx";
import { formatNumber } from "../../shared/i18n/format.ts";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";

export default function (page: PageKit) {
  page.page(
    "/audit",
    "Audit log page",
    (c) =>
      page.render(c, <Island name="AuditLog" component={AuditLog} props={{}} />, {
        title: t("Audit log"),
        head: {
          lead: t(
            "Every change made through KVM Manager — by whom, signed in how, on what, and how it ended — including refused attempts, sign-ins and console opens. The newest {{number}} entries are kept.",
            { number: formatNumber(100_000) },
          ),
        },
        active: "audit",
        styles: ["/static/audit.css"],
      }),
    "admin",
  );
}
