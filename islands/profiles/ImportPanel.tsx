// Import a profile file: the server previews it (name, version, what it holds, whether the name
// is taken); a taken name needs "Rename to" before the import. Refusals in the API's words.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { ImportPreview, ImportResult } from "../../shared/profiles.ts";
import { errorMessage } from "../../components/client/api.ts";
import { importProfile, previewImport } from "./api.ts";
import { renameSuggestion } from "./draft.ts";
import { previewCounts } from "./format.ts";
import { InlineField } from "../../components/kit/controls.tsx";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  onImported: (result: ImportResult) => void;
  onCancel: () => void;
}

export function ImportPanel({ onImported, onCancel }: Props) {
  const text = useSignal<string | null>(null);
  const preview = useSignal<ImportPreview | null>(null);
  const renameTo = useSignal("");
  const failure = useSignal<string | null>(null);
  const busy = useSignal(false);
  const fileInput = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => fileInput.current?.focus(), []);

  const choose = async (file: File | undefined) => {
    text.value = null;
    preview.value = null;
    failure.value = null;
    if (!file) return;
    busy.value = true;
    try {
      const body = await file.text();
      const p = await previewImport(body);
      text.value = body;
      preview.value = p;
      renameTo.value = p.hasNameCollision ? renameSuggestion(p.name) : "";
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (text.value === null || !preview.value) return;
    busy.value = true;
    failure.value = null;
    try {
      const rename = preview.value.hasNameCollision ? renameTo.value.trim() : undefined;
      onImported(await importProfile(text.value, rename));
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  };

  const p = preview.value;
  return (
    <FormPanel
      label={t("Import profile")}
      title={t("Import a profile")}
      class="settings-form import-form"
      submit={{ busy, failure, onSubmit: submit }}
      submitLabel={t("Import")}
      disabled={!p}
      onCancel={onCancel}
      inCard
    >
      <div class="form-field">
        <label for="profile-import-file">{t("Profile file")}</label>
        <input
          id="profile-import-file"
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          onChange={(e) => choose(e.currentTarget.files?.[0])}
        />
        <p class="form-hint">
          {t("A {{file}} file exported from KVM Manager", { file: ".kvmm-profile.json" })}
        </p>
      </div>
      {p && (
        <dl class="props import-preview" aria-label={t("Import preview")}>
          <dt>{t("Name")}</dt>
          <dd>{p.name}</dd>
          {p.description && (
            <>
              <dt>{t("Description")}</dt>
              <dd>{p.description}</dd>
            </>
          )}
          <dt>{t("Version")}</dt>
          <dd>{p.version}</dd>
          <dt>{t("Settings")}</dt>
          <dd>
            {t("{{count}} settings: {{details}}", {
              count: p.settingCount,
              details: previewCounts(p),
            })}
          </dd>
        </dl>
      )}
      {p?.hasNameCollision && (
        <div class="form-field">
          <p class="note note-warning" role="status">
            {t("A profile named {{name}} already exists: import this one under another name.", {
              name: p.name,
            })}
          </p>
          <InlineField
            id="profile-import-rename"
            label={t("Rename to")}
            maxLength={64}
            value={renameTo.value}
            onValue={(v) => renameTo.value = v}
          />
        </div>
      )}
    </FormPanel>
  );
}
