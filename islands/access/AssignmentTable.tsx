// The roles assigned to host accounts here: role, VMs, live sessions, who changed it and when,
// and Remove (the account's host groups decide again).

import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { actionsColumn, RowButton } from "../../components/kit/row_actions.tsx";
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
  const columns: Column<AccountAssignment>[] = [
    { id: "account", header: "Account", cell: (a) => a.user },
    { id: "role", header: "Role", cell: (a) => a.role },
    { id: "vms", header: "VMs", cell: (a) => a.role === "operator" ? scopeLabel(a.vms, vms) : "—" },
    { id: "sessions", header: "Sessions", numeric: true, cell: (a) => a.sessions },
    { id: "by", header: "Updated by", cell: (a) => a.updatedBy },
    { id: "updated", header: "Updated", cell: (a) => formatTime(a.updatedAt) },
    actionsColumn((a) => (
      <RowButton
        action="Remove"
        name={a.user}
        label={`Remove the role of ${a.user}`}
        kind="danger"
        disabled={busy}
        onClick={() => onRemove(a)}
      />
    )),
  ];
  return (
    <DataTable
      label="Assigned roles"
      class="assignment-table"
      rows={assignments ?? []}
      rowKey={(a) => a.user}
      rowAttrs={(a) => ({ "data-account": a.user })}
      columns={columns}
      empty={assignments === null
        ? "Loading assignments…"
        : "No roles assigned: host groups decide for every account."}
    />
  );
}
