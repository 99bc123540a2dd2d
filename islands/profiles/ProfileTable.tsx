// The profiles: name and description, settings and VMs counted, last change, and Details /
// Export / Edit / Delete; an open row shows the profile's settings and its VMs.

import type { ProfileDetails, ProfileSummary } from "../../shared/profiles.ts";
import { plural } from "../../components/format.ts";
import { Button } from "../../components/kit/Button.tsx";
import { NameCell } from "../../components/kit/cells.tsx";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { formatTime } from "../backups/format.ts";
import { exportHref } from "./api.ts";
import { KIND_LABELS, settingWords } from "./format.ts";

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
      header: "Name",
      cell: (p) => <NameCell name={p.name} description={p.description} />,
    },
    { id: "settings", header: "Settings", numeric: true, cell: (p) => p.settingCount },
    { id: "vms", header: "VMs", numeric: true, cell: (p) => p.vmCount },
    { id: "updated", header: "Updated", cell: (p) => formatTime(p.updatedAt) },
    actionList({
      name: (p) => p.name,
      busy,
      before: (p) => (
        <DetailsAndExport p={p} open={open?.id === p.id} busy={busy} onDetails={onDetails} />
      ),
    }, [
      { action: "Edit", class: "needs-admin", run: onEdit },
      { action: "Delete", kind: "danger", class: "needs-admin", run: onDelete },
    ]),
  ];
  const shown = open && profiles?.find((p) => p.id === open.id);
  return (
    <>
      <DataTable
        label="Profiles"
        class="profile-table"
        {...loadedRows(profiles, "Loading profiles…", "No profiles yet.")}
        rowKey={(p) => p.id}
        rowAttrs={(p) => ({ "data-profile-id": p.id })}
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
  return (
    <>
      <Button
        small
        disabled={busy}
        aria-expanded={open}
        aria-label={`Details of ${p.name}`}
        onClick={() => onDetails(p)}
      >
        Details
      </Button>
      <a
        class="button button-small"
        href={exportHref(p.id)}
        download
        aria-label={`Export ${p.name}`}
      >
        Export
      </a>
    </>
  );
}

function ProfileDetailsView(
  { name, details: d }: { name: string; details: ProfileDetails | null },
) {
  if (!d) return <p class="muted">Loading…</p>;
  const settings = [
    ...d.tags.map((tag) => ({ kind: "tag" as const, tag })),
    ...d.alerts.map((alert) => ({ kind: "alert" as const, alert })),
    ...(d.backup ? [{ kind: "backup" as const, backup: d.backup }] : []),
    ...(d.agent ? [{ kind: "agent" as const, agent: d.agent }] : []),
  ];
  return (
    <section class="profile-details" aria-label={`Profile ${name}`}>
      <div>
        <h3>Settings</h3>
        {settings.length === 0 ? <p class="muted">No settings.</p> : (
          <ul class="policy-list">
            {settings.map((s, i) => (
              <li key={i}>
                <span class="muted">{KIND_LABELS[s.kind]}:</span> {settingWords(s)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3>{plural(d.assignedVms.length, "assigned VM")}</h3>
        {d.assignedVms.length === 0
          ? <p class="muted">No VM uses this profile.</p>
          : (
            <ul class="policy-list" aria-label="Assigned VMs">
              {d.assignedVms.map((vm) => (
                <li key={vm.id}>
                  {vm.name === null
                    ? <span class="muted">{vm.id} (not on this host)</span>
                    : <a href={`/vms/${encodeURIComponent(vm.id)}`}>{vm.name}</a>}
                </li>
              ))}
            </ul>
          )}
      </div>
    </section>
  );
}
