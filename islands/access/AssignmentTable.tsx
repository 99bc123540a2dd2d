// The roles assigned to host accounts here: role, VMs, live sessions, who changed it and when,
// and Remove (the account's host groups decide again).

import { formatTime } from "../backups/format.ts";
import type { AccountAssignment } from "./api.ts";
import { scopeLabel, type VmName } from "./format.ts";

interface Props {
  /** Null while loading. */
  assignments: AccountAssignment[] | null;
  vms: VmName[];
  busy: boolean;
  onRemove: (a: AccountAssignment) => void;
}

export function AssignmentTable({ assignments, vms, busy, onRemove }: Props) {
  return (
    <div class="table-scroll">
      <table class="table assignment-table">
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Role</th>
            <th scope="col">VMs</th>
            <th scope="col" class="num">Sessions</th>
            <th scope="col">Updated by</th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(assignments?.length ?? 0) === 0 && (
            <tr>
              <td colSpan={7} class="muted empty">
                {assignments === null
                  ? "Loading assignments…"
                  : "No roles assigned: host groups decide for every account."}
              </td>
            </tr>
          )}
          {assignments?.map((a) => (
            <tr key={a.user} data-account={a.user}>
              <td>{a.user}</td>
              <td>{a.role}</td>
              <td>{a.role === "operator" ? scopeLabel(a.vms, vms) : "—"}</td>
              <td class="num">{a.sessions}</td>
              <td>{a.updatedBy}</td>
              <td>{formatTime(a.updatedAt)}</td>
              <td class="row-actions">
                <button
                  type="button"
                  class="button button-small button-danger"
                  disabled={busy}
                  aria-label={`Remove the role of ${a.user}`}
                  onClick={() => onRemove(a)}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
