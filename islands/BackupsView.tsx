// /backups: every VM's backups in a table per VM, with live progress, restore, delete and
// cancel, and where backups go (from the settings).

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { BackupSettings } from "../shared/backups.ts";
import { errorMessage } from "../components/client/api.ts";
import { getBackupSettings } from "./backups/api.ts";
import { BackupPanel } from "./backups/BackupPanel.tsx";
import { byVm } from "./backups/format.ts";
import { useBackups } from "./backups/use_backups.ts";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { t } from "../shared/i18n/t.ts";

export default function BackupsView(_props: Record<string, unknown>) {
  const hydrated = useHydrated();
  const settings = useSignal<BackupSettings | null>(null);
  const settingsError = useSignal<string | null>(null);
  const { backups, loadError, reload } = useBackups();
  useEffect(() => {
    getBackupSettings().then((s) => settings.value = s).catch((err) =>
      settingsError.value = errorMessage(err)
    );
  }, []);

  const list = backups.value;
  const s = settings.value;
  return (
    <div>
      {s && (
        <p class="lead" data-backup-pool={s.pool ?? ""}>
          {s.pool
            ? t(
              "Backups go to storage pool {{pool}}; each VM keeps its newest {{keep}} unless a backup says otherwise.",
              { pool: s.pool, keep: s.defaultKeep },
            )
            : t("Choose a backup storage pool in Settings first.")}{" "}
          <a class="needs-admin" href="/settings">{t("Settings")}</a>
        </p>
      )}
      {settingsError.value && <p class="notice notice-error" role="alert">{settingsError.value}</p>}
      {loadError.value && <p class="notice notice-error" role="alert">{loadError.value}</p>}
      {list?.length === 0 && (
        <section class="card">
          <p class="muted">
            {t("No backups yet. Back up a VM from its page, or schedule backups.")}
          </p>
        </section>
      )}
      {list === null && <p class="muted">{t("Loading backups…")}</p>}
      {list && byVm(list).map(([vmName, rows]) => (
        <section
          key={vmName}
          class="card"
          aria-labelledby={`vm-backups-${vmName}`}
          data-vm={vmName}
        >
          <div class="card-head">
            <h2 id={`vm-backups-${vmName}`}>{vmName}</h2>
            <a href={`/vms/${encodeURIComponent(rows[0].vmId)}`}>{t("VM page")}</a>
          </div>
          <BackupPanel
            backups={rows}
            all={list}
            empty=""
            busy={!hydrated.value}
            onChanged={reload}
          />
        </section>
      ))}
    </div>
  );
}
