// The API tokens, revoked ones included: who made each, its role (and the lower one it acts
// with when its owner's role is lower now) and VMs, when it was made and last used, and a
// Revoke button on the live ones.

import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { formatTime } from "../backups/format.ts";
import type { ApiTokenInfo } from "./api.ts";
import { scopeLabel, tokenRoleLabel, type VmName } from "./format.ts";

interface Props {
  /** Null while loading. */
  tokens: ApiTokenInfo[] | null;
  vms: VmName[];
  busy: boolean;
  onRevoke: (token: ApiTokenInfo) => void;
}

export function TokenTable({ tokens, vms, busy, onRevoke }: Props) {
  const columns: Column<ApiTokenInfo>[] = [
    { id: "name", header: "Name", cell: (t) => t.name },
    { id: "owner", header: "Owner", cell: (t) => t.owner },
    { id: "role", header: "Role", cell: (t) => <TokenRole token={t} /> },
    { id: "vms", header: "VMs", cell: (t) => scopeLabel(t.role === "admin" ? "*" : t.vms, vms) },
    { id: "created", header: "Created", cell: (t) => formatTime(t.createdAt) },
    { id: "used", header: "Last used", cell: (t) => whenOr(t.lastUsedAt, "Never") },
    { id: "revoked", header: "Revoked", cell: (t) => whenOr(t.revokedAt, "No") },
    actionList({ name: (t) => t.name, busy }, [
      { action: "Revoke", kind: "danger", run: onRevoke, when: (t) => !t.revokedAt },
    ]),
  ];
  return (
    <DataTable
      label="API tokens"
      class="token-table"
      {...loadedRows(tokens, "Loading API tokens…", "No API tokens yet.")}
      rowKey={(t) => t.id}
      rowAttrs={(t) => ({ "data-token": t.id, class: t.revokedAt ? "token-revoked" : undefined })}
      columns={columns}
    />
  );
}

const whenOr = (at: string | null, none: string) =>
  at ? formatTime(at) : <span class="muted">{none}</span>;

function TokenRole({ token }: { token: ApiTokenInfo }) {
  const { role, note } = tokenRoleLabel(token);
  if (!note) return <>{role}</>;
  return (
    <>
      {role}
      <span class="muted token-effective" data-effective-role={token.effectiveRole ?? "none"}>
        {` (${note})`}
      </span>
    </>
  );
}
