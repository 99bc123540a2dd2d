// The profiles: name and description, settings and VMs counted, last change, and Details /
// Export / Edit / Delete; an open row shows the profile's settings and its VMs.

import type { ProfileDetails, ProfileSummary } from "../../shared/profiles.ts";
import { plural } from "../../components/format.ts";
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

const COLUMNS = 5;

export function ProfileTable({ profiles, open, busy, onDetails, onEdit, onDelete }: Props) {
  return (
    <div class="table-scroll">
      <table class="table profile-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" class="num">Settings</th>
            <th scope="col" class="num">VMs</th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(profiles?.length ?? 0) === 0 && (
            <tr>
              <td colSpan={COLUMNS} class="muted empty">
                {profiles === null ? "Loading profiles…" : "No profiles yet."}
              </td>
            </tr>
          )}
          {profiles?.map((p) => {
            const expanded = open?.id === p.id;
            return [
              <tr key={p.id} data-profile-id={p.id}>
                <td>
                  <strong>{p.name}</strong>
                  {p.description && <div class="muted small">{p.description}</div>}
                </td>
                <td class="num">{p.settingCount}</td>
                <td class="num">{p.vmCount}</td>
                <td>{formatTime(p.updatedAt)}</td>
                <td class="row-actions">
                  <button
                    type="button"
                    class="button button-small"
                    disabled={busy}
                    aria-expanded={expanded}
                    aria-label={`Details of ${p.name}`}
                    onClick={() => onDetails(p)}
                  >
                    Details
                  </button>
                  <a
                    class="button button-small"
                    href={exportHref(p.id)}
                    download
                    aria-label={`Export ${p.name}`}
                  >
                    Export
                  </a>
                  <button
                    type="button"
                    class="button button-small needs-admin"
                    disabled={busy}
                    aria-label={`Edit ${p.name}`}
                    onClick={() => onEdit(p)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    class="button button-small button-danger needs-admin"
                    disabled={busy}
                    aria-label={`Delete ${p.name}`}
                    onClick={() => onDelete(p)}
                  >
                    Delete
                  </button>
                </td>
              </tr>,
              expanded && (
                <tr key={`${p.id}-details`} class="row-form-row">
                  <td colSpan={COLUMNS}>
                    <ProfileDetailsView name={p.name} details={open.details} />
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
    </div>
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
