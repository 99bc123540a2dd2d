// The VM's disks and CD-ROMs with Detach, Resize (grow), Move (DiskMoveDialog), Insert/Eject ISO,
// and the add-disk form.

import { useRef } from "preact/hooks";
import { useSignal } from "@preact/signals";
import type { Disk } from "../../shared/vms.ts";
import { Button } from "../../components/kit/Button.tsx";
import { Card } from "../../components/kit/Card.tsx";
import { ActionsHeader, RowButton } from "../../components/kit/row_actions.tsx";
import { useConfirm } from "../../components/kit/use_confirm.ts";
import { formatBytes } from "../../shared/format.ts";
import { AddDiskForm } from "./AddDiskForm.tsx";
import { DiskMoveDialog } from "./DiskMoveDialog.tsx";
import { changeCdrom, detachDisk } from "./api.ts";
import { deviceLine } from "./changes.ts";
import { InsertIsoRow, ResizeRow } from "./DiskRowForms.tsx";
import { OutcomeNote, useAction } from "./Outcome.tsx";
import { isRunning, type PanelProps } from "./panel.ts";
import { TableScroll } from "../../components/kit/TableScroll.tsx";
import { Trans } from "../../components/kit/Trans.tsx";
import { t, tKey } from "../../shared/i18n/t.ts";
import { RemoveDeviceDialog } from "./RemoveDeviceDialog.tsx";

type RowForm = { target: string; kind: "resize" | "insert" };

/** libvirt's device kinds in the page's language; any other stays as libvirt says it. */
const DEVICES: Record<string, string> = {
  disk: tKey("disk"),
  cdrom: tKey("cdrom"),
  floppy: tKey("floppy"),
};
const deviceWord = (device: string) => Object.hasOwn(DEVICES, device) ? t(DEVICES[device]) : device;

export function DisksPanel(props: PanelProps) {
  const { vm, ready, refresh } = props;
  const action = useAction();
  const rowForm = useSignal<RowForm | null>(null);
  const detaching = useConfirm<Disk>();
  const moveDialog = useRef<HTMLDialogElement>(null);
  const moving = useSignal<Disk | null>(null);
  const busy = !ready || action.busy.value;
  const running = isRunning(vm);
  // The API refuses removing a protected VM's data disks (lib/vms/protection.ts): the button
  // says so before the click, in the API's own words.
  const protectedWords = vm.protected
    ? t("{{name}} is protected — remove the protection to remove its disks", { name: vm.name })
    : null;
  const keptByProtection = (d: Disk) =>
    protectedWords !== null && (d.device === "disk" || d.device === "lun");

  const detach = (disk: Disk) =>
    action.run(async () => {
      const r = await detachDisk(vm.id, disk.target);
      await refresh();
      const what = disk.device === "cdrom"
        ? t("CD-ROM {{target}} detached", { target: disk.target })
        : t("Disk {{target}} detached", { target: disk.target });
      return deviceLine(what, r, running);
    });
  const eject = (disk: Disk) =>
    action.run(async () => {
      const r = await changeCdrom(vm.id, disk.target, null);
      await refresh();
      return deviceLine(t("{{target}} ejected", { target: disk.target }), r, running);
    });
  const toggle = (target: string, kind: RowForm["kind"]) =>
    rowForm.value = rowForm.value?.target === target && rowForm.value.kind === kind
      ? null
      : { target, kind };

  const open = (d: Disk, kind: RowForm["kind"]) =>
    rowForm.value?.target === d.target && rowForm.value.kind === kind;
  const actions = (d: Disk) => (
    <td class="row-actions needs-admin">
      {d.device === "disk" && (
        <Button
          small
          disabled={busy || !d.path}
          aria-expanded={open(d, "resize")}
          onClick={() => toggle(d.target, "resize")}
        >
          {t("Resize")}
        </Button>
      )}
      {d.device === "disk" && (
        <Button
          small
          disabled={busy || !d.path}
          onClick={() => {
            moving.value = d;
            moveDialog.current?.showModal();
          }}
        >
          {t("Move…")}
        </Button>
      )}
      {d.device === "cdrom" &&
        (d.path
          ? <Button small disabled={busy} onClick={() => eject(d)}>{t("Eject")}</Button>
          : (
            <Button
              small
              disabled={busy}
              aria-expanded={rowForm.value?.target === d.target}
              onClick={() => toggle(d.target, "insert")}
            >
              {t("Insert ISO")}
            </Button>
          ))}
      <RowButton
        action={t("Detach")}
        name={d.target}
        disabled={busy || keptByProtection(d)}
        title={keptByProtection(d) ? protectedWords ?? undefined : undefined}
        onClick={() => detaching.ask(d)}
      />
    </td>
  );

  const rowFormFor = (d: Disk) => {
    const f = rowForm.value;
    if (f?.target !== d.target) return null;
    const close = () => rowForm.value = null;
    const rowProps = { vm, disk: d, action, close, reload: refresh };
    return (
      <tr key={`${d.target}-form`} class="row-form-row">
        <td colSpan={7}>
          {f.kind === "resize" ? <ResizeRow {...rowProps} /> : <InsertIsoRow {...rowProps} />}
        </td>
      </tr>
    );
  };

  return (
    <Card id="disks" title={t("Disks")}>
      {protectedWords && <p class="muted disks-protected">{protectedWords}</p>}
      {vm.disks.length === 0
        ? <p class="muted">{t("No disks.")}</p>
        : (
          <TableScroll label={t("Disks")}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t("Target")}</th>
                  <th scope="col">{t("Device")}</th>
                  <th scope="col">{t("Bus")}</th>
                  <th scope="col">{t("Path")}</th>
                  <th scope="col">{t("Format")}</th>
                  <th scope="col" class="num">{t("Size")}</th>
                  <ActionsHeader class="row-actions needs-admin" />
                </tr>
              </thead>
              <tbody>
                {vm.disks.flatMap((d) => [
                  <tr key={d.target}>
                    <td>{d.target}</td>
                    <td>{deviceWord(d.device)}</td>
                    <td>{d.bus ?? "—"}</td>
                    <td class="path">{d.path ?? (d.device === "cdrom" ? t("(empty)") : "—")}</td>
                    <td>{d.format ?? "—"}</td>
                    <td class="num">{formatBytes(d.sizeBytes)}</td>
                    {actions(d)}
                  </tr>,
                  rowFormFor(d),
                ])}
              </tbody>
            </table>
          </TableScroll>
        )}
      <OutcomeNote outcome={action.outcome.value} />
      <AddDiskForm {...props} />
      <DiskMoveDialog dialogRef={moveDialog} vm={vm} disk={moving.value} refresh={refresh} />
      <RemoveDeviceDialog
        confirm={detaching}
        title={t("Detach disk")}
        confirmLabel={t("Detach")}
        onConfirm={detach}
      >
        <Trans
          text={running
            ? t(
              "Detach {{target}} from {{vm}}? The image file is kept; the guest should not be using the disk.",
              { target: "{{target}}", vm: vm.name },
            )
            : t("Detach {{target}} from {{vm}}? The image file is kept.", {
              target: "{{target}}",
              vm: vm.name,
            })}
          parts={{ target: <strong>{detaching.subject.value?.target}</strong> }}
        />
      </RemoveDeviceDialog>
    </Card>
  );
}
