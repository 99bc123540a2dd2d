// The VM's shared folders (virtiofs): tag, host folder, read-only, with Add (a dialog: folder,
// tag, read-only) and Remove; a folder a running VM gets at its next boot says so.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { VmFilesystem } from "../../shared/filesystems.ts";
import { MAX_TAG_LENGTH, TAG_PATTERN } from "../../shared/filesystems.ts";
import { Button } from "../../components/kit/Button.tsx";
import { Card } from "../../components/kit/Card.tsx";
import { Checkbox, TextField } from "../../components/kit/controls.tsx";
import { FormDialog } from "../../components/kit/FormDialog.tsx";
import { actionList } from "../../components/kit/action_list.tsx";
import type { Column } from "../../components/kit/table/mod.ts";
import { useConfirm } from "../../components/kit/use_confirm.ts";
import { useReload } from "../../components/kit/use_reload.ts";
import { addSharedFolder, listSharedFolders, removeSharedFolder } from "./shared_folders_api.ts";
import { deviceLine } from "./changes.ts";
import { OutcomeNote, useAction } from "./Outcome.tsx";
import { isRunning, type PanelProps } from "./panel.ts";
import { yesNo } from "../../shared/format.ts";
import { t } from "../../shared/i18n/t.ts";
import { RemoveDeviceDialog } from "./RemoveDeviceDialog.tsx";
import { DeviceTable } from "./DeviceList.tsx";
import { bindSignal } from "../../components/kit/bind_signal.ts";

const tagProblem = (tag: string) =>
  tag === "" || (tag.length <= MAX_TAG_LENGTH && TAG_PATTERN.test(tag))
    ? undefined
    : t('1 to {{max}} letters, digits, ".", "_" or "-", starting with a letter or digit', {
      max: MAX_TAG_LENGTH,
    });

export function SharedFoldersPanel({ vm, ready, refresh }: PanelProps) {
  const action = useAction();
  const adding = useAction();
  const folders = useSignal<VmFilesystem[] | null>(null);
  const source = useSignal("");
  const tag = useSignal("");
  const readOnly = useSignal(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const removing = useConfirm<VmFilesystem>();
  const running = isRunning(vm);
  const busy = !ready || action.busy.value || adding.busy.value;

  const { reload, loadError } = useReload(async () => {
    folders.value = await listSharedFolders(vm.id);
  });
  useEffect(() => {
    reload();
  }, [vm.id]);

  /** Waiting for the running VM's next boot: in its definition, not in what runs. */
  const waiting = (fs: VmFilesystem) =>
    vm.pending?.some((c) => c.field === "filesystem" && c.device === fs.tag && c.live === null);

  const add = (e: Event) => {
    e.preventDefault();
    const body = { source: source.value.trim(), tag: tag.value.trim(), readOnly: readOnly.value };
    adding.run(async () => {
      const r = await addSharedFolder(vm.id, body);
      dialog.current?.close();
      source.value = "";
      tag.value = "";
      readOnly.value = false;
      await Promise.all([reload(), refresh()]);
      const line = deviceLine(t("Folder {{tag}} shared", { tag: body.tag }), r, running);
      return r.sharedMemoryAdded && running
        ? `${line}. ${t("Shared memory was added: the guest sees the folder after its next boot.")}`
        : line;
    });
  };
  const remove = (fs: VmFilesystem) =>
    action.run(async () => {
      const r = await removeSharedFolder(vm.id, fs.tag);
      await Promise.all([reload(), refresh()]);
      return deviceLine(t("Folder {{tag}} no longer shared", { tag: fs.tag }), r, running);
    });

  const columns: Column<VmFilesystem>[] = [
    {
      id: "tag",
      header: t("Tag"),
      cell: (fs) => (
        <>
          <code>{fs.tag}</code>
          {waiting(fs) && (
            <span class="pending-next">
              {" "}
              {t("at next boot")}
            </span>
          )}
        </>
      ),
    },
    { id: "source", header: t("Host folder"), cell: (fs) => <code>{fs.source}</code> },
    { id: "readOnly", header: t("Read-only"), cell: (fs) => yesNo(fs.readOnly) },
    actionList({ name: (fs) => fs.tag, busy, class: "needs-admin" }, [
      { action: t("Remove"), run: removing.ask },
    ]),
  ];

  const problem = tagProblem(tag.value.trim());
  const doomed = removing.subject.value;
  return (
    <Card
      id="shared-folders"
      title={t("Shared folders")}
      actions={
        <Button
          class="needs-admin"
          disabled={busy}
          onClick={() => {
            adding.outcome.value = null;
            dialog.current?.showModal();
          }}
        >
          {t("Add shared folder…")}
        </Button>
      }
    >
      <DeviceTable
        loadError={loadError.value}
        label={t("Shared folders")}
        rows={folders.value}
        empty={t("No shared folders. Share a host folder with the guest through virtiofs.")}
        rowKey={(fs) => fs.tag}
        columns={columns}
      />
      <OutcomeNote outcome={action.outcome.value} />
      {adding.outcome.value?.ok && <OutcomeNote outcome={adding.outcome.value} />}
      <FormDialog
        dialogRef={dialog}
        id="share-folder"
        title={t("Share a host folder with {{vm}}", { vm: vm.name })}
        onSubmit={add}
        submitLabel={t("Share")}
        busy={adding.busy.value}
        disabled={!ready || !source.value.trim() || !tag.value.trim() || problem !== undefined}
      >
        <TextField
          id="share-source"
          label={t("Host folder")}
          hint={t("Inside the allowed storage roots, e.g. /srv/share")}
          required
          {...bindSignal(source)}
          spellcheck={false}
        />
        <TextField
          id="share-tag"
          label={t("Tag")}
          hint={t("The guest mounts it by this name: mount -t virtiofs TAG /mnt")}
          errors={problem ? [problem] : undefined}
          required
          maxLength={MAX_TAG_LENGTH}
          {...bindSignal(tag)}
          spellcheck={false}
        />
        <Checkbox
          label={t("Read-only: the guest cannot change the folder")}
          checked={readOnly.value}
          onChecked={(on) => readOnly.value = on}
        />
        {running && (
          <p class="muted">
            {t(
              "A running VM gets the folder now when its memory is shared already; otherwise at its next boot.",
            )}
          </p>
        )}
        {adding.outcome.value?.ok === false && <OutcomeNote outcome={adding.outcome.value} />}
      </FormDialog>
      <RemoveDeviceDialog
        confirm={removing}
        title={t("Stop sharing folder")}
        onConfirm={remove}
      >
        {t("Stop sharing {{source}} ({{tag}}) with {{vm}}?", {
          source: doomed?.source ?? "",
          tag: doomed?.tag ?? "",
          vm: vm.name,
        })}
      </RemoveDeviceDialog>
    </Card>
  );
}
