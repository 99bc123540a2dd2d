// The roles assigned to host accounts here: role, VMs, live sessions, who changed it and when,
// and Remove (the account's host groups decide again).

import { type Column, DataTable, keyedRows } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { formatTime } from "../backups/format.ts";
import type { AccountAssignment } from "./api.ts";
import { roleName, scopeLabel, type VmName } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  /** Null while loading. */
  assignments: AccountAssignment[] | null;
  vms: VmName[];
  busy: boolean;
  onRemove: (a: AccountAssignment) => void;
}

export function AssignmentTable({ assignments, vms, busy, onRemove }: Props) {
  const columns: Column<AccountAssignment>[] = [
    { id: "account", header: t("Account"), cell: (a) => a.user },
    { id: "role", header: t("Role"), cell: (a) => roleName(a.role) },
    {
      id: "vms",
      header: t("VMs"),
      cell: (a) => a.role === "operator" ? scopeLabel(a.vms, vms) : "—",
    },
    { id: "sessions", header: t("Sessions"), numeric: true, cell: (a) => a.sessions },
    { id: "by", header: t("Updated by"), cell: (a) => a.updatedBy },
    { id: "updated", header: t("Updated"), cell: (a) => formatTime(a.updatedAt) },
    actionList({ name: (a) => a.user, busy }, [
      {
        action: t("Remove"),
        label: (a) => t("Remove the role of {{user}}", { user: a.user }),
        kind: "danger",
        run: onRemove,
      },
    ]),
  ];
  return (
    <DataTable
      label={t("Assigned roles")}
      class="assignment-table"
      {...loadedRows(
        assignments,
        t("Loading assignments…"),
        t("No roles assigned: host groups decide for every account."),
      )}
      {...keyedRows("data-account", (a: AccountAssignment) => a.user)}
      columns={columns}
    />
  );
}
