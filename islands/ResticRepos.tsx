// /backups, "Repositories": off-host backup repositories (restic) — the list with each one's
// keep policy and check schedule, Add, Edit, Check, Prune (jobs followed to their end, with a
// link to their task), Remove (the data stays), and the backups in one with Restore.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { ComponentChildren } from "preact";
import type { Repository, ResticJob } from "../shared/restic.ts";
import { Card } from "../components/kit/Card.tsx";
import { Button } from "../components/kit/Button.tsx";
import { ErrorNotice } from "../components/kit/Notice.tsx";
import { AskDialog } from "../components/kit/Dialog.tsx";
import { useConfirm } from "../components/kit/use_confirm.ts";
import { type Column, DataTable, rowsById } from "../components/kit/table/mod.ts";
import { actionList, loadedRows } from "../components/kit/action_list.tsx";
import { ApiRequestError, errorMessage } from "../components/client/api.ts";
import { listRepositories, removeRepository, startPrune } from "./restic/api.ts";
import { keepText, KIND_LABELS } from "./restic/format.ts";
import { AddRepositoryForm } from "./restic/AddRepositoryForm.tsx";
import { EditRepositoryDialog } from "./restic/EditRepositoryDialog.tsx";
import { CheckDialog } from "./restic/CheckDialog.tsx";
import { JobNote } from "./restic/JobNote.tsx";
import { RepositoryBackups } from "./restic/RepositoryBackups.tsx";
import { t } from "../shared/i18n/t.ts";

type Opened = { repo: Repository; what: "edit" | "check" } | null;
/** The last thing done to a repository: a job started, or the API's refusal. */
type Outcome = { repo: string; job?: ResticJob; error?: string; text?: string } | null;

