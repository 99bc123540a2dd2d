// Off-host backup repositories API (restic, issue 47), mounted at /api: repositories (admin),
// a VM's backup into one, their backups, restore, prune and check. Long work answers 202 with
// the job ({id, taskId, status: "running"}); GET /backup-repositories/jobs/:id tells its end.

import { z } from "zod";
import type { ResticService } from "../../lib/restic/service.ts";
import {
  REPO_CODES,
  RepositoryBody,
  RepositoryUpdateBody,
  ResticBackupBody,
  ResticCheckBody,
  ResticRestoreBody,
  ResticRestoreDiskBody,
  ResticRestoreInPlaceBody,
} from "../../lib/restic/input.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { VM_ID } from "./vms.ts";

export function resticRoutes(restic: ResticService): DeclaredApp {
  // Repositories are kept in the app store; only admins see or change them.
  const app = new DeclaredApp({ access: "admin", writesStore: true });
  const job = { 202: "The job, running: {id, kind, repository, status, taskId}" };

  app.GET("/backup-repositories", "List backup repositories (never their passwords)", {
    answer: "ResticRepositoryList",
  }, reply(() => restic.list()));
  app.POST("/backup-repositories", "Add a repository: restic init, or attach an existing one", {
    audit: "repository.create",
    body: { schema: RepositoryBody, ...REPO_CODES },
    responses: { 201: "The repository (hasPassword: true, no password)" },
    answer: "ResticRepository",
  }, reply((_, body) => restic.create(body)));
  // Before /backup-repositories/:id, which would otherwise take "jobs" for an id.
  app.GET(
    "/backup-repositories/jobs/:job",
    "A repository job: running, or how it ended with its result",
    { answer: "ResticJob" },
    reply(({ job }) => restic.job(job)),
  );
  app.POST("/backup-repositories/jobs/:job/cancel", "Cancel a repository job", {
    audit: "repository.job-cancel",
    writesStore: false,
    answer: "ResticJob",
  }, reply(({ job }) => restic.cancel(job)));
  app.GET("/backup-repositories/:id", "One repository", {
    answer: "ResticRepository",
  }, reply(({ id }) => restic.get(id)));
  app.PUT("/backup-repositories/:id", "Change a repository's keep policy, check schedule or key", {
    audit: "repository.update",
    body: { schema: RepositoryUpdateBody, ...REPO_CODES },
    answer: "ResticRepository",
  }, reply(({ id }, body) => restic.update(id, body)));
  app.DELETE("/backup-repositories/:id", "Forget a repository here (its data stays)", {
    audit: "repository.delete",
    responses: { 204: "Forgotten" },
  }, reply(({ id }) => restic.delete(id)));
  app.GET("/backup-repositories/:id/backups", "The VM backups in a repository, newest first", {
    query: { vm: z.string().optional().meta({ description: "Only this VM's (UUID or name)" }) },
    answer: "ResticRepositoryBackupList",
  }, async (c) => c.json(await restic.backups(c.req.param("id"), c.req.query("vm") || undefined)));
  app.POST("/backup-repositories/:id/check", "Check a repository (restic check)", {
    audit: "repository.check",
    writesStore: false,
    body: { schema: ResticCheckBody, empty: undefined, ...REPO_CODES },
    responses: job,
    answer: "ResticJob",
  }, reply(({ id }, body) => restic.startCheck(id, body)));
  app.POST("/backup-repositories/:id/prune", "Forget and prune by the keep policy", {
    audit: "repository.prune",
    writesStore: false,
    responses: job,
    answer: "ResticJob",
  }, reply(({ id }) => restic.startPrune(id)));
  app.POST(
    "/backup-repositories/:id/backups/:backup/restore",
    "Restore a VM backup as a new, stopped VM, here or on another host",
    {
      audit: "repository.restore",
      writesStore: false,
      body: { schema: ResticRestoreBody, ...REPO_CODES },
      responses: job,
      answer: "ResticJob",
    },
    reply(({ id, backup }, body) => restic.startRestore(id, backup, body)),
  );
  app.POST(
    "/backup-repositories/:id/backups/:backup/restore-in-place",
    "Restore a VM backup over the VM it was taken of (shut off, not protected)",
    {
      audit: "repository.restore-in-place",
      writesStore: false,
      body: { schema: ResticRestoreInPlaceBody, empty: undefined, ...REPO_CODES },
      responses: {
        ...job,
        409: "The VM runs (INVALID_STATE) or is protected (VM_PROTECTED)",
      },
      answer: "ResticJob",
    },
    reply(({ id, backup }, body) => restic.startRestoreInPlace(id, backup, body)),
  );
  app.POST(
    "/backup-repositories/:id/backups/:backup/restore-disk",
    "Restore one disk of a VM backup into a new volume",
    {
      audit: "repository.restore-disk",
      writesStore: false,
      body: { schema: ResticRestoreDiskBody, ...REPO_CODES },
      responses: job,
      answer: "ResticJob",
    },
    reply(({ id, backup }, body) => restic.startRestoreDisk(id, backup, body)),
  );
  app.POST("/vms/:id/backups/restic", "Back up a VM into a restic repository", {
    audit: "repository.backup",
    writesStore: false,
    params: VM_ID,
    body: { schema: ResticBackupBody, ...REPO_CODES },
    responses: job,
    answer: "ResticJob",
  }, reply(({ id }, body) => restic.startBackup(id, body)));
  return app;
}
