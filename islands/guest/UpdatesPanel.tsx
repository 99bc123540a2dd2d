// Pending package updates in the guest (GET …/guest/updates): read-only, as the guest's package
// manager last refreshed its lists; read when the panel opens and on Refresh.

import type { GuestUpdates, PendingUpdateRow } from "../../shared/guest.ts";
import { getGuestUpdates } from "./api.ts";
import { useGuestRead } from "./use_guest_read.ts";
import { Button } from "../../components/kit/Button.tsx";
import { DASH } from "../../components/kit/cells.tsx";
import { type Column, DataTable } from "../../components/kit/table/DataTable.tsx";
import { t } from "../../shared/i18n/t.ts";

const COLUMNS = (): Column<PendingUpdateRow>[] => [
  { id: "name", header: t("Package"), cell: (u) => u.name, sortValue: (u) => u.name },
  {
    id: "current",
    header: t("Installed"),
    cell: (u) => u.currentVersion ?? DASH,
    hideOnSmall: true,
  },
  { id: "new", header: t("Available"), cell: (u) => u.newVersion },
];

export function UpdatesPanel({ vmId, disabled }: { vmId: string; disabled: boolean }) {
  const { value: updates, error, busy, load } = useGuestRead<GuestUpdates>(
    vmId,
    () => getGuestUpdates(vmId),
  );

  const u = updates.value;
  return (
    <div class="guest-part" aria-busy={busy.value}>
      <div class="card-head">
        <h3 id="guest-updates-title">
          {u ? t("Pending updates ({{count}})", { count: u.count }) : t("Pending updates")}
        </h3>
        <Button small disabled={disabled || busy.value} busy={busy.value} onClick={load}>
          {t("Refresh updates")}
        </Button>
      </div>
      {error.value && <p class="notice notice-error" role="alert">{error.value}</p>}
      {!u && !error.value && <p class="muted">{t("Asking the guest…")}</p>}
      {u && (
        <>
          <p class="form-hint">
            {t(
              "From {{manager}}, as of its last refresh of the package lists; nothing is installed from here.",
              { manager: u.manager },
            )}
            {u.updates.length < u.count &&
              ` ${t("The first {{shown}} are listed.", { shown: u.updates.length })}`}
          </p>
          <DataTable
            label={t("Pending updates")}
            rows={u.updates}
            rowKey={(p) => p.name}
            columns={COLUMNS()}
            empty={t("No updates are pending.")}
          />
        </>
      )}
    </div>
  );
}
