// Body of the page shown when a page's data cannot be loaded (unknown VM, libvirt down) or
// when no page has the path asked for.

import { t, tKey } from "../shared/i18n/t.ts";

const TITLES: Record<number, string> = {
  403: tKey("Permission denied"),
  404: tKey("Not found"),
  409: tKey("Conflict"),
  503: tKey("libvirt unavailable"),
};

/**
 * The message without a phrase said twice in a row: our "Storage pool not found: " before
 * libvirt's own "Storage pool not found: no storage pool with matching name 'x'" reads once.
 */
export function withoutRepeats(message: string): string {
  const parts = message.split(": ");
  return parts.filter((part, i) => i === 0 || part.toLowerCase() !== parts[i - 1].toLowerCase())
    .join(": ");
}

export function ErrorPage({ status, message }: { status: number; message: string }) {
  return (
    <section class="card error-page">
      <h1>{status in TITLES ? t(TITLES[status]) : t("Something went wrong")}</h1>
      <p class="error-message">{withoutRepeats(message)}</p>
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
