// `kvm-manager repo …`: off-host backup repositories (restic) through /api/backup-repositories:
// list, add, check, prune, their VM backups and restores; and `vm backup NAME --repo REPO`
// (backupToRepo). Long operations are jobs: the command waits for each to end and prints how.

import {
  repositoriesPath,
  repositoryActionPath,
  repositoryBackupsPath,
  repositoryJobPath,
  repositoryRestorePath,
  vmResticBackupPath,
} from "../shared/api_paths.ts";
import type { Repository, RepositoryBackup, ResticJob } from "../shared/restic.ts";
import { intValue, noWords, oneName, subcommandOf, textValue } from "./args.ts";
import { type CommandContext, GLOBAL_HELP, runCommand } from "./command.ts";
import { CliError, EXIT, usageError } from "./errors.ts";
import { out, printJson, table } from "./output.ts";
import { readInput } from "./read_input.ts";

export const REPO_USAGE = `Usage: kvm-manager repo COMMAND [NAME] [options]

Off-host backup repositories (restic): a local folder, SFTP or S3-compatible storage.
  list                        the repositories: name, kind, location, keep policy
  add NAME                    add one: restic init (or --existing to attach one)
    --kind local|sftp|s3      default local
    --location WHERE          /folder, user@host:/path or s3:https://host/bucket/path
    --password-file FILE      its password, read from FILE ("-": stdin); never printed
    --key-file FILE           sftp: the private key ssh uses (BatchMode, no prompt)
    --known-hosts FILE        sftp: known_hosts with the server's key (else: first use)
    --port N                  sftp: the server's port
    --keep-last N --keep-daily N --keep-weekly N --keep-monthly N
    --existing                attach an existing repository (the password must open it)
  snapshots NAME [--vm VM]    its VM backups, newest first (only VM's with --vm)
  check NAME [--read-data]    verify it (restic check; --read-data reads every pack)
  prune NAME                  forget and prune by its keep policy
  restore NAME BACKUP --name NEW --pool POOL
                              restore a VM backup as a new, stopped VM; with --host H
                              on host H (its disks uploaded into H's pool POOL)
  restore NAME BACKUP --in-place --vm VM [--definition]
                              restore it over VM, the VM it was taken of (shut off, not
                              protected); --definition puts its definition back too
  restore-disk NAME BACKUP --disk vda --pool POOL --volume VOL
                              restore one disk into a new raw volume
  (and: kvm-manager vm backup VM --repo NAME)

${GLOBAL_HELP}`;

export const REPO_OPTIONS = {
  kind: { type: "string" },
  location: { type: "string" },
  "password-file": { type: "string" },
  "key-file": { type: "string" },
  "known-hosts": { type: "string" },
  port: { type: "string" },
  "keep-last": { type: "string" },
  "keep-daily": { type: "string" },
  "keep-weekly": { type: "string" },
  "keep-monthly": { type: "string" },
  existing: { type: "boolean" },
  vm: { type: "string" },
  "read-data": { type: "boolean" },
  "in-place": { type: "boolean" },
  definition: { type: "boolean" },
  name: { type: "string" },
  pool: { type: "string" },
  disk: { type: "string" },
  volume: { type: "string" },
} as const;

const OWN_FLAGS: Record<string, string[]> = {
  add: [
    "kind",
    "location",
    "password-file",
    "key-file",
    "known-hosts",
    "port",
    "keep-last",
    "keep-daily",
    "keep-weekly",
    "keep-monthly",
    "existing",
  ],
  snapshots: ["vm"],
  check: ["read-data"],
  restore: ["name", "pool", "in-place", "definition", "vm"],
  "restore-disk": ["disk", "pool", "volume"],
};

/** `kvm-manager repo …`. */
export function repoCommand(args: string[]): Promise<number> {
  return runCommand(args, { options: REPO_OPTIONS, usage: REPO_USAGE }, async (ctx) => {
    const missing = "missing command: kvm-manager repo list|add|check|…, see --help";
    const { sub, rest } = subcommandOf(ctx, "repo", OWN_FLAGS, missing);
    switch (sub) {
      case "list":
        noWords(rest, "repo list");
        return await list(ctx);
      case "add":
        return await add(ctx, oneName(rest, "kvm-manager repo add NAME --location WHERE ..."));
      case "snapshots":
        return await snapshots(ctx, oneName(rest, "kvm-manager repo snapshots NAME [--vm VM]"));
      case "check": {
        const name = oneName(rest, "kvm-manager repo check NAME [--read-data]");
        const body = ctx.values["read-data"] ? { readData: true } : {};
        return await runJob(ctx, repositoryActionPath(name, "check"), body);
      }
      case "prune":
        return await runJob(
          ctx,
          repositoryActionPath(oneName(rest, "kvm-manager repo prune NAME"), "prune"),
        );
      case "restore":
      case "restore-disk":
        return await restore(ctx, sub, rest);
    }
    throw usageError(`unknown command "repo ${sub}": see kvm-manager repo --help`);
  });
}

