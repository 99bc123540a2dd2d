// The API tokens, revoked ones included: who made each, its role (and the lower one it acts
// with when its owner's role is lower now) and VMs, when it was made and last used, and a
// Revoke button on the live ones.

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
  return (
    <div class="table-scroll">
      <table class="table token-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Owner</th>
            <th scope="col">Role</th>
            <th scope="col">VMs</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Revoked</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(tokens?.length ?? 0) === 0 && (
            <tr>
              <td colSpan={8} class="muted empty">
                {tokens === null ? "Loading API tokens…" : "No API tokens yet."}
              </td>
            </tr>
          )}
          {tokens?.map((t) => (
            <tr key={t.id} data-token={t.id} class={t.revokedAt ? "token-revoked" : undefined}>
              <td>{t.name}</td>
              <td>{t.owner}</td>
              <td>
                <TokenRole token={t} />
              </td>
              <td>{scopeLabel(t.role === "admin" ? "*" : t.vms, vms)}</td>
              <td>{formatTime(t.createdAt)}</td>
              <td>{t.lastUsedAt ? formatTime(t.lastUsedAt) : <span class="muted">Never</span>}</td>
              <td>{t.revokedAt ? formatTime(t.revokedAt) : <span class="muted">No</span>}</td>
              <td class="row-actions">
                {!t.revokedAt && (
                  <button
                    type="button"
                    class="button button-small button-danger"
                    disabled={busy}
                    aria-label={`Revoke ${t.name}`}
                    onClick={() => onRevoke(t)}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

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
