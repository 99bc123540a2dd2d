// Edit a repository: its keep policy and check schedule (and, for SFTP, how ssh logs in). The
// location and password stay as they are: the password is kept on the server, never shown.

import { useSignal } from "@preact/signals";
import type { Repository } from "../../shared/restic.ts";
import { ActionDialog } from "../../components/kit/ActionDialog.tsx";
import { TextField } from "../../components/kit/controls.tsx";
import { useAction } from "../../components/kit/use_action.tsx";
import { useDraft } from "../../components/kit/use_form.ts";
import { changeRepository, type RepositoryChange } from "./api.ts";
import type { RepositoryDialogProps } from "./dialog_props.ts";
import { type KeepDraft, keepDraftOf, KeepFields, keepOf } from "./KeepFields.tsx";
import {
  orNull,
  type SftpLogin,
  SftpLoginFields,
  sftpLoginInput,
  sftpLoginOf,
} from "./SftpLoginFields.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props extends RepositoryDialogProps {
  onSaved: (repo: Repository) => void;
}

export function EditRepositoryDialog({ dialogRef, repo, onSaved, onClose }: Props) {
  const keep = useSignal<KeepDraft>(keepDraftOf(repo.keep));
  const schedule = useSignal(repo.checkSchedule ?? "");
  const login = useDraft<SftpLogin>(sftpLoginOf(repo));
  const action = useAction();

  const save = async () => {
    const body: RepositoryChange = {
      keep: keepOf(keep.value),
      checkSchedule: orNull(schedule.value),
      ...repo.kind === "sftp" ? sftpLoginInput(login.value) : {},
    };
    onSaved(await changeRepository(repo.id, body));
    return t("Saved.");
  };

  return (
    <ActionDialog
      dialogRef={dialogRef}
      id="repo-edit"
      title={t("Edit {{name}}", { name: repo.name })}
      onClose={onClose}
      submitLabel={t("Save changes")}
      action={action}
      run={save}
    >
      <TextField
        id="repo-edit-password"
        label={t("Password")}
        type="password"
        value=""
        placeholder="••••••••"
        disabled
        hint={t("Kept on the server; it is never shown and cannot be changed here.")}
        onValue={() => {}}
      />
      {repo.kind === "sftp" && (
        <SftpLoginFields prefix="repo-edit" login={login.value} set={login.set} />
      )}
      <KeepFields
        prefix="repo-edit"
        keep={keep.value}
        onKeep={(k) => keep.value = k}
        schedule={schedule.value}
        onSchedule={(v) => schedule.value = v}
      />
    </ActionDialog>
  );
}
