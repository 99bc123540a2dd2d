// The roles assigned to host accounts here: role, VMs, live sessions, who changed it and when,
// and Remove (the account's host groups decide again).

import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
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
    actionList({ name: (a) => a.user, busy }, [
      {
        action: "Remove",
        label: (a) => `Remove the role of ${a.user}`,
        kind: "danger",
        run: onRemove,
      },
    ]),
  ];
  return (
    <DataTable
      label="Assigned roles"
      class="assignment-table"
      {...loadedRows(
        assignments,
        "Loading assignments…",
        "No roles assigned: host groups decide for every account.",
      )}
      rowKey={(a) => a.user}
      rowAttrs={(a) => ({ "data-account": a.user })}
      columns={columns}
    />
  );
}
