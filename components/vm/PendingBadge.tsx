// "Changes pending": a running VM whose definition differs from what runs (the list row and the
// VM's header); outlined, so it never reads as a state of its own.

import { t } from "../../shared/i18n/t.ts";

/** `title`: what waits, when known ("vCPUs: 2 → 4"); else a general word on what it means. */
export function PendingBadge({ title }: { title?: string }) {
  return (
    <span
      class="badge badge-pending"
      title={title ??
        t("Settings changed while the VM runs apply when it is next shut down and started")}
    >
      {t("Changes pending")}
    </span>
  );
}
