// Pending package updates in the guest (GET …/guest/updates): read-only, as the guest's package
// manager last refreshed its lists; read when the panel opens and on Refresh.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { GuestUpdates, PendingUpdateRow } from "../../shared/guest.ts";
import { errorMessage } from "../client/api.ts";
import { getGuestUpdates } from "./api.ts";
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
  const updates = useSignal<GuestUpdates | null>(null);
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  const load = async () => {
    busy.value = true;
    try {
      updates.value = await getGuestUpdates(vmId);
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  };
  useEffect(() => void load(), [vmId]);

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
