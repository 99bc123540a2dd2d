// The VM page's Backups tab, "Off-host backups": Back up to repository (a repository chosen,
// the job followed to its end with a link to its task, a refusal in the API's words), and this
// VM's backups in each repository with Restore.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Repository, ResticJob } from "../shared/restic.ts";
import { Card } from "../components/kit/Card.tsx";
import { Button } from "../components/kit/Button.tsx";
import { ErrorNotice } from "../components/kit/Notice.tsx";
import { useSubmit } from "../components/kit/use_form.ts";
import { ApiRequestError, errorMessage } from "../components/client/api.ts";
import { listRepositories, startResticBackup } from "./restic/api.ts";
import { JobNote } from "./restic/JobNote.tsx";
import { RepositoryBackups } from "./restic/RepositoryBackups.tsx";
import { t } from "../shared/i18n/t.ts";

interface Props {
  vmId: string;
  vmName: string;
  [key: string]: unknown;
}

export default function VmResticBackups({ vmId, vmName }: Props) {
  const repos = useSignal<Repository[] | null>(null);
  const loadError = useSignal<string | null>(null);
  const hidden = useSignal(false);
  const chosen = useSignal("");
  const job = useSignal<ResticJob | null>(null);
  // Bumped when a backup ends: the lists below read the repositories again.
  const round = useSignal(0);

  useEffect(() => {
    listRepositories().then((list) => {
      repos.value = list;
      chosen.value = list[0]?.id ?? "";
    }).catch((err) => {
      if (err instanceof ApiRequestError && err.status === 403) hidden.value = true;
      else loadError.value = errorMessage(err);
    });
  }, []);

  const submit = useSubmit(async () => {
    job.value = null;
    job.value = await startResticBackup(vmId, chosen.value);
  });

  if (hidden.value) return null;
  const list = repos.value;
  return (
    <Card
      id="restic-backups"
      class="needs-admin"
      title={t("Off-host backups")}
      actions={<a href="/backups#repositories-title">{t("Repositories")}</a>}
    >
      <ErrorNotice message={loadError.value} />
      {list?.length === 0 && (
        <p class="muted">
          {t(
            "No backup repositories yet: add one on the Backups page to keep copies off this host.",
          )}
        </p>
      )}
      {list && list.length > 0 && (
        <form
          class="settings-form"
          aria-label={t("Back up to repository")}
          noValidate
          onSubmit={submit.onSubmit}
        >
          <div class="form-buttons">
            <label for="restic-repository">{t("Repository")}</label>
            <select
              id="restic-repository"
              value={chosen.value}
              onChange={(e) => chosen.value = e.currentTarget.value}
            >
              {list.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
            </select>
            <Button
              type="submit"
              kind="primary"
              busy={submit.busy.value}
              disabled={submit.busy.value}
            >
              {t("Back up to repository")}
            </Button>
          </div>
          <ErrorNotice message={submit.failure.value} />
          {job.value && (
            <JobNote
              key={job.value.id}
              job={job.value}
              onDone={(j) => j.status === "succeeded" && round.value++}
            />
          )}
        </form>
      )}
      {list?.map((repo) => (
        <section key={repo.id} class="repo-backups-section" aria-labelledby={`vm-repo-${repo.id}`}>
          <h3 id={`vm-repo-${repo.id}`}>
            {t("{{vm}} in {{repository}}", { vm: vmName, repository: repo.name })}
          </h3>
          <RepositoryBackups key={`${repo.id}-${round.value}`} repo={repo} vmId={vmId} />
        </section>
      ))}
    </Card>
  );
}
