// Files through our agent: download a guest file (read first, so a refusal shows in the API's
// words instead of a broken download), upload one, and make or remove (empty) directories, within
// the agent's allowed directories.

import type { ComponentChildren } from "preact";
import { type Signal, useSignal } from "@preact/signals";
import type { AgentPolicy } from "../../shared/guest.ts";
import { formatBytes } from "../../shared/format.ts";
import { type Outcome, OutcomeNote, useAction } from "../settings/Outcome.tsx";
import {
  makeGuestDirectory,
  readGuestFile,
  removeGuestDirectory,
  saveBlob,
  writeGuestFile,
} from "./api.ts";
import { uploadTarget } from "./format.ts";
import { Button } from "../../components/kit/Button.tsx";
import { TextField } from "../../components/kit/controls.tsx";
import { bindSignal } from "../../components/kit/bind_signal.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  vmId: string;
  policy: AgentPolicy;
  disabled: boolean;
}

export function FilesPanel({ vmId, policy, disabled }: Props) {
  const dirs = policy.allowedDirs;
  const size = formatBytes(policy.maxFileBytes);
  const dirsHint = dirs.length
    ? t("Allowed directories: {{dirs}}; at most {{size}} a file.", { dirs: dirs.join(", "), size })
    : t("The agent's config allows no directories; at most {{size}} a file.", { size });
  return (
    <div class="guest-part">
      <h3>{t("Files")}</h3>
      <p class="form-hint" id="guest-dirs-hint">
        {dirsHint}
      </p>
      <div class="settings-grid">
        <DownloadForm vmId={vmId} disabled={disabled} />
        <UploadForm vmId={vmId} disabled={disabled} firstDir={dirs[0] ?? null} />
        <DirectoryForm vmId={vmId} disabled={disabled} />
      </div>
    </div>
  );
}

function DownloadForm({ vmId, disabled }: { vmId: string; disabled: boolean }) {
  const path = useSignal("");
  const action = useAction();
  const download = () => {
    const p = path.value.trim();
    action.run(async () => {
      const { name, blob } = await readGuestFile(vmId, p);
      saveBlob(blob, name);
      return t("Downloaded {{path}} ({{size}}).", { path: p, size: formatBytes(blob.size) });
    });
  };
  return (
    <PathForm
      label={t("Download a file")}
      onSubmit={download}
      path={{ id: "guest-download-path", label: t("File to download"), signal: path }}
      outcome={action.outcome.value}
    >
      <Button
        type="submit"
        disabled={disabled || action.busy.value || !path.value.trim()}
        busy={action.busy.value}
      >
        {t("Download")}
      </Button>
    </PathForm>
  );
}

function UploadForm(
  { vmId, disabled, firstDir }: { vmId: string; disabled: boolean; firstDir: string | null },
) {
  const file = useSignal<File | null>(null);
  const target = useSignal("");
  const action = useAction();
  const progress = useSignal<number | null>(null);
  const suggested = useSignal("");

  const choose = (f: File | null) => {
    file.value = f;
    // Suggest the first allowed directory until a path of one's own is typed.
    const t = target.value.trim();
    if (f && firstDir && (!t || t === suggested.value)) {
      target.value = suggested.value = `${firstDir.replace(/\/$/, "")}/${f.name}`;
    }
  };
  const upload = async () => {
    const f = file.value;
    if (!f) return;
    const dest = uploadTarget(target.value, f.name);
    progress.value = 0;
    await action.run(async () => {
      try {
        const res = await writeGuestFile(vmId, dest, f, (loaded, total) => {
          progress.value = total > 0 ? Math.floor(loaded / total * 100) : 0;
        });
        return t("Wrote {{count}} bytes to {{path}}.", { count: res.bytesWritten, path: res.path });
      } finally {
        progress.value = null;
      }
    });
  };
  return (
    <PathForm
      label={t("Upload a file")}
      onSubmit={upload}
      before={
        <div class="form-field">
          <label for="guest-upload-file">{t("File to upload")}</label>
          <input
            id="guest-upload-file"
            type="file"
            onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)}
          />
        </div>
      }
      path={{ id: "guest-upload-path", label: t("Destination in the guest"), signal: target }}
      outcome={action.outcome.value}
    >
      <Button
        type="submit"
        disabled={disabled || action.busy.value || !file.value || !target.value.trim()}
        busy={action.busy.value}
      >
        {t("Upload")}
      </Button>
      {progress.value !== null && (
        <progress max={100} value={progress.value} aria-label={t("Upload progress")}>
          {progress.value}%
        </progress>
      )}
    </PathForm>
  );
}

/** Makes a directory, or removes an empty one, inside the allowed directories. */
function DirectoryForm({ vmId, disabled }: { vmId: string; disabled: boolean }) {
  const path = useSignal("");
  const action = useAction();
  const run = (kind: "make" | "remove") => {
    const p = path.value.trim();
    action.run(async () => {
      if (kind === "make") {
        await makeGuestDirectory(vmId, p);
        return t("Made the directory {{path}}.", { path: p });
      }
      await removeGuestDirectory(vmId, p);
      return t("Removed the directory {{path}}.", { path: p });
    });
  };
  const idle = disabled || action.busy.value || !path.value.trim();
  return (
    <PathForm
      label={t("Directories")}
      onSubmit={() => run("make")}
      path={{ id: "guest-directory-path", label: t("Directory"), signal: path }}
      outcome={action.outcome.value}
    >
      <Button type="submit" disabled={idle} busy={action.busy.value}>
        {t("Make directory")}
      </Button>
      <Button kind="danger" disabled={idle} onClick={() => run("remove")}>
        {t("Remove if empty")}
      </Button>
    </PathForm>
  );
}

interface PathFormProps {
  /** The form's accessible name. */
  label: string;
  onSubmit: () => void;
  /** Fields before the path (the file to upload). */
  before?: ComponentChildren;
  /** The path in the guest: its input's id and label, and the signal it edits. */
  path: { id: string; label: string; signal: Signal<string> };
  outcome: Outcome | null;
  /** The form's buttons. */
  children: ComponentChildren;
}

/**
 * One of the files forms: a path in the guest, described by the allowed directories named above
 * the forms, its buttons, and the outcome of the last try.
 */
function PathForm({ label, onSubmit, before, path, outcome, children }: PathFormProps) {
  return (
    <form
      class="settings-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      aria-label={label}
    >
      {before}
      <TextField
        id={path.id}
        label={path.label}
        spellcheck={false}
        placeholder={t("/absolute/path")}
        describedBy="guest-dirs-hint"
        {...bindSignal(path.signal)}
      />
      <div class="form-buttons">{children}</div>
      <OutcomeNote outcome={outcome} />
    </form>
  );
}
