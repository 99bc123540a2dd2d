// The "not connected to libvirt" banner on every page: rendered by routes/layout/Layout.tsx,
// then kept live from the event stream (islands/entries/connection.ts), no reload needed.

import type { ConnectionStatus } from "../shared/host.ts";
import { noteLibvirtDown, subscribeEvents } from "../components/client/events.ts";
import { t } from "../shared/i18n/t.ts";

export const LIBVIRT_BANNER_ID = "libvirt-banner";

/** The banner's words while libvirt is unreachable; empty while connected. */
export function libvirtBannerText({ connected, uri, error }: ConnectionStatus): string {
  if (connected) return "";
  return error
    ? t("Not connected to libvirt ({{uri}}): {{error}}. Reconnecting…", { uri, error })
    : t("Not connected to libvirt ({{uri}}). Reconnecting…", { uri });
}

/** Server side: always present, hidden while connected, so the page script can show it. */
export function LibvirtBanner({ connection }: { connection: ConnectionStatus }) {
  return (
    <div
      class="banner banner-error"
      role="alert"
      id={LIBVIRT_BANNER_ID}
      hidden={connection.connected}
    >
      {libvirtBannerText(connection)}
    </div>
  );
}

/** Browser side: shows, updates and hides the banner on each connection-status-changed. */
export function watchLibvirtBanner(doc: Document = document): void {
  const banner = doc.getElementById(LIBVIRT_BANNER_ID);
  if (!banner) return;
  // Rendered while down: the page's data may be missing, so its islands re-read on return.
  if (!banner.hidden) noteLibvirtDown();
  subscribeEvents((e) => {
    if (e.type !== "connection-status-changed") return;
    banner.textContent = libvirtBannerText(e.status);
    banner.hidden = e.status.connected;
  });
}
