// "Add repository": a local folder, an SFTP server or an S3 bucket, with the fields of its kind,
// the password (write-only), the keep policy and check schedule; a new repository is made with
// `restic init`, or one that exists is attached when its password opens it.

import type { Repository, RepositoryKind } from "../../shared/restic.ts";
import { REPOSITORY_KINDS } from "../../shared/restic.ts";
import { Checkbox, NameField } from "../../components/kit/controls.tsx";
import { draftFields } from "../../components/kit/FormFieldsDraft.tsx";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { useDraft, useFocusFirst, useSubmit } from "../../components/kit/use_form.ts";
import { wordOptions } from "../../components/kit/word_options.ts";
import { addRepository, type NewRepository } from "./api.ts";
import { KIND_LABELS } from "./format.ts";
import { type KeepDraft, keepDraftOf, KeepFields, keepOf } from "./KeepFields.tsx";
import { orNull, type SftpLogin, SftpLoginFields, sftpLoginInput } from "./SftpLoginFields.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  onAdded: (repo: Repository) => void;
  onCancel: () => void;
}

interface Form extends SftpLogin {
  name: string;
  kind: RepositoryKind;
  location: string;
  password: string;
  existing: boolean;
  accessKeyId: string;
  secretKey: string;
  schedule: string;
}

export function repositoryRequest(f: Form, keep: KeepDraft): NewRepository {
  const base: NewRepository = {
    name: f.name.trim(),
    kind: f.kind,
    location: f.location.trim(),
    password: f.password,
    keep: keepOf(keep),
    checkSchedule: orNull(f.schedule),
    ...(f.existing ? { existing: true } : {}),
  };
  if (f.kind === "sftp") {
    return { ...base, ...sftpLoginInput(f) };
  }
  if (f.kind === "s3") {
    return { ...base, accessKeyId: orNull(f.accessKeyId), secretKey: orNull(f.secretKey) };
  }
  return base;
}

export function AddRepositoryForm({ onAdded, onCancel }: Props) {
  const first = useFocusFirst();
  const form = useDraft<Form>({
    name: "",
    kind: "local",
    location: "",
    password: "",
    existing: false,
    keyFile: "",
    knownHostsFile: "",
    port: "",
    accessKeyId: "",
    secretKey: "",
    schedule: "",
  });
  const keep = useDraft<KeepDraft>(keepDraftOf(null));
  const submit = useSubmit(async () =>
    onAdded(await addRepository(repositoryRequest(form.value, keep.value)))
  );
  const f = form.value;
  const field = draftFields(form, "repo");
  const locationHint = {
    local: t("An absolute folder on this server, e.g. /srv/restic/vms."),
    sftp: t("user@host:/path; ssh logs in with the key file, never asking."),
    s3: t("s3:https://host/bucket/path"),
  }[f.kind];
  return (
    <FormPanel
      label={t("Add repository")}
      class="form-panel"
      submit={submit}
      submitLabel={f.existing ? t("Attach repository") : t("Create repository")}
      onCancel={onCancel}
    >
      <div class="field-row">
        <NameField id="repo-name" inputRef={first} {...form.text("name")} />
        {field.select("kind", {
          label: t("Kind"),
          options: wordOptions(REPOSITORY_KINDS, KIND_LABELS),
        })}
      </div>
      {field.text("location", { label: t("Location"), hint: locationHint })}
      {f.kind === "sftp" && <SftpLoginFields prefix="repo" login={f} set={form.set} explained />}
      {f.kind === "s3" && (
        <div class="field-row">
          {field.text("accessKeyId", { id: "access-key", label: t("Access key ID") })}
          {field.text("secretKey", {
            id: "secret-key",
            label: t("Secret key"),
            type: "password",
            autocomplete: "new-password",
            hint: t("Kept on the server; never shown again."),
          })}
        </div>
      )}
      {field.text("password", {
        label: t("Password"),
        type: "password",
        autocomplete: "new-password",
        hint: t(
          "At least 8 characters. Kept on the server and never shown again: without it the backups cannot be read.",
        ),
      })}
      <Checkbox
        label={t("The repository exists already: attach it (its password must open it)")}
        {...form.flag("existing")}
      />
      <KeepFields
        prefix="repo"
        keep={keep.value}
        onKeep={(k) => keep.set(k)}
        schedule={f.schedule}
        onSchedule={(schedule) => form.set({ schedule })}
      />
    </FormPanel>
  );
}