export default function ResticRepos(_props: Record<string, unknown>) {
  const repos = useSignal<Repository[] | null>(null);
  const loadError = useSignal<string | null>(null);
  const hidden = useSignal(false);
  const adding = useSignal(false);
  const opened = useSignal<Opened>(null);
  const browsing = useSignal<string | null>(null);
  const outcome = useSignal<Outcome>(null);
  const busy = useSignal(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const remove = useConfirm<Repository>();

  const reload = () =>
    listRepositories().then((list) => {
      repos.value = list;
      loadError.value = null;
    }).catch((err) => {
      // Repositories are the admins'; others have nothing to see here.
      if (err instanceof ApiRequestError && err.status === 403) hidden.value = true;
      else loadError.value = errorMessage(err);
    });
  useEffect(() => {
    reload();
  }, []);
  useEffect(() => {
    if (opened.value) dialogRef.current?.showModal();
  }, [opened.value]);

  const act = async (repo: Repository, fn: () => Promise<Outcome>) => {
    busy.value = true;
    outcome.value = null;
    try {
      outcome.value = await fn();
    } catch (err) {
      outcome.value = { repo: repo.id, error: errorMessage(err) };
    } finally {
      busy.value = false;
    }
  };
  const prune = (repo: Repository) =>
    act(repo, async () => ({ repo: repo.id, job: await startPrune(repo.id) }));
  const doRemove = (repo: Repository) =>
    act(repo, async () => {
      await removeRepository(repo.id);
      if (browsing.value === repo.id) browsing.value = null;
      await reload();
      return {
        repo: repo.id,
        text: t("{{name}} removed; its data stays where it is.", { name: repo.name }),
      };
    });

  const columns: Column<Repository>[] = [
    { id: "name", header: t("Name"), cell: (r) => <strong>{r.name}</strong> },
    { id: "kind", header: t("Kind"), cell: (r) => t(KIND_LABELS[r.kind]), hideOnSmall: true },
    {
      id: "location",
      header: t("Location"),
      cell: (r) => <code class="repo-location">{r.location}</code>,
    },
    { id: "keep", header: t("Keep"), cell: (r) => keepText(r.keep), hideOnSmall: true },
    {
      id: "check",
      header: t("Check schedule"),
      cell: (r) => r.checkSchedule ? <code>{r.checkSchedule}</code> : t("None"),
      hideOnSmall: true,
    },
    actionList({ name: (r) => r.name, busy: busy.value }, [
      {
        action: t("Backups"),
        label: (r) => t("Show the backups in {{name}}", { name: r.name }),
        run: (r) => browsing.value = browsing.value === r.id ? null : r.id,
      },
      { action: t("Edit"), run: (repo) => opened.value = { repo, what: "edit" } },
      { action: t("Check"), run: (repo) => opened.value = { repo, what: "check" } },
      { action: t("Prune"), run: prune },
      { action: t("Remove"), kind: "danger", run: (r) => remove.ask(r) },
    ]),
  ];

  if (hidden.value) return null;
  const list = repos.value;
  const o = opened.value;
  const shownRepo = list?.find((r) => r.id === browsing.value);
  const out = outcome.value;
  const outRepo = out && list?.find((r) => r.id === out.repo);
  const about = outRepo && (
    <>
      <strong>{outRepo.name}:</strong>
      {" "}
    </>
  );
  let note: ComponentChildren = null;
  if (out?.job) note = <JobNote key={out.job.id} job={out.job} subject={outRepo?.name} />;
  else if (out?.error) {
    note = (
      <div class="note note-error" role="alert">
        {about}
        <span>{out.error}</span>
      </div>
    );
  } else if (out?.text) note = <div class="note note-success" role="status">{out.text}</div>;
  return (
    <Card
      id="repositories"
      class="needs-admin"
      title={t("Repositories")}
      actions={!adding.value && (
        <Button
          kind="primary"
          onClick={() => adding.value = true}
          disabled={list === null}
        >
          {t("Add repository")}
        </Button>
      )}
    >
      <p class="muted">
        {t(
          "Off-host copies of VM backups made with restic: deduplicated, encrypted, in a folder, on an SFTP server or in an S3 bucket.",
        )}
      </p>
      {adding.value && (
        <AddRepositoryForm
          onAdded={(repo) => {
            adding.value = false;
            outcome.value = {
              repo: repo.id,
              text: t("Repository {{name}} added.", { name: repo.name }),
            };
            reload();
          }}
          onCancel={() => adding.value = false}
        />
      )}
      <ErrorNotice message={loadError.value} />
      <DataTable
        label={t("Repositories")}
        class="repositories-table"
        {...loadedRows(
          list,
          t("Loading repositories…"),
          t("No repositories yet. Add one to keep backups off this host."),
        )}
        {...rowsById("data-repo", (r: Repository) => r.name)}
        columns={columns}
      />
      {note && (
        <div class="repo-outcome" data-outcome-repo={outRepo ? outRepo.name : ""}>
          {note}
        </div>
      )}
      {shownRepo && (
        <section class="repo-backups-section" aria-labelledby="repo-backups-title">
          <h3 id="repo-backups-title">{t("Backups in {{name}}", { name: shownRepo.name })}</h3>
          <RepositoryBackups key={shownRepo.id} repo={shownRepo} />
        </section>
      )}
      {o?.what === "edit" && (
        <EditRepositoryDialog
          key={o.repo.id}
          dialogRef={dialogRef}
          repo={o.repo}
          onSaved={() => reload()}
          onClose={() => opened.value = null}
        />
      )}
      {o?.what === "check" && (
        <CheckDialog
          key={o.repo.id}
          dialogRef={dialogRef}
          repo={o.repo}
          onStarted={(job) => outcome.value = { repo: o.repo.id, job }}
          onClose={() => opened.value = null}
        />
      )}
      <AskDialog
        confirm={remove}
        title={t("Remove repository")}
        confirmLabel={t("Remove")}
        onConfirm={doRemove}
      >
        <p>
          {t(
            "KVM Manager forgets {{name}} and its password. The repository and its backups stay at {{location}}; with the password it can be attached again.",
            {
              name: remove.subject.value?.name ?? "",
              location: remove.subject.value?.location ?? "",
            },
          )}
        </p>
      </AskDialog>
    </Card>
  );
}
