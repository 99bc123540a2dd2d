// The bodies the repository API takes, checked at the boundary: a repository's settings (its
// password and S3 secret write-only), a VM backup into one, a restore and a check.

import { z } from "zod";
import type { IssueCodes } from "../validate.ts";
import { REPOSITORY_KINDS } from "../../shared/restic.ts";
import { vmName } from "../vms/input.ts";
import { SSH_WORD } from "./command.ts";
import { hostParses, parseS3Location, sftpParts } from "./location.ts";
import { t } from "../../shared/i18n/t.ts";

export const REPO_CODES: IssueCodes = { code: "INVALID_INPUT", nameField: true };

/** Snapshots kept per rule, at most this many. */
export const MAX_KEEP_RULE = 1000;

const path = (what: string) =>
  z.string().min(1).max(4096).refine((p) => p.startsWith("/") && !p.includes("\0"), {
    error: () => t("{{what}} must be an absolute path", { what }),
  });

/**
 * A file named in ssh's command line (sftp.command): restic splits that line at any Unicode
 * space (U+0085 too) and at quotes, and its -o option at commas, so anything past these
 * characters would reach ssh as an option of its own (-oProxyCommand=… runs a program as root).
 */
const sshPath = (what: string) =>
  path(what).refine((p) => SSH_WORD.test(p), {
    error: () => t("{{what}} may hold only letters, digits and . _ - + @ /", { what }),
  });

const count = z.number().int().min(0).max(MAX_KEEP_RULE);

export const KeepBody = z.strictObject({
  last: count.optional(),
  daily: count.optional(),
  weekly: count.optional(),
  monthly: count.optional(),
});

/** user@host:/path, the user and host starting with a letter or digit (never an ssh option). */
export const SFTP_LOCATION = /^[A-Za-z0-9_][A-Za-z0-9._-]*@[A-Za-z0-9][A-Za-z0-9.-]*:\/./;

/** The body of POST /api/backup-repositories. */
export const RepositoryBody = z.strictObject({
  name: z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    error: () => t("name must be letters, digits, '.', '_' or '-'"),
  }).meta({ description: "Unique name, e.g. offsite" }),
  kind: z.enum(REPOSITORY_KINDS).meta({ description: "local, sftp or s3" }),
  location: z.string().min(1).max(1024).refine((s) => !/[\0\n\s]/.test(s), {
    error: () => t("location must not hold spaces or line breaks"),
  }).meta({
    description: "local: /folder; sftp: user@host:/path; s3: s3:https://host/bucket/path",
  }),
  password: z.string().min(8).max(1024).meta({ description: "Write-only: never answered" }),
  keyFile: sshPath("keyFile").nullable().optional(),
  knownHostsFile: sshPath("knownHostsFile").nullable().optional(),
  port: z.number().int().min(1).max(65535).nullable().optional(),
  accessKeyId: z.string().min(1).max(256).nullable().optional(),
  secretKey: z.string().min(1).max(1024).nullable().optional().meta({
    description: "Write-only",
  }),
  keep: KeepBody.optional(),
  checkSchedule: z.string().max(100).regex(/^\S+( \S+){4}$/, {
    error: () => t("checkSchedule must be a 5-field cron expression"),
  }).nullable().optional(),
  /** Attach a repository that exists already (its password must open it) rather than init. */
  existing: z.boolean().optional().meta({
    description: "true: attach an existing repository (the password must open it)",
  }),
}).superRefine((b, ctx) => {
  if (b.kind === "local" && !b.location.startsWith("/")) {
    ctx.addIssue({
      code: "custom",
      path: ["location"],
      message: t("location must be an absolute folder path"),
    });
  }
  // The user and host reach ssh's command line: a leading "-" would be read as an option
  // (-oProxyCommand=… runs a program as root), so both start with a letter or digit.
  if (
    b.kind === "sftp" &&
    (!SFTP_LOCATION.test(b.location) || !hostParses(sftpParts(b.location).host))
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["location"],
      message: t("location must be user@host:/path"),
    });
  }
  // The host and port restic connects to, strictly: keys in the URL would be answered with the
  // location and shown in restic's errors, the audit log and the process list (they go in
  // accessKeyId and secretKey); over plain HTTP only an address (location.ts says why).
  const s3 = b.kind === "s3" ? parseS3Location(b.location) : null;
  if (typeof s3 === "string") {
    ctx.addIssue({ code: "custom", path: ["location"], message: s3 });
  }
  // Without both keys, restic's S3 library looks for credentials elsewhere: the server's own
  // AWS files, and at last the cloud's metadata service (169.254.169.254), whose keys it would
  // then send to the repository's host.
  if (b.kind === "s3" && (!b.accessKeyId || !b.secretKey)) {
    ctx.addIssue({
      code: "custom",
      path: [b.accessKeyId ? "secretKey" : "accessKeyId"],
      message: t("An S3 repository needs both accessKeyId and secretKey"),
    });
  }
});

/** The body of PUT /api/backup-repositories/:id: what may change (never the location). */
export const RepositoryUpdateBody = z.strictObject({
  keep: KeepBody.optional(),
  checkSchedule: RepositoryBody.shape.checkSchedule,
  keyFile: RepositoryBody.shape.keyFile,
  knownHostsFile: RepositoryBody.shape.knownHostsFile,
  port: RepositoryBody.shape.port,
});

/** The body of POST /api/vms/:id/backups/restic. */
export const ResticBackupBody = z.strictObject({
  repository: z.string().min(1).max(64).meta({ description: "Repository id or name" }),
});

/** The body of POST /api/backup-repositories/:id/backups/:backup/restore. */
export const ResticRestoreBody = z.strictObject({
  name: vmName.meta({ description: "The new VM's name" }),
  pool: z.string().min(1).max(255).meta({
    description: "The pool for the disks: a local folder pool, or with host any pool there",
  }),
  host: z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/).optional().meta({
    description: "Restore onto this host (its id, lib/hosts/); default this one",
  }),
});

/** The body of POST /api/backup-repositories/:id/backups/:backup/restore-in-place. */
export const ResticRestoreInPlaceBody = z.strictObject({
  // Named by the user, never taken from the backup: a repository written off this host could
  // otherwise name any VM here as the one to overwrite.
  vm: z.string().min(1).max(255).meta({
    description: "The VM to restore over (name or UUID); must be the VM the backup was taken of",
  }),
  definition: z.boolean().optional().meta({
    description: "true: put back the backed-up definition too (the VM keeps its UUID and name)",
  }),
});

/** The body of POST /api/backup-repositories/:id/backups/:backup/restore-disk. */
export const ResticRestoreDiskBody = z.strictObject({
  target: z.string().min(1).max(32).regex(/^[a-z0-9]+$/).meta({ description: "Disk, e.g. vda" }),
  pool: z.string().min(1).max(255),
  volume: z.string().min(1).max(255).regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/).meta({
    description: "The new volume's name (raw)",
  }),
});

/** The body of POST /api/backup-repositories/:id/check. */
export const ResticCheckBody = z.strictObject({
  readData: z.boolean().optional().meta({ description: "Read every pack (--read-data)" }),
  readDataSubset: z.string().regex(/^(\d{1,3}(\.\d+)?%|\d+\/\d+)$/).optional().meta({
    description: 'e.g. "10%" or "1/5" (--read-data-subset)',
  }),
}).nullable().optional();
