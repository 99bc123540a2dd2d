// Upload a file from this computer as a new volume, with a progress bar and a cancel button.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { VolumeInfo } from "../../shared/storage.ts";
import { formatBytes } from "../../shared/format.ts";
import { errorMessage } from "../../components/client/api.ts";
import { type Outcome, OutcomeNote } from "../settings/Outcome.tsx";
import { Field } from "../../components/kit/Field.tsx";
import { Card } from "../../components/kit/Card.tsx";
import { Button } from "../../components/kit/Button.tsx";
import { SubmitButton } from "../../components/kit/SubmitButton.tsx";
import { TextField } from "../../components/kit/controls.tsx";
import { type Upload, UploadCancelled, uploadVolume } from "./api.ts";
import { t } from "../../shared/i18n/t.ts";
import { bindSignal } from "../../components/kit/bind_signal.ts";

interface Props {
  pool: string;
  /** False while the pool is inactive: nothing can be written to it. */
  enabled: boolean;
  onUploaded: (volume: VolumeInfo) => void;
}

/** A file name as a volume name: characters the API refuses become "_" (see api4.md). */
export function volumeNameOf(fileName: string): string {
  return fileName.replace(/[^A-Za-z0-9._+-]/g, "_").replace(/\.\.+/g, ".").replace(/^[-.]+/, "")
    .slice(0, 255);
}

export function UploadForm({ pool, enabled, onUploaded }: Props) {
  const file = useSignal<File | null>(null);
  const name = useSignal("");
  const progress = useSignal<{ loaded: number; total: number } | null>(null);
  const uploading = useSignal(false);
  const outcome = useSignal<Outcome | null>(null);
  const upload = useRef<Upload | null>(null);

  // Leaving the page mid-upload stops it rather than leaving it running unseen.
  useEffect(() => () => upload.current?.abort(), []);
  // ...and the browser asks first, since the bytes sent so far are lost.
  useEffect(() => {
    if (!uploading.value) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener("beforeunload", ask);
    return () => removeEventListener("beforeunload", ask);
  }, [uploading.value]);

  const start = async (e: Event) => {
    e.preventDefault();
    const chosen = file.value;
    if (!chosen || uploading.value) return;
    const target = name.value.trim();
    uploading.value = true;
    outcome.value = null;
    progress.value = { loaded: 0, total: chosen.size };
    const current = uploadVolume(pool, target, chosen, (loaded, total) => {
      progress.value = { loaded, total };
    });
    upload.current = current;
    try {
      const volume = await current.done;
      progress.value = { loaded: chosen.size, total: chosen.size };
      outcome.value = {
        ok: true,
        message: t("Uploaded {{name}} ({{size}}).", {
          name: volume.name,
          size: formatBytes(volume.capacityBytes),
        }),
      };
      onUploaded(volume);
    } catch (err) {
      progress.value = null;
      outcome.value = err instanceof UploadCancelled
        ? { ok: true, message: t("Upload cancelled.") }
        : { ok: false, message: errorMessage(err) };
    } finally {
      upload.current = null;
      uploading.value = false;
    }
  };

  const p = progress.value;
  const pct = p && p.total > 0 ? Math.floor(p.loaded / p.total * 100) : 0;
  return (
    <Card id="upload" title={t("Upload")} class="needs-admin">
      <form class="upload-form" onSubmit={start} aria-label={t("Upload a volume")}>
        <fieldset class="subfieldset-plain" disabled={!enabled || uploading.value}>
          <Field
            id="upload-file"
            label={t("File")}
            hint={enabled
              ? t("A disk image or ISO; it becomes a new volume of the file's size.")
              : t("Start the pool to upload into it.")}
          >
            {(a) => (
              <input
                {...a}
                type="file"
                onChange={(e) => {
                  const f = e.currentTarget.files?.[0] ?? null;
                  file.value = f;
                  if (f) name.value = volumeNameOf(f.name);
                }}
              />
            )}
          </Field>
          <TextField
            id="upload-name"
            label={t("Volume name")}
            required
            {...bindSignal(name)}
          />
        </fieldset>
        <div class="form-buttons">
          {uploading.value && (
            <Button onClick={() => upload.current?.abort()}>{t("Cancel upload")}</Button>
          )}
          <SubmitButton
            busy={uploading.value}
            disabled={!enabled || !file.value || name.value.trim() === ""}
          >
            {t("Upload")}
          </SubmitButton>
        </div>
        {p && (
          <div class="upload-progress">
            <progress
              id="upload-progress"
              value={p.loaded}
              max={p.total || 1}
              aria-label={t("Upload progress")}
              aria-valuetext={`${pct}%`}
            >
              {pct}%
            </progress>
            <span class="upload-progress-text">
              {t("{{percent}}% — {{loaded}} of {{total}}", {
                percent: pct,
                loaded: formatBytes(p.loaded),
                total: formatBytes(p.total),
              })}
            </span>
          </div>
        )}
        <OutcomeNote outcome={outcome.value} />
      </form>
    </Card>
  );
}
