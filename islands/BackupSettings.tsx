// /settings: the backup storage pool (a file-based libvirt pool) and how many backups each VM
// keeps by default.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { errorMessage } from "./client/api.ts";
import { getBackupSettings, saveBackupSettings, type SettingsView } from "./backups/api.ts";
import { SaveButtons, useAction } from "../components/kit/use_action.tsx";
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
        <div class="field">
          <label for="backup-pool">{t("Backup storage pool")}</label>
          <select
            id="backup-pool"
            value={pool.value}
            disabled={!v}
            onChange={(e) => pool.value = e.currentTarget.value}
          >
            <option value="">{t("None chosen")}</option>
            {v?.pools.map((p) => (
              <option key={p.name} value={p.name}>
                {p.active
                  ? `${p.name} (${p.type})`
                  : t("{{name}} ({{type}}, inactive)", { name: p.name, type: p.type })}
              </option>
            ))}
          </select>
          <p class="field-hint">
            {t("A directory-type pool; backups are qcow2 volumes in it.")}
          </p>
        </div>
        <div class="field">
          <label for="backup-keep">{t("Backups kept per VM")}</label>
          <input
            id="backup-keep"
            type="number"
            min={1}
            max={100}
            step={1}
            value={keep.value}
            disabled={!v}
            onInput={(e) => keep.value = e.currentTarget.value}
          />
        </div>
      </div>
      <SaveButtons action={save} disabled={!v} adminOnly />
    </form>
  );
}
