// The accounts card: which host groups give each role, the roles assigned here (with Remove)
// and the form to assign one.

import { Fragment } from "preact";
import type { Role } from "../../shared/auth.ts";
import { Card } from "../../components/kit/Card.tsx";
import { AskNamedDialog } from "../../components/kit/Dialog.tsx";
import { type AccountAssignment, removeAssignment, type UsersAnswer } from "./api.ts";
import { AssignForm } from "./AssignForm.tsx";
import { AssignmentTable } from "./AssignmentTable.tsx";
import { useCardRemoval } from "./use_card_removal.ts";
import type { VmName } from "./format.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

interface Props {
  users: UsersAnswer | null;
  vms: VmName[];
  ready: boolean;
  reload: () => void;
}

const GROUP_ROLES: { role: Role; label: string }[] = [
  { role: "admin", label: tKey("Admins") },
  { role: "operator", label: tKey("Operators") },
  { role: "viewer", label: tKey("Viewers") },
];

export function AccountsCard({ users, vms, ready, reload }: Props) {
  const removal = useCardRemoval((a: AccountAssignment) => removeAssignment(a.user), reload);

  return (
    <Card
      id="accounts"
      title={t("Accounts")}
      intro={t(
        "Host accounts sign in with their password; their host groups decide the role unless one is assigned here (the account must still be in one of the groups), and root is always admin.",
      )}
    >
      <dl class="props access-groups">
        {GROUP_ROLES.map(({ role, label }) => (
          <Fragment key={role}>
            <dt>{t(label)}</dt>
            <dd data-groups={role}>
              {!users ? "…" : users.groups[role].length === 0 ? "—" : (
                users.groups[role].map((g, i) => (
                  <Fragment key={g}>
                    {i > 0 && ", "}
                    <code>{g}</code>
                  </Fragment>
                ))
              )}
            </dd>
          </Fragment>
        ))}
      </dl>
      <AssignForm vms={vms} disabled={!ready} onAssigned={reload} />
      <AssignmentTable
        assignments={users?.assignments ?? null}
        vms={vms}
        busy={!ready || removal.busy}
        onRemove={removal.confirm.ask}
      />
      <AskNamedDialog
        confirm={removal.confirm}
        nameKey="user"
        title={t("Remove assigned role")}
        question={t(
          "Remove the role assigned to {{user}}? Their sessions end; at the next sign-in their host groups decide.",
          { user: "{{user}}" },
        )}
        confirmLabel={t("Remove")}
        onConfirm={removal.remove}
      />
    </Card>
  );
}
