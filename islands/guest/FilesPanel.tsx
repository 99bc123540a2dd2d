// Files through our agent: download a guest file (read first, so a refusal shows in the API's
// words instead of a broken download) and upload one, within the agent's allowed directories.

import { useSignal } from "@preact/signals";
import type { AgentPolicy } from "../../shared/guest.ts";
import { formatBytes } from "../../components/format.ts";
import { errorMessage } from "../client/api.ts";
import { type Outcome, OutcomeNote, useAction } from "../settings/Outcome.tsx";
import { readGuestFile, saveBlob, writeGuestFile } from "./api.ts";
import { uploadTarget } from "./format.ts";

interface Props {
  vmId: string;
  policy: AgentPolicy;
  disabled: boolean;
}

export function FilesPanel({ vmId, policy, disabled }: Props) {
  const dirs = policy.allowedDirs;
  const dirsHint = dirs.length
    ? `Allowed directories: ${dirs.join(", ")}`
    : "The agent's config allows no directories.";
  return (
    <div class="guest-part">
      <h3>Files</h3>
      <p class="form-hint" id="guest-dirs-hint">
        {dirsHint}; at most {formatBytes(policy.maxFileBytes)} a file.
      </p>
      <div class="settings-grid">
        <DownloadForm vmId={vmId} disabled={disabled} />
        <UploadForm vmId={vmId} disabled={disabled} firstDir={dirs[0] ?? null} />
      </div>
    </div>
  );
}

function DownloadForm({ vmId, disabled }: { vmId: string; disabled: boolean }) {
  const path = useSignal("");
  const action = useAction();
  const download = (e: Event) => {
    e.preventDefault();
    const p = path.value.trim();
    action.run(async () => {
      const { name, blob } = await readGuestFile(vmId, p);
      saveBlob(blob, name);
      return `Downloaded ${p} (${formatBytes(blob.size)}).`;
    });
  };
  return (
    <form class="settings-form" noValidate onSubmit={download} aria-label="Download a file">
      <div class="form-field">
        <label for="guest-download-path">File to download</label>
        <input
          id="guest-download-path"
          type="text"
          spellcheck={false}
          placeholder="/absolute/path"
          aria-describedby="guest-dirs-hint"
          value={path.value}
          onInput={(e) => path.value = e.currentTarget.value}
        />
      </div>
      <div class="form-buttons">
        <button
          type="submit"
          class="button"
          disabled={disabled || action.busy.value || !path.value.trim()}
          aria-busy={action.busy.value}
        >
          Download
        </button>
      </div>
      <OutcomeNote outcome={action.outcome.value} />
    </form>
  );
}

function UploadForm(
  { vmId, disabled, firstDir }: { vmId: string; disabled: boolean; firstDir: string | null },
) {
  const file = useSignal<File | null>(null);
  const target = useSignal("");
  const busy = useSignal(false);
  const progress = useSignal<number | null>(null);
  const outcome = useSignal<Outcome | null>(null);
  const suggested = useSignal("");

  const choose = (f: File | null) => {
    file.value = f;
    // Suggest the first allowed directory until a path of one's own is typed.
    const t = target.value.trim();
    if (f && firstDir && (!t || t === suggested.value)) {
      target.value = suggested.value = `${firstDir.replace(/\/$/, "")}/${f.name}`;
    }
  };
  const upload = async (e: Event) => {
    e.preventDefault();
    const f = file.value;
    if (!f) return;
    const dest = uploadTarget(target.value, f.name);
    busy.value = true;
    outcome.value = null;
    progress.value = 0;
    try {
      const res = await writeGuestFile(vmId, dest, f, (loaded, total) => {
        progress.value = total > 0 ? Math.floor(loaded / total * 100) : 0;
      });
      outcome.value = {
        ok: true,
        message: `Wrote ${res.bytesWritten} bytes to ${res.path}.`,
      };
    } catch (err) {
      outcome.value = { ok: false, message: errorMessage(err) };
    } finally {
      busy.value = false;
      progress.value = null;
    }
  };
  return (
    <form class="settings-form" noValidate onSubmit={upload} aria-label="Upload a file">
      <div class="form-field">
        <label for="guest-upload-file">File to upload</label>
        <input
          id="guest-upload-file"
          type="file"
          onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)}
        />
      </div>
      <div class="form-field">
        <label for="guest-upload-path">Destination in the guest</label>
        <input
          id="guest-upload-path"
          type="text"
          spellcheck={false}
          placeholder="/absolute/path"
          aria-describedby="guest-dirs-hint"
          value={target.value}
          onInput={(e) => target.value = e.currentTarget.value}
        />
      </div>
      <div class="form-buttons">
        <button
          type="submit"
          class="button"
          disabled={disabled || busy.value || !file.value || !target.value.trim()}
          aria-busy={busy.value}
        >
          Upload
        </button>
        {progress.value !== null && (
          <progress max={100} value={progress.value} aria-label="Upload progress">
            {progress.value}%
          </progress>
        )}
      </div>
      <OutcomeNote outcome={outcome.value} />
    </form>
  );
}
