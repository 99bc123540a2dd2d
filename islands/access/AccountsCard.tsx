// The accounts card: which host groups give each role, the roles assigned here (with Remove)
// and the form to assign one.

import { Fragment } from "preact";
import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import type { Role } from "../../shared/auth.ts";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { errorMessage } from "../client/api.ts";
import { showError } from "../client/toasts.tsx";
import { type AccountAssignment, removeAssignment, type UsersAnswer } from "./api.ts";
import { AssignForm } from "./AssignForm.tsx";
import { AssignmentTable } from "./AssignmentTable.tsx";
import type { VmName } from "./format.ts";

interface Props {
  users: UsersAnswer | null;
  vms: VmName[];
  ready: boolean;
  reload: () => void;
}

const GROUP_ROLES: { role: Role; label: string }[] = [
  { role: "admin", label: "Admins" },
  { role: "operator", label: "Operators" },
  { role: "viewer", label: "Viewers" },
];

export function AccountsCard({ users, vms, ready, reload }: Props) {
  const doomed = useSignal<AccountAssignment | null>(null);
  const pending = useSignal(false);
  const removeDialog = useRef<HTMLDialogElement>(null);

  const remove = async (a: AccountAssignment) => {
    pending.value = true;
    try {
      await removeAssignment(a.user);
    } catch (err) {
      showError(errorMessage(err));
    } finally {
      pending.value = false;
      reload();
    }
  };

  return (
    <section class="card" aria-labelledby="accounts-title">
      <h2 id="accounts-title">Accounts</h2>
      <p class="form-hint">
        Host accounts sign in with their password; their host groups decide the role unless one is
        assigned here (the account must still be in one of the groups), and root is always admin.
      </p>
      <dl class="props access-groups">
        {GROUP_ROLES.map(({ role, label }) => (
          <Fragment key={role}>
            <dt>{label}</dt>
            <dd data-groups={role}>{users ? users.groups[role].join(", ") || "—" : "…"}</dd>
          </Fragment>
        ))}
      </dl>
      <AssignForm vms={vms} disabled={!ready} onAssigned={reload} />
      <AssignmentTable
        assignments={users?.assignments ?? null}
        vms={vms}
        busy={!ready || pending.value}
        onRemove={(a) => {
          doomed.value = a;
          removeDialog.current?.showModal();
        }}
      />
      <ConfirmDialog
        dialogRef={removeDialog}
        title="Remove assigned role"
        confirmLabel="Remove"
        onConfirm={() => doomed.value && remove(doomed.value)}
      >
        <p>
          Remove the role assigned to{" "}
          <strong>{doomed.value?.user}</strong>? Their sessions end; at the next sign-in their host
          groups decide.
        </p>
      </ConfirmDialog>
    </section>
  );
}
