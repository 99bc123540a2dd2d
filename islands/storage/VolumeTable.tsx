// The volumes table of a pool's Volumes tab: one row per volume with Download, Resize, Clone,
// Convert, Import OVA (an .ova file), Make independent (a linked clone) and Delete, and the open
// row form (resize, clone or convert) under its row.

import type { JSX } from "preact";
import type { VolumeInfo } from "../../shared/storage.ts";
import { volumeContentPath } from "../../shared/api_paths.ts";
import { formatBytes } from "../../shared/format.ts";
import { TableScroll } from "../../components/kit/TableScroll.tsx";
import { ActionsHeader, RowButton } from "../../components/kit/row_actions.tsx";
import { ClipText } from "../../components/kit/cells.tsx";
import { t } from "../../shared/i18n/t.ts";

export type RowForm = { volume: string; kind: "resize" | "clone" | "convert" };

export interface TableProps {
  volumes: VolumeInfo[];
  busy: boolean;
  rowForm: RowForm | null;
  toggle: (volume: string, kind: RowForm["kind"]) => void;
  renderForm: (v: VolumeInfo, kind: RowForm["kind"]) => JSX.Element;
  onDelete: (v: VolumeInfo) => void;
  /** Make a linked clone independent of its base image (volumes with a backing file). */
  onFlatten: (v: VolumeInfo) => void;
  /** Import an OVA volume (a name ending in .ova): its disks into new volumes. */
  onImportOva: (v: VolumeInfo) => void;
}

export function VolumeTable(
  { volumes, busy, rowForm, toggle, renderForm, onDelete, onFlatten, onImportOva }: TableProps,
) {
  const open = (v: VolumeInfo, kind: RowForm["kind"]) =>
    rowForm?.volume === v.name && rowForm.kind === kind;
  return (
    <TableScroll label={t("Volumes")}>
      <table class="table volume-table">
        <thead>
          <tr>
            <th scope="col">{t("Name")}</th>
            <th scope="col" class="volume-format">{t("Format")}</th>
            <th scope="col" class="num">{t("Capacity")}</th>
            <th scope="col" class="num">{t("Allocation")}</th>
            <th scope="col">{t("Path")}</th>
            <th scope="col">{t("Backing")}</th>
            <ActionsHeader class="needs-admin" />
          </tr>
        </thead>
        <tbody>
          {volumes.length === 0 && (
            <tr>
              <td colSpan={7} class="muted empty">
                <span class="empty-text">{t("No volumes in this pool.")}</span>
              </td>
            </tr>
          )}
          {volumes.flatMap((v) => [
            <tr key={v.name} data-volume={v.name}>
              <td>
                <strong>{v.name}</strong>
              </td>
              <td class="volume-format">{v.format ?? "—"}</td>
              <td class="num">{formatBytes(v.capacityBytes)}</td>
              <td class="num">{formatBytes(v.allocationBytes)}</td>
              <td class="path clip-cell">
                <ClipText text={v.path} />
              </td>
              {/* A path's room only where there is one: most volumes have no backing file. */}
              <td class={v.backingPath ? "path clip-cell" : "path"}>
                <ClipText text={v.backingPath} />
              </td>
              <td class="row-actions needs-admin">
                <a
                  class="button button-small"
                  href={volumeContentPath(v.pool, v.name)}
                  download={v.name}
                  aria-label={t("Download {{name}}", { name: v.name })}
                >
                  {t("Download")}
                </a>
                {(["resize", "clone", "convert"] as const).map((kind) => (
                  <RowButton
                    key={kind}
                    action={kind === "resize"
                      ? t("Resize")
                      : kind === "clone"
                      ? t("Clone")
                      : t("Convert")}
                    name={v.name}
                    disabled={busy}
                    aria-expanded={open(v, kind)}
                    onClick={() => toggle(v.name, kind)}
                  />
                ))}
                {/\.ova$/i.test(v.name) && (
                  <RowButton
                    action={t("Import OVA")}
                    name={v.name}
                    disabled={busy}
                    onClick={() => onImportOva(v)}
                  />
                )}
                {v.backingPath && (
                  <RowButton
                    action={t("Make independent")}
                    name={v.name}
                    disabled={busy}
                    onClick={() => onFlatten(v)}
                  />
                )}
                <RowButton
                  action={t("Delete")}
                  name={v.name}
                  kind="danger"
                  disabled={busy}
                  onClick={() => onDelete(v)}
                />
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
    </TableScroll>
  );
}