async function list(ctx: CommandContext): Promise<number> {
  const res = await (await ctx.connect()).call<Repository[]>("GET", repositoriesPath());
  if (ctx.json) printJson(res.text);
  else {
    const keep = (r: Repository) =>
      Object.entries(r.keep).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(", ") ||
      "-";
    out(table(
      ["NAME", "KIND", "LOCATION", "KEEP", "CHECK"],
      res.body.map((r) => [r.name, r.kind, r.location, keep(r), r.checkSchedule ?? "-"]),
    ));
  }
  return EXIT.OK;
}

async function add(ctx: CommandContext, name: string): Promise<number> {
  const v = ctx.values;
  const location = textValue(v, "location");
  const passwordFile = textValue(v, "password-file");
  if (!location) throw usageError("repo add needs --location");
  if (!passwordFile) {
    throw usageError("repo add needs --password-file (the password is never a flag)");
  }
  const password = (await readInput(passwordFile)).replace(/\r?\n$/, "");
  const keep = {
    last: intValue(v, "keep-last"),
    daily: intValue(v, "keep-daily"),
    weekly: intValue(v, "keep-weekly"),
    monthly: intValue(v, "keep-monthly"),
  };
  const body = {
    name,
    kind: textValue(v, "kind") ?? "local",
    location,
    password,
    keyFile: textValue(v, "key-file"),
    knownHostsFile: textValue(v, "known-hosts"),
    port: intValue(v, "port"),
    keep,
    existing: v.existing === true ? true : undefined,
  };
  const res = await (await ctx.connect()).call<Repository>("POST", repositoriesPath(), { body });
  if (ctx.json) printJson(res.text);
  else out(`Added repository ${res.body.name} (${res.body.kind} ${res.body.location})\n`);
  return EXIT.OK;
}

async function snapshots(ctx: CommandContext, name: string): Promise<number> {
  const vm = textValue(ctx.values, "vm");
  const res = await (await ctx.connect()).call<RepositoryBackup[]>(
    "GET",
    repositoryBackupsPath(name),
    { query: { vm } },
  );
  if (ctx.json) printJson(res.text);
  else {
    out(table(
      ["BACKUP", "TIME", "VM", "HOST", "DISKS"],
      res.body.map((
        b,
      ) => [b.id, b.time, b.vmName || b.vmId, b.hostId, b.disks.map((d) => d.target).join(",")]),
    ));
  }
  return EXIT.OK;
}

async function restore(ctx: CommandContext, sub: "restore" | "restore-disk", rest: string[]) {
  if (rest.length !== 2) throw usageError(`usage: kvm-manager repo ${sub} NAME BACKUP ...`);
  const v = ctx.values;
  const need = (flag: string) => {
    const value = textValue(v, flag);
    if (!value) throw usageError(`repo ${sub} needs --${flag}`);
    return value;
  };
  if (v["in-place"]) {
    if (v.name || v.pool) throw usageError("repo restore --in-place takes no --name or --pool");
    const vm = need("vm");
    const body = v.definition ? { vm, definition: true } : { vm };
    return await runJob(ctx, repositoryRestorePath(rest[0], rest[1], "restore-in-place"), body);
  }
  if (v.definition) throw usageError("--definition goes with --in-place");
  if (sub === "restore-disk") {
    const body = { target: need("disk"), pool: need("pool"), volume: need("volume") };
    return await runJob(ctx, repositoryRestorePath(rest[0], rest[1], sub), body);
  }
  // Repositories are the server's: the request goes to it, naming the host to restore onto.
  const host = (await ctx.connect()).settings.host;
  const body = { name: need("name"), pool: need("pool"), ...(host ? { host } : {}) };
  return await runJob(ctx, repositoryRestorePath(rest[0], rest[1], sub), body, {
    host: host ? "local" : undefined,
  });
}

/** `kvm-manager vm backup VM --repo REPO`. */
export async function backupToRepo(ctx: CommandContext, vm: string, repo: string) {
  return await runJob(ctx, vmResticBackupPath(vm), { repository: repo });
}

/** Starts a job (202) and waits for its end: exit 0 when it succeeded, else its error. */
async function runJob(
  ctx: CommandContext,
  path: string,
  body?: unknown,
  query: { host?: string } = {},
): Promise<number> {
  const api = await ctx.connect();
  let job = (await api.call<ResticJob>("POST", path, { body, query })).body;
  while (job.status === "running") {
    await new Promise((r) => setTimeout(r, 1000));
    job = (await api.call<ResticJob>("GET", repositoryJobPath(job.id), { query })).body;
  }
  return finished(ctx, job);
}

function finished(ctx: CommandContext, job: ResticJob): number {
  if (ctx.json) printJson(JSON.stringify(job));
  if (job.status !== "succeeded") {
    const error = job.error ?? { code: "CANCELLED", message: "cancelled" };
    throw new CliError(EXIT.REFUSED, error.code, error.message);
  }
  if (!ctx.json) out(`${job.kind} ${job.status}: ${JSON.stringify(job.result)}\n`);
  return EXIT.OK;
}
