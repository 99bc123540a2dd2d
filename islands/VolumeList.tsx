// The pool page: pool facts and actions, the volumes table (create, resize, clone, delete,
// download) and the upload form; re-read on this pool's "storage-changed" events.

import type { JSX } from "preact";
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { PoolInfo, VolumeInfo } from "../shared/storage.ts";
import { volumeContentPath } from "../shared/api_paths.ts";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { formatBytes } from "../components/format.ts";
import { ApiRequestError, errorMessage } from "./client/api.ts";
import { showError, ToastList } from "./client/toasts.tsx";
import { OutcomeNote, useAction } from "./settings/Outcome.tsx";
import { ActiveBadge } from "./storage/ActiveBadge.tsx";
import { deleteVolume, getPool, listVolumes, type PoolAction, poolAction } from "./storage/api.ts";
import { CreateVolumeForm } from "./storage/CreateVolumeForm.tsx";
import { coalesce, subscribeChanges } from "./storage/live.ts";
import { PoolFacts } from "./storage/PoolFacts.tsx";
import { UploadForm } from "./storage/UploadForm.tsx";
import { CloneVolumeRow, ResizeVolumeRow } from "./storage/VolumeRowForms.tsx";

interface Props {
  name: string;
  /** What the server rendered, or null to load it in the browser. */
  pool: PoolInfo | null;
  volumes: VolumeInfo[] | null;
  error: string | null;
  [key: string]: unknown;
}

type RowForm = { volume: string; kind: "resize" | "clone" };

export default function VolumeList(props: Props) {
  const { name } = props;
  const pool = useSignal<PoolInfo | null>(props.pool);
  const volumes = useSignal<VolumeInfo[] | null>(props.volumes);
  const loadError = useSignal<string | null>(props.error);
  const hydrated = useSignal(false);
  const pending = useSignal<PoolAction | null>(null);
  const creating = useSignal(false);
  const rowForm = useSignal<RowForm | null>(null);
  const doomed = useSignal<VolumeInfo | null>(null);
  const deleteDialog = useRef<HTMLDialogElement>(null);
  const action = useAction();

  const reload = coalesce(async () => {
    try {
      const p = await getPool(name);
      pool.value = p;
      volumes.value = p.active ? await listVolumes(name) : null;
      loadError.value = null;
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 404) {
        pool.value = null;
        volumes.value = null;
      }
      loadError.value = errorMessage(err);
    }
  });

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
      return `Volume ${v.name} deleted.`;
    });

  const toggle = (volume: string, kind: RowForm["kind"]) =>
    rowForm.value = rowForm.value?.volume === volume && rowForm.value.kind === kind
      ? null
      : { volume, kind };

  const p = pool.value;
  const busy = !hydrated.value || pending.value !== null;
  const headerButton = (what: PoolAction, label: string) => (
    <button
      type="button"
      class="button"
      disabled={busy}
      aria-busy={pending.value === what}
      onClick={() => act(what)}
    >
      {label}
    </button>
  );

  return (
    <div>
      <div class="vm-header">
        <h1>{name}</h1>
        {p && <ActiveBadge active={p.active} />}
        {p && (
          <div class="actions needs-admin" role="toolbar" aria-label="Pool actions">
            {p.active ? headerButton("stop", "Stop") : headerButton("start", "Start")}
            {p.active && headerButton("refresh", "Refresh")}
          </div>
        )}
      </div>
      {loadError.value && <p class="notice notice-error" role="alert">{loadError.value}</p>}
      {p && (
        <div class="cards">
          <PoolFacts pool={p} />
          <UploadForm pool={name} enabled={p.active} onUploaded={() => reload()} />
        </div>
      )}
      {p && (
        <section class="card" aria-labelledby="volumes-title">
          <div class="card-head">
            <h2 id="volumes-title">Volumes</h2>
            <button
              type="button"
              class="button button-primary needs-admin"
              disabled={!hydrated.value || !p.active}
              aria-expanded={creating.value}
              onClick={() => creating.value = !creating.value}
            >
              New volume
            </button>
          </div>
          {creating.value && (
            <CreateVolumeForm
              pool={name}
              onCancel={() => creating.value = false}
              onCreated={(v) => {
                creating.value = false;
                action.outcome.value = { ok: true, message: `Volume ${v.name} created.` };
                reload();
              }}
            />
          )}
          {volumes.value === null
            ? (
              <p class="muted">
                {p.active
                  ? "Loading volumes…"
                  : "The pool is inactive: start it to see its volumes."}
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
                    : <CloneVolumeRow {...rowProps} />;
                }}
                onDelete={(v) => {
                  doomed.value = v;
                  deleteDialog.current?.showModal();
                }}
              />
            )}
          <OutcomeNote outcome={action.outcome.value} />
        </section>
      )}
      <ConfirmDialog
        dialogRef={deleteDialog}
        title="Delete volume"
        confirmLabel="Delete"
        onConfirm={() => doomed.value && remove(doomed.value)}
      >
        <p>
          Delete the volume{" "}
          <strong>{doomed.value?.name}</strong>? Its data is lost; a VM using it will not start.
        </p>
      </ConfirmDialog>
      <ToastList />
    </div>
  );
}

