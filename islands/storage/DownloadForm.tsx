// Download a file from a URL into a new volume of this pool: the server fetches it (so the
// browser may close), unpacks .gz, checks the published checksum; its progress, rate and time
// left show here and in the task log, where it can be cancelled too.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Task } from "../../shared/tasks.ts";
import type { DownloadRequest } from "../../shared/images.ts";
import { errorMessage } from "../../components/client/api.ts";
import { type Outcome, OutcomeNote } from "../settings/Outcome.tsx";
import { Card } from "../../components/kit/Card.tsx";
import { TextField } from "../../components/kit/controls.tsx";
import { FormButtons } from "../../components/kit/FormButtons.tsx";
import { followTasks, recentTasks } from "../tasks/live.ts";
import { TaskCancel, TaskProgress } from "../tasks/TaskParts.tsx";
import { startDownload } from "./api.ts";
import { currentRole } from "../../components/client/session.ts";
import { currentHost } from "../../components/client/host.ts";
import { volumeNameOf } from "./UploadForm.tsx";
import { t } from "../../shared/i18n/t.ts";
import { bindSignal } from "../../components/kit/bind_signal.ts";

interface Props {
  pool: string;
  /** False while the pool is inactive: nothing can be written to it. */
  enabled: boolean;
  /** The download ended well: the pool's volumes are read again. */
  onDownloaded: () => void;
}

const PACKED = /\.(gz|xz|zst)$/i;
/** A real cloud image's address, as the field's example: no words to translate. */
const EXAMPLE_URL =
  "https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2";

/** The volume name a URL suggests: its file name without a compression ending. */
export function nameFromUrl(text: string): string {
  const url = URL.parse(text.trim());
  const last = url?.pathname.split("/").at(-1) ?? "";
  let file = last;
  try {
    file = decodeURIComponent(last);
  } catch {
    // kept as written
  }
  return volumeNameOf(file.replace(PACKED, ""));
}

/** The form's checksum field as the API takes it: "sha256:…"/"sha512:…" or a sums file's URL. */
export function checksumFields(text: string): Pick<DownloadRequest, "checksum" | "checksumUrl"> {
  const value = text.trim();
  if (value === "") return {};
  return /^https?:\/\//i.test(value) ? { checksumUrl: value } : { checksum: value };
}

export function DownloadForm({ pool, enabled, onDownloaded }: Props) {
  const url = useSignal("");
  const name = useSignal("");
  const nameEdited = useSignal(false);
  const checksum = useSignal("");
  const busy = useSignal(false);
  const taskId = useSignal<number | null>(null);
  const outcome = useSignal<Outcome | null>(null);

  // The task log, live: downloads into this pool (started here or elsewhere) show on the card,
  // and the end of the one started here says how it went.
  useEffect(() =>
    followTasks((task: Task) => {
      if (task.id !== taskId.value || task.status === "running") return;
      taskId.value = null;
      outcome.value = { ok: task.status === "succeeded", message: task.message ?? task.status };
      if (task.status === "succeeded") onDownloaded();
    }), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy.value) return;
    busy.value = true;
    outcome.value = null;
    try {
      const started = await startDownload({
        url: url.value.trim(),
        pool,
        name: name.value.trim() || undefined,
        ...checksumFields(checksum.value),
      });
      taskId.value = started.taskId;
      onDownloaded(); // the new volume is listed while it fills
    } catch (err) {
      outcome.value = { ok: false, message: errorMessage(err) };
    } finally {
      busy.value = false;
    }
  };

  const host = currentHost();
  const running = recentTasks.value.filter((t) =>
    t.action === "image.download" && t.status === "running" && t.hostId === host &&
    t.target?.id.startsWith(`${pool}/`)
  );
  const mine = running.some((t) => t.id === taskId.value);
  return (
    <Card id="download" title={t("Download from URL")} class="needs-admin">
      <form class="upload-form" onSubmit={submit} aria-label={t("Download a volume from a URL")}>
        <fieldset class="subfieldset-plain" disabled={!enabled || busy.value || mine}>
          <TextField
            id="download-url"
            label={t("URL")}
            hint={enabled
              ? t(
                "http:// or https://; a .gz, .xz or .zst file is unpacked on the way. The server fetches it: you may close this page.",
              )
              : t("Start the pool to download into it.")}
            type="url"
            required
            maxLength={2048}
            placeholder={EXAMPLE_URL}
            value={url.value}
            onValue={(v) => {
              url.value = v;
              if (!nameEdited.value) name.value = nameFromUrl(url.value);
            }}
          />
          <TextField
            id="download-name"
            label={t("Volume name")}
            maxLength={255}
            value={name.value}
            onValue={(v) => {
              name.value = v;
              nameEdited.value = true;
            }}
          />
          <TextField
            id="download-checksum"
            label={t("Checksum (optional)")}
            hint={t("sha256:… or sha512:…, or the URL of a SHA256SUMS file that lists the file")}
            maxLength={2048}
            {...bindSignal(checksum)}
          />
        </fieldset>
        <FormButtons
          submit={t("Download")}
          busy={busy.value}
          disabled={!enabled || mine || url.value.trim() === ""}
        />
        {running.map((task) => <RunningDownload key={task.id} task={task} />)}
        <OutcomeNote outcome={outcome.value} />
      </form>
    </Card>
  );
}

/** One download into the pool under way: its volume, bar, bytes, rate, time left and Cancel. */
export function RunningDownload({ task }: { task: Task }) {
  return (
    <div class="download-running" aria-live="polite" data-task={task.id}>
      {/* The task is known a moment before its volume's name (the server's first answer). */}
      <strong>{task.target?.name ?? t("Starting…")}</strong>
      <TaskProgress task={task} />
      {task.message && <small class="task-note muted">{task.message}</small>}
      {/* Whoever looks may stop it as far as the server lets them (admins: any). */}
      <TaskCancel task={task} who={{ user: task.user, role: currentRole() }} />
    </div>
  );
}
