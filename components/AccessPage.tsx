// Body of /access (admins only): API tokens and the roles of host accounts.

import AccessSettings from "../islands/AccessSettings.tsx";
import { Island } from "./Island.tsx";
import { t } from "../shared/i18n/t.ts";

export function AccessPage() {
  return (
    <>
      <h1>{t("Access")}</h1>
      <p class="lead">
        {t(
          "Who may do what: admins change everything, operators also power and open the VMs they are allowed, viewers only read.",
        )}
      </p>
      <Island name="AccessSettings" component={AccessSettings} props={{}} />
    </>
  );
}