interface TableProps {
  volumes: VolumeInfo[];
  busy: boolean;
  rowForm: RowForm | null;
  toggle: (volume: string, kind: RowForm["kind"]) => void;
  renderForm: (v: VolumeInfo, kind: RowForm["kind"]) => JSX.Element;
  onDelete: (v: VolumeInfo) => void;
}

function VolumeTable({ volumes, busy, rowForm, toggle, renderForm, onDelete }: TableProps) {
  const open = (v: VolumeInfo, kind: RowForm["kind"]) =>
    rowForm?.volume === v.name && rowForm.kind === kind;
  return (
    <div class="table-scroll">
      <table class="table volume-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Format</th>
            <th scope="col" class="num">Capacity</th>
            <th scope="col" class="num">Allocation</th>
            <th scope="col">Path</th>
            <th scope="col">Backing</th>
            <th scope="col" class="needs-admin">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {volumes.length === 0 && (
            <tr>
              <td colSpan={7} class="muted empty">No volumes in this pool.</td>
            </tr>
          )}
          {volumes.flatMap((v) => [
            <tr key={v.name} data-volume={v.name}>
              <td>
                <strong>{v.name}</strong>
              </td>
              <td>{v.format ?? "—"}</td>
              <td class="num">{formatBytes(v.capacityBytes)}</td>
              <td class="num">{formatBytes(v.allocationBytes)}</td>
              <td class="path">{v.path}</td>
              <td class="path">{v.backingPath ?? "—"}</td>
              <td class="row-actions needs-admin">
                <a
                  class="button button-small"
                  href={volumeContentPath(v.pool, v.name)}
                  download={v.name}
                  aria-label={`Download ${v.name}`}
                >
                  Download
                </a>
                <button
                  type="button"
                  class="button button-small"
                  disabled={busy}
                  aria-label={`Resize ${v.name}`}
                  aria-expanded={open(v, "resize")}
                  onClick={() => toggle(v.name, "resize")}
                >
                  Resize
                </button>
                <button
                  type="button"
                  class="button button-small"
                  disabled={busy}
                  aria-label={`Clone ${v.name}`}
                  aria-expanded={open(v, "clone")}
                  onClick={() => toggle(v.name, "clone")}
                >
                  Clone
                </button>
                <button
                  type="button"
                  class="button button-small button-danger"
                  disabled={busy}
                  aria-label={`Delete ${v.name}`}
                  onClick={() => onDelete(v)}
                >
                  Delete
                </button>
              </td>
            </tr>,
            rowForm?.volume === v.name && (
              <tr key={`${v.name}-form`} class="row-form-row">
                <td colSpan={7}>{renderForm(v, rowForm.kind)}</td>
              </tr>
            ),
          ])}
        </tbody>
      </table>
    </div>
  );
}
