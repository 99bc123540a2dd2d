// Import a profile file: the server previews it (name, version, what it holds, whether the name
// is taken); a taken name needs "Rename to" before the import. Refusals in the API's words.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { ImportPreview, ImportResult } from "../../shared/profiles.ts";
import { plural } from "../../components/format.ts";
import { errorMessage } from "../client/api.ts";
import { importProfile, previewImport } from "./api.ts";
import { renameSuggestion } from "./draft.ts";
import { previewCounts } from "./format.ts";

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
    <form
      class="settings-form import-form"
      noValidate
      onSubmit={submit}
      aria-label="Import profile"
    >
      <h3>Import a profile</h3>
      <div class="form-field">
        <label for="profile-import-file">Profile file</label>
        <input
          id="profile-import-file"
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          onChange={(e) => choose(e.currentTarget.files?.[0])}
        />
        <p class="form-hint">A .kvmm-profile.json file exported from KVM Manager</p>
      </div>
      {p && (
        <dl class="props import-preview" aria-label="Import preview">
          <dt>Name</dt>
          <dd>{p.name}</dd>
          {p.description && (
            <>
              <dt>Description</dt>
              <dd>{p.description}</dd>
            </>
          )}
          <dt>Version</dt>
          <dd>{p.version}</dd>
          <dt>Settings</dt>
          <dd>{plural(p.settingCount, "setting")}: {previewCounts(p)}</dd>
        </dl>
      )}
      {p?.hasNameCollision && (
        <div class="form-field">
          <p class="note note-warning" role="status">
            A profile named {p.name} already exists: import this one under another name.
          </p>
          <label for="profile-import-rename">Rename to</label>
          <input
            id="profile-import-rename"
            type="text"
            maxLength={64}
            value={renameTo.value}
            onInput={(e) => renameTo.value = e.currentTarget.value}
          />
        </div>
      )}
      {failure.value && <p class="note note-error" role="alert">{failure.value}</p>}
      <div class="form-buttons">
        <button type="button" class="button" onClick={onCancel}>Cancel</button>
        <button
          type="submit"
          class="button button-primary"
          disabled={!p || busy.value}
          aria-busy={busy.value}
        >
          Import
        </button>
      </div>
    </form>
  );
}
