// The image library (/images): shipped cloud images and install ISOs and the admins' own, which
// pools already hold each, a download of any into a chosen pool (followed on the page and in the
// task log), an admin's own entries, and what downloads may reach.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { CatalogItem, ImageLibrary } from "../shared/images.ts";
import type { Task } from "../shared/tasks.ts";
import { type Column, DataTable, rowsById } from "../components/kit/table/mod.ts";
import { actionsColumn, RowButton } from "../components/kit/row_actions.tsx";
import { NewButton } from "../components/kit/ListToolbar.tsx";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { useOpenedForm } from "../components/kit/use_opened_form.ts";
import { type Outcome, OutcomeNote } from "../components/kit/use_action.tsx";
import { formatBytes } from "../shared/format.ts";
import { t } from "../shared/i18n/t.ts";
import { errorMessage } from "../components/client/api.ts";
import { currentHost, withHost } from "../components/client/host.ts";
import { followTasks, recentTasks } from "./tasks/live.ts";
import { RunningDownload } from "./storage/DownloadForm.tsx";
import { downloadImage, listImages, removeImage } from "./images/api.ts";
import { AddImageForm } from "./images/AddImageForm.tsx";
import { ImageSettingsCard } from "./images/ImageSettingsCard.tsx";

interface Props {
  library: ImageLibrary | null;
  /** Active pools a download may go into. */
  pools: string[];
  error: string | null;
  [key: string]: unknown;
}

export default function Images(props: Props) {
  const images = useSignal<CatalogItem[]>(props.library?.images ?? []);
  const pool = useSignal(props.pools.includes("default") ? "default" : props.pools[0] ?? "");
  const outcome = useSignal<Outcome | null>(
    props.error ? { ok: false, message: props.error } : null,
  );
  const hydrated = useHydrated();

  const reload = async () => {
    try {
      images.value = (await listImages()).images;
    } catch (err) {
      outcome.value = { ok: false, message: errorMessage(err) };
    }
  };
  const adding = useOpenedForm(outcome, reload);
  // A download's end (here or elsewhere) changes which pools hold what.
  useEffect(() =>
    followTasks((task: Task, fromList) => {
      if (!fromList && task.action === "image.download" && task.status !== "running") {
        if (task.status !== "succeeded") {
          outcome.value = { ok: false, message: task.message ?? task.status };
        }
        reload();
      }
    }), []);

  const download = async (item: CatalogItem) => {
    outcome.value = null;
    try {
      const started = await downloadImage(item.id, pool.value);
      outcome.value = {
        ok: true,
        message: t("Downloading {{name}} into {{pool}}: follow it below and in the task log.", {
          name: started.name,
          pool: started.pool,
        }),
      };
    } catch (err) {
      outcome.value = { ok: false, message: errorMessage(err) };
    }
  };
  const remove = async (item: CatalogItem) => {
    try {
      await removeImage(item.id);
      outcome.value = {
        ok: true,
        message: t("Removed {{name}} from the library.", { name: item.name }),
      };
      reload();
    } catch (err) {
      outcome.value = { ok: false, message: errorMessage(err) };
    }
  };

  const host = currentHost();
  const running = recentTasks.value.filter((task) =>
    task.action === "image.download" && task.status === "running" && task.hostId === host
  );
  const columns: Column<CatalogItem>[] = [
    {
      id: "name",
      header: t("Image"),
      cell: (i) => (
        <>
          <strong>{i.name}</strong>
          <code
            class="muted image-url"
            title={i.pattern ? t("The newest file named like this is fetched") : undefined}
          >
            {i.downloadUrl}
          </code>
        </>
      ),
      sortValue: (i) => i.name,
    },
    {
      id: "kind",
      header: t("Kind"),
      cell: (i) => i.kind === "cloud" ? t("Cloud image") : t("Install ISO"),
      sortValue: (i) => i.kind,
      hideOnSmall: true,
    },
    { id: "os", header: t("OS"), cell: (i) => i.osinfo ?? "—", hideOnSmall: true },
    { id: "user", header: t("Default user"), cell: (i) => i.defaultUser ?? "—", hideOnSmall: true },
    {
      id: "disk",
      header: t("Smallest disk"),
      numeric: true,
      cell: (i) => formatBytes(i.minDiskBytes),
      hideOnSmall: true,
    },
    {
      id: "pools",
      header: t("In pools"),
      cell: (i) => i.inPools.length ? i.inPools.join(", ") : <span class="muted">—</span>,
    },
    actionsColumn((i) => (
      <>
        {i.inPools.length > 0 && (
          <a
            class="button button-small"
            href={withHost(`/vms/new?image=${encodeURIComponent(i.id)}`)}
            aria-label={t("Create VM from {{name}}", { name: i.name })}
          >
            {t("Create VM")}
          </a>
        )}
        <RowButton
          action={t("Download")}
          name={i.name}
          disabled={!hydrated.value || pool.value === "" || i.inPools.includes(pool.value)}
          onClick={() => download(i)}
        />
        {i.custom && (
          <RowButton
            action={t("Remove")}
            name={i.name}
            kind="danger"
            disabled={!hydrated.value}
            onClick={() => remove(i)}
          />
        )}
      </>
    ), "needs-admin"),
  ];

  return (
    <>
      <section class="card" aria-label={t("Images")}>
        <div class="toolbar">
          <label class="needs-admin">
            {t("Download into pool")}
            <select
              value={pool.value}
              disabled={!hydrated.value || props.pools.length === 0}
              onChange={(e) => pool.value = e.currentTarget.value}
            >
              {props.pools.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </label>
          <NewButton
            label={t("Add an image")}
            disabled={!hydrated.value}
            onClick={() => adding.setOpen(true)}
          />
          <span class="muted" aria-live="polite">
            {t("{{count}} images", { count: images.value.length })}
          </span>
        </div>
        {adding.open && (
          <AddImageForm
            onAdded={() => adding.done()}
            onCancel={() => adding.setOpen(false)}
          />
        )}
        <OutcomeNote outcome={outcome.value} />
        {running.map((task) => <RunningDownload key={task.id} task={task} />)}
        <DataTable
          label={t("Images")}
          class="image-table"
          rows={images.value}
          {...rowsById("data-image-id")}
          columns={columns}
          empty={t("No images in the library.")}
        />
      </section>
      <ImageSettingsCard />
    </>
  );
}
