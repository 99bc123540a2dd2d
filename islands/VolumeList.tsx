// A pool's tabs: the header (state, Start / Stop / Refresh) and tab bar, then the Volumes tab
// (the volumes table with create, resize, clone, delete, download, and the upload form) or the
// Details tab (the pool's facts); re-read on this pool's "storage-changed" events.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { PoolDetail, VolumeInfo } from "../shared/storage.ts";
import { ConfirmDialog } from "../components/kit/Dialog.tsx";
import { Tabs } from "../components/kit/Tabs.tsx";
import { ApiRequestError, errorMessage } from "../components/client/api.ts";
import { showError } from "../components/client/toasts.tsx";
import { withHost } from "../components/client/host.ts";
import { OutcomeNote, useAction } from "./settings/Outcome.tsx";
import {
  deleteVolume,
  flattenVolume,
  getPool,
  importOvaVolume,
  listVolumes,
  type PoolAction,
  poolAction,
} from "./storage/api.ts";
import { CreateVolumeForm } from "./storage/CreateVolumeForm.tsx";
import { coalesce } from "../components/client/coalesce.ts";
import { subscribeChanges } from "./storage/live.ts";
import { PoolFacts } from "./storage/PoolFacts.tsx";
import { PoolHeader } from "./storage/PoolHeader.tsx";
import { type PoolTab, poolTabHref, poolTabs } from "./storage/tabs.ts";
import { UploadForm } from "./storage/UploadForm.tsx";
import { VanishedNotice } from "./storage/VanishedNotice.tsx";
import { DownloadForm } from "./storage/DownloadForm.tsx";
import { CloneVolumeRow, ConvertVolumeRow, ResizeVolumeRow } from "./storage/VolumeRowForms.tsx";
import { type RowForm, VolumeTable } from "./storage/VolumeTable.tsx";
import { Card } from "../components/kit/Card.tsx";
import { NewButton } from "../components/kit/ListToolbar.tsx";
import { ErrorNotice } from "../components/kit/Notice.tsx";
import { useOpenedForm } from "../components/kit/use_opened_form.ts";
import { NamedSentence } from "../components/kit/NamedSentence.tsx";
import { t } from "../shared/i18n/t.ts";

interface Props {
  name: string;
  tab: PoolTab;
  /** What the server rendered, or null to load it in the browser. */
  pool: PoolDetail | null;
  /** Null on the Details tab, which does not list them, and for an inactive pool. */
  volumes: VolumeInfo[] | null;
  error: string | null;
  [key: string]: unknown;
}

