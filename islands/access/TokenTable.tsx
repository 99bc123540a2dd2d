// The API tokens, revoked ones included: who made each, its role (and the lower one it acts
// with when its owner's role is lower now) and VMs, when it was made and last used, and a
// Revoke button on the live ones.

import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { formatTime } from "../backups/format.ts";
import type { ApiTokenInfo } from "./api.ts";
import { roleName, scopeLabel, tokenRoleLabel, type VmName } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  /** Null while loading. */
  tokens: ApiTokenInfo[] | null;
  vms: VmName[];
  busy: boolean;
  onRevoke: (token: ApiTokenInfo) => void;
}

export function TokenTable({ tokens, vms, busy, onRevoke }: Props) {
  const columns: Column<ApiTokenInfo>[] = [
    { id: "name", header: t("Name"), cell: (k) => k.name },
    { id: "owner", header: t("Owner"), cell: (k) => k.owner },
    { id: "role", header: t("Role"), cell: (k) => <TokenRole token={k} /> },
    { id: "vms", header: t("VMs"), cell: (k) => scopeLabel(k.role === "admin" ? "*" : k.vms, vms) },
    { id: "created", header: t("Created"), cell: (k) => formatTime(k.createdAt) },
    { id: "used", header: t("Last used"), cell: (k) => whenOr(k.lastUsedAt, t("Never")) },
    { id: "revoked", header: t("Revoked"), cell: (k) => whenOr(k.revokedAt, t("No")) },
    actionList({ name: (k) => k.name, busy }, [
      { action: t("Revoke"), kind: "danger", run: onRevoke, when: (k) => !k.revokedAt },
    ]),
  ];
  return (
    <DataTable
      label={t("API tokens")}
      class="token-table"
      {...loadedRows(tokens, t("Loading API tokens…"), t("No API tokens yet."))}
      rowKey={(k) => k.id}
      rowAttrs={(k) => ({ "data-token": k.id, class: k.revokedAt ? "token-revoked" : undefined })}
      columns={columns}
    />
  );
}

const whenOr = (at: string | null, none: string) =>
  at ? formatTime(at) : <span class="muted">{none}</span>;

function TokenRole({ token }: { token: ApiTokenInfo }) {
  const { note } = tokenRoleLabel(token);
  const role = token.role;
  if (!note) return <>{roleName(role)}</>;
  return (
    <>
      {roleName(role)}
      <span class="muted token-effective" data-effective-role={token.effectiveRole ?? "none"}>
        {` (${note})`}
      </span>
    </>
  );
}
