// /settings: the backup storage pool (a file-based libvirt pool) and how many backups each VM
// keeps by default.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { errorMessage } from "../components/client/api.ts";
import { getBackupSettings, saveBackupSettings, type SettingsView } from "./backups/api.ts";
import { SaveButtons, useAction } from "../components/kit/use_action.tsx";
import { SelectField } from "../components/kit/controls.tsx";
import { KeepField } from "./schedules/JobFields.tsx";
import { t } from "../shared/i18n/t.ts";

export default function BackupSettings(_props: Record<string, unknown>) {
  const view = useSignal<SettingsView | null>(null);
  const loadError = useSignal<string | null>(null);
  const pool = useSignal("");
  const keep = useSignal("7");
  const save = useAction();

  useEffect(() => {
    getBackupSettings().then((s) => {
      view.value = s;
      pool.value = s.pool ?? "";
      keep.value = String(s.defaultKeep);
    }).catch((err) => loadError.value = errorMessage(err));
  }, []);

  const submit = (e: Event) => {
    e.preventDefault();
    save.run(async () => {
      const saved = await saveBackupSettings({
        pool: pool.value || null,
        // The API's message says what is allowed; send what was typed.
        defaultKeep: keep.value.trim() === "" ? NaN : Number(keep.value),
      });
      view.value = view.value && { ...view.value, ...saved };
      return saved.pool
        ? t("Backups go to {{pool}}.", { pool: saved.pool })
        : t("No backup location chosen.");
    });
  };

  const v = view.value;
  return (
    <form class="card" noValidate onSubmit={submit} aria-labelledby="backup-settings-title">
      <h2 id="backup-settings-title">{t("Backups")}</h2>
      {loadError.value && <p class="notice notice-error" role="alert">{loadError.value}</p>}
      <div class="field-row">
        <SelectField
          id="backup-pool"
          label={t("Backup storage pool")}
          hint={t("A directory-type pool; backups are qcow2 volumes in it.")}
          disabled={!v}
          options={[
            ["", t("None chosen")],
            ...(v?.pools ?? []).map((p) =>
              [
                p.name,
                p.active
                  ? `${p.name} (${p.type})`
                  : t("{{name}} ({{type}}, inactive)", { name: p.name, type: p.type }),
              ] as const
            ),
          ]}
          value={pool.value}
          onValue={(name) => pool.value = name}
        />
        <KeepField
          prefix="backup"
          disabled={!v}
          value={keep.value}
          onValue={(text) => keep.value = text}
        />
      </div>
      <SaveButtons action={save} disabled={!v} adminOnly />
    </form>
  );
}