export default function VolumeList(props: Props) {
  const { name, tab } = props;
  const pool = useSignal<PoolDetail | null>(props.pool);
  const volumes = useSignal<VolumeInfo[] | null>(props.volumes);
  const loadError = useSignal<string | null>(props.error);
  const hydrated = useSignal(false);
  const pending = useSignal<PoolAction | null>(null);
  const rowForm = useSignal<RowForm | null>(null);
  const doomed = useSignal<VolumeInfo | null>(null);
  const deleteDialog = useRef<HTMLDialogElement>(null);
  const action = useAction();

  const reload = coalesce(async () => {
    try {
      const p = await getPool(name);
      pool.value = p;
      volumes.value = p.active && tab === "volumes" ? await listVolumes(name) : null;
      loadError.value = null;
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 404) {
        pool.value = null;
        volumes.value = null;
      }
      loadError.value = errorMessage(err);
    }
  });
  const creating = useOpenedForm(action.outcome, reload);

  useEffect(() => {
    hydrated.value = true;
    if (props.pool === null) reload();
    return subscribeChanges("storage-changed", (p) => p === name && reload(), reload);
  }, []);

  const act = async (what: PoolAction) => {
    pending.value = what;
    try {
      await poolAction(name, what);
      await reload();
    } catch (err) {
      showError(errorMessage(err));
    } finally {
      pending.value = null;
    }
  };

  const remove = (v: VolumeInfo) =>
    action.run(async () => {
      await deleteVolume(name, v.name);
      await reload();
      return t("Volume {{name}} deleted.", { name: v.name });
    });

  const flatten = (v: VolumeInfo) =>
    action.run(async () => {
      await flattenVolume(name, v.name);
      await reload();
      return t("{{name}} is independent of its base image now.", { name: v.name });
    });

  // The disks are converted before the answer (minutes for a large appliance: its task shows
  // how far); the note leads on to the wizard with the descriptor's values.
  const importOva = (v: VolumeInfo) =>
    action.run(async () => {
      const record = await importOvaVolume(name, v.name);
      await reload();
      return (
        <>
          {t("{{name}} imported: its disks are {{volumes}}.", {
            name: v.name,
            volumes: record.volumes.map((d) => d.name).join(", ") || "—",
          })}{" "}
          <a href={withHost(`/vms/new?ova=${encodeURIComponent(record.id)}`)}>
            {t("Review it and create the VM")}
          </a>
        </>
      );
    });

  const toggle = (volume: string, kind: RowForm["kind"]) =>
    rowForm.value = rowForm.value?.volume === volume && rowForm.value.kind === kind
      ? null
      : { volume, kind };

  const p = pool.value;
  return (
    <div>
      <PoolHeader
        name={name}
        pool={p}
        busy={!hydrated.value || pending.value !== null}
        pending={pending.value}
        onAction={act}
      />
      <Tabs
        label={t("{{name}} sections", { name })}
        tabs={poolTabs(name)}
        current={poolTabHref(name, tab)}
      />
      <ErrorNotice message={loadError.value} />
      {p && p.vanishedVolumes.length > 0 && (
        <VanishedNotice
          names={p.vanishedVolumes}
          busy={!hydrated.value || pending.value !== null}
          onRefresh={() => act("refresh")}
        />
      )}
      {p && tab === "details" && (
        <div class="cards">
          <PoolFacts pool={p} />
        </div>
      )}
      {p && tab === "volumes" && (
        <Card
          id="volumes"
          title={t("Volumes")}
          actions={
            <NewButton
              label={t("New volume")}
              disabled={!hydrated.value || !p.active}
              expanded={creating.open}
              onClick={() => creating.setOpen(!creating.open)}
            />
          }
        >
          {creating.open && (
            <CreateVolumeForm
              pool={name}
              onCancel={() => creating.setOpen(false)}
              onCreated={(v) => creating.done(t("Volume {{name}} created.", { name: v.name }))}
            />
          )}
          {volumes.value === null
            ? (
              <p class="muted">
                {p.active
                  ? t("Loading volumes…")
                  : t("The pool is inactive: start it to see its volumes.")}
              </p>
            )
            : (
              <VolumeTable
                volumes={volumes.value}
                busy={!hydrated.value || action.busy.value}
                rowForm={rowForm.value}
                toggle={toggle}
                renderForm={(v, kind) => {
                  const rowProps = {
                    volume: v,
                    action,
                    close: () => rowForm.value = null,
                    reload,
                  };
                  return kind === "resize"
                    ? <ResizeVolumeRow {...rowProps} />
                    : kind === "clone"
                    ? <CloneVolumeRow {...rowProps} />
                    : <ConvertVolumeRow {...rowProps} />;
                }}
                onDelete={(v) => {
                  doomed.value = v;
                  deleteDialog.current?.showModal();
                }}
                onFlatten={flatten}
                onImportOva={importOva}
              />
            )}
          <OutcomeNote outcome={action.outcome.value} />
        </Card>
      )}
      {p && tab === "volumes" && (
        <div class="cards">
          <UploadForm
            pool={name}
            enabled={p.active}
            onUploaded={() => reload()}
          />
          <DownloadForm pool={name} enabled={p.active} onDownloaded={() => reload()} />
        </div>
      )}
      <ConfirmDialog
        dialogRef={deleteDialog}
        title={t("Delete volume")}
        confirmLabel={t("Delete")}
        onConfirm={() => doomed.value && remove(doomed.value)}
      >
        <NamedSentence
          text={t("Delete the volume {{name}}? Its data is lost; a VM using it will not start.", {
            name: "{{name}}",
          })}
          names={{ name: doomed.value?.name }}
        />
      </ConfirmDialog>
    </div>
  );
}
