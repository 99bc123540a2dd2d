// Pending package updates in the guest (GET …/guest/updates): read-only, as the guest's package
// manager last refreshed its lists; read when the panel opens and on Refresh.

import type { GuestUpdates, PendingUpdateRow } from "../../shared/guest.ts";
import { getGuestUpdates } from "./api.ts";
import { useGuestRead } from "./use_guest_read.ts";
import { GuestPart } from "./GuestPart.tsx";
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
  const read = useGuestRead<GuestUpdates>(vmId, () => getGuestUpdates(vmId));
  const count = read.value.value?.count;
  return (
    <GuestPart
      read={read}
      heading={
        <h3 id="guest-updates-title">
          {count === undefined ? t("Pending updates") : t("Pending updates ({{count}})", { count })}
        </h3>
      }
      refreshLabel={t("Refresh updates")}
      disabled={disabled}
    >
      {(u) => (
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
    </GuestPart>
  );
}
