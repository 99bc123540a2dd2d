// Check a repository (restic check): its structure only, or with all or some of its data read
// back. Starts the job and says where its task is.

import { useSignal } from "@preact/signals";
import type { ResticJob } from "../../shared/restic.ts";
import { FormDialog } from "../../components/kit/FormDialog.tsx";
import { Checkbox, TextField } from "../../components/kit/controls.tsx";
import { useSubmit } from "../../components/kit/use_form.ts";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { startCheck } from "./api.ts";
import type { RepositoryDialogProps } from "./dialog_props.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props extends RepositoryDialogProps {
  onStarted: (job: ResticJob) => void;
}

export function CheckDialog({ dialogRef, repo, onStarted, onClose }: Props) {
  const readData = useSignal(false);
  const subset = useSignal("");
  const submit = useSubmit(async () => {
    const job = await startCheck(repo.id, {
      ...readData.value ? { readData: true } : {},
      ...subset.value.trim() ? { readDataSubset: subset.value.trim() } : {},
    });
    dialogRef.current?.close();
    onStarted(job);
  });
  return (
    <FormDialog
      dialogRef={dialogRef}
      id="repo-check"
      title={t("Check {{name}}", { name: repo.name })}
      onSubmit={submit.onSubmit}
      onClose={onClose}
      submitLabel={t("Start check")}
      busy={submit.busy.value}
    >
      <p>
        {t(
          "restic checks the repository's structure; reading data back also finds damaged files but takes long.",
        )}
      </p>
      <Checkbox
        label={t("Read all data back")}
        checked={readData.value}
        onChecked={(on) => readData.value = on}
      />
      <TextField
        id="repo-check-subset"
        label={t("Or read a part of it")}
        hint={t("e.g. 10% or 1/5; empty: none")}
        disabled={readData.value}
        value={subset.value}
        onValue={(v) => subset.value = v}
      />
      <ErrorNotice message={submit.failure.value} />
    </FormDialog>
  );
}
