// The profiles: name and description, settings and VMs counted, last change, and Details /
// Export / Edit / Delete; an open row shows the profile's settings and its VMs.

import type { ProfileDetails, ProfileSummary } from "../../shared/profiles.ts";
import { Button } from "../../components/kit/Button.tsx";
import { NameCell } from "../../components/kit/cells.tsx";
import { type Column, DataTable, rowsById } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { editDeleteActions } from "../../components/kit/edit_delete_actions.ts";
import { formatTime } from "../backups/format.ts";
import { exportHref } from "./api.ts";
import { KIND_LABELS, settingWords } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  /** Null while loading. */
  profiles: ProfileSummary[] | null;
  /** The open profile and its details (null while they load). */
  open: { id: string; details: ProfileDetails | null } | null;
  busy: boolean;
  onDetails: (p: ProfileSummary) => void;
  onEdit: (p: ProfileSummary) => void;
  onDelete: (p: ProfileSummary) => void;
}

export function ProfileTable({ profiles, open, busy, onDetails, onEdit, onDelete }: Props) {
  const columns: Column<ProfileSummary>[] = [
    {
      id: "name",
      header: t("Name"),
      cell: (p) => <NameCell name={p.name} description={p.description} />,
    },
    { id: "settings", header: t("Settings"), numeric: true, cell: (p) => p.settingCount },
    { id: "vms", header: t("VMs"), numeric: true, cell: (p) => p.vmCount },
    { id: "updated", header: t("Updated"), cell: (p) => formatTime(p.updatedAt) },
    actionList({
      name: (p) => p.name,
      busy,
      before: (p) => (
        <DetailsAndExport p={p} open={open?.id === p.id} busy={busy} onDetails={onDetails} />
      ),
    }, editDeleteActions(onEdit, onDelete, { class: "needs-admin" })),
  ];
  const shown = open && profiles?.find((p) => p.id === open.id);
  return (
    <>
      <DataTable
        label={t("Profiles")}
        class="profile-table"
        {...loadedRows(profiles, t("Loading profiles…"), t("No profiles yet."))}
        {...rowsById("data-profile-id")}
        columns={columns}
      />
      {shown && <ProfileDetailsView name={shown.name} details={open.details} />}
    </>
  );
}

/** The row's Details toggle and its Export link (everyone may look and export). */
function DetailsAndExport(
  { p, open, busy, onDetails }: {
    p: ProfileSummary;
    open: boolean;
    busy: boolean;
    onDetails: (p: ProfileSummary) => void;
  },
) {
  const exportWord = t("Export", { context: "verb" });
  return (
    <>
      <Button
        small
        disabled={busy}
        aria-expanded={open}
        aria-label={t("Details of {{name}}", { name: p.name })}
        onClick={() => onDetails(p)}
      >
        {t("Details")}
      </Button>
      <a
        class="button button-small"
        href={exportHref(p.id)}
        download
        aria-label={t("Export {{name}}", { name: p.name })}
      >
        {exportWord}
      </a>
    </>
  );
}

function ProfileDetailsView(
  { name, details: d }: { name: string; details: ProfileDetails | null },
) {
  if (!d) return <p class="muted">{t("Loading…")}</p>;
  const settings = [
    ...d.tags.map((tag) => ({ kind: "tag" as const, tag })),
    ...d.alerts.map((alert) => ({ kind: "alert" as const, alert })),
    ...(d.backup ? [{ kind: "backup" as const, backup: d.backup }] : []),
    ...(d.agent ? [{ kind: "agent" as const, agent: d.agent }] : []),
  ];
  return (
    <section class="profile-details" aria-label={t("Profile {{name}}", { name })}>
      <div>
        <h3>{t("Settings")}</h3>
        {settings.length === 0 ? <p class="muted">{t("No settings.")}</p> : (
          <ul class="policy-list">
            {settings.map((s, i) => (
              <li key={i}>
                <span class="muted">{t(KIND_LABELS[s.kind])}:</span> {settingWords(s)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3>{t("{{count}} assigned VMs", { count: d.assignedVms.length })}</h3>
        {d.assignedVms.length === 0
          ? <p class="muted">{t("No VM uses this profile.")}</p>
          : (
            <ul class="policy-list" aria-label={t("Assigned VMs")}>
              {d.assignedVms.map((vm) => (
                <li key={vm.id}>
                  {vm.name === null
                    ? <span class="muted">{t("{{id}} (not on this host)", { id: vm.id })}</span>
                    : <a href={`/vms/${encodeURIComponent(vm.id)}`}>{vm.name}</a>}
                </li>
              ))}
            </ul>
          )}
      </div>
    </section>
  );
}
