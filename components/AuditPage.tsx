// Body of /audit: every change made through KVM Manager, by whom and how it ended.

import AuditLog from "../islands/AuditLog.tsx";
import { Island } from "./Island.tsx";
import { formatNumber } from "../shared/i18n/format.ts";
import { t } from "../shared/i18n/t.ts";

export function AuditPage() {
  return (
    <>
      <h1>{t("Audit log")}</h1>
      <p class="lead">
        {t(
          "Every change made through KVM Manager — by whom, signed in how, on what, and how it ended — including refused attempts, sign-ins and console opens. The newest {{number}} entries are kept.",
          { number: formatNumber(100_000) },
        )}
      </p>
      <Island name="AuditLog" component={AuditLog} props={{}} />
    </>
  );
}
