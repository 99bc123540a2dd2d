// The API tokens, revoked and expired ones included: who made each, its role (and the lower one
// it acts with when its owner's role is lower now) and VMs, when it was made, last used, expires
// and was revoked, until when a rotated-away secret still works; Rotate on the live ones, Revoke
// on those not revoked.

import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { formatTime } from "../backups/format.ts";
import type { ApiTokenInfo } from "./api.ts";
import { isExpired, isLive, roleName, scopeLabel, tokenRoleLabel, type VmName } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";
import { currentUser } from "../../components/client/session.ts";

/** Whether the signed-in account made `token` (unknown, while rendered on the server: shown). */
const mayRotate = (token: ApiTokenInfo) => {
  const user = currentUser();
  return user === "" || token.owner === user;
};

interface Props {
  /** Null while loading. */
  tokens: ApiTokenInfo[] | null;
  vms: VmName[];
  busy: boolean;
  onRotate: (token: ApiTokenInfo) => void;
  onRevoke: (token: ApiTokenInfo) => void;
}

export function TokenTable({ tokens, vms, busy, onRotate, onRevoke }: Props) {
  const columns: Column<ApiTokenInfo>[] = [
    { id: "name", header: t("Name"), cell: (k) => <TokenName token={k} /> },
    { id: "owner", header: t("Owner"), cell: (k) => k.owner },
    { id: "role", header: t("Role"), cell: (k) => <TokenRole token={k} /> },
    { id: "vms", header: t("VMs"), cell: (k) => scopeLabel(k.role === "admin" ? "*" : k.vms, vms) },
    { id: "created", header: t("Created"), cell: (k) => formatTime(k.createdAt) },
    { id: "used", header: t("Last used"), cell: (k) => whenOr(k.lastUsedAt, t("Never")) },
    { id: "expires", header: t("Expires"), cell: (k) => <TokenExpiry token={k} /> },
    { id: "revoked", header: t("Revoked"), cell: (k) => whenOr(k.revokedAt, t("No")) },
    actionList({ name: (k) => k.name, busy }, [
      // Its owner's only (the API refuses others': a new secret acts as its owner).
      { action: t("Rotate…"), run: onRotate, when: (k) => isLive(k) && mayRotate(k) },
      { action: t("Revoke"), kind: "danger", run: onRevoke, when: (k) => !k.revokedAt },
    ]),
  ];
  return (
    <DataTable
      label={t("API tokens")}
      class="token-table"
      {...loadedRows(tokens, t("Loading API tokens…"), t("No API tokens yet."))}
      rowKey={(k) => k.id}
      rowAttrs={(k) => ({
        "data-token": k.id,
        class: k.revokedAt ? "token-revoked" : isExpired(k) ? "token-expired" : undefined,
      })}
      columns={columns}
    />
  );
}

const whenOr = (at: string | null, none: string) =>
  at ? formatTime(at) : <span class="muted">{none}</span>;

/** The name, and while a rotation's grace period runs, until when the old secret works. */
function TokenName({ token }: { token: ApiTokenInfo }) {
  if (!token.oldSecretUntil || !isLive(token)) return <>{token.name}</>;
  return (
    <>
      {token.name}
      <span class="muted token-note" data-old-secret-until={token.oldSecretUntil}>
        {t("old secret works until {{time}}", { time: formatTime(token.oldSecretUntil) })}
      </span>
    </>
  );
}

/** "Never", the time it will stop, or "expired" with the time it did. */
function TokenExpiry({ token }: { token: ApiTokenInfo }) {
  if (!token.expiresAt) return <span class="muted">{t("Never")}</span>;
  if (!isExpired(token)) return <>{formatTime(token.expiresAt)}</>;
  return (
    <span class="token-expired-at" data-expired="">
      {t("expired {{time}}", { time: formatTime(token.expiresAt) })}
    </span>
  );
}

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
