// Body of the page shown when a page's data cannot be loaded (unknown VM, libvirt down) or
// when no page has the path asked for.

import { t, tKey } from "../shared/i18n/t.ts";

const TITLES: Record<number, string> = {
  403: tKey("Permission denied"),
  404: tKey("Not found"),
  409: tKey("Conflict"),
  503: tKey("libvirt unavailable"),
};

export function ErrorPage({ status, message }: { status: number; message: string }) {
  return (
    <section class="card error-page">
      <h1>{status in TITLES ? t(TITLES[status]) : t("Something went wrong")}</h1>
      <p class="error-message">{message}</p>
      <ul class="error-links">
        <li>
          <a href="/">{t("Go to the dashboard")}</a>
        </li>
        <li>
          <a href="/vms">{t("Back to virtual machines")}</a>
        </li>
      </ul>
    </section>
  );
}
