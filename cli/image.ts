// `kvm-manager image …`: downloads from a URL into a pool (POST /api/images/downloads), followed
// to their end through the task log when asked, and what downloads may reach
// (GET/PUT /api/images/settings).

import {
  imageDownloadsPath,
  imageSettingsPath,
  imagesPath,
  taskPath,
} from "../shared/api_paths.ts";
import type {
  DownloadRequest,
  DownloadStarted,
  ImageLibrary,
  ImageSettings,
} from "../shared/images.ts";
import type { Task } from "../shared/tasks.ts";
import { intValue, noWords, subcommandOf, textValue } from "./args.ts";
import { type CommandContext, GLOBAL_HELP, runCommand } from "./command.ts";
import { CliError, EXIT, usageError } from "./errors.ts";
import { err, fields, out, printJson, size, table } from "./output.ts";

export const IMAGE_USAGE = `Usage: kvm-manager image COMMAND [options]

  list                        the image library: id, kind, name, pools that hold it
  download URL|ID --pool POOL download an http(s) file (or a library image by its id) into
                              a new volume of POOL (a .gz is unpacked); the server fetches it
                              as a task
      --name NAME             the volume's name (default: the URL's file name without .gz)
      --checksum sha256:HEX   the published checksum (or sha512:HEX) ...
      --checksum-url URL      ... or a SHA256SUMS file listing the file
      --wait                  follow the task to its end: progress on stderr, exit 1 when it
                              fails or is cancelled
  settings                    what downloads may reach beyond public addresses, and the cap
      --allow ADDRS           set the allowed sources: addresses or networks, comma-separated
                              (e.g. 127.0.0.1,10.0.0.0/8; "" allows none)
      --max-bytes N           set the largest download, in bytes

${GLOBAL_HELP}`;

const OPTIONS = {
  pool: { type: "string" },
  name: { type: "string" },
  checksum: { type: "string" },
  "checksum-url": { type: "string" },
  wait: { type: "boolean" },
  allow: { type: "string" },
  "max-bytes": { type: "string" },
} as const;

const OWN_FLAGS: Record<string, string[]> = {
  list: [],
  download: ["pool", "name", "checksum", "checksum-url", "wait"],
  settings: ["allow", "max-bytes"],
};

/** `kvm-manager image …`. */
export function imageCommand(args: string[]): Promise<number> {
  return runCommand(args, { options: OPTIONS, usage: IMAGE_USAGE }, async (ctx) => {
    const missing = "missing command: kvm-manager image download|settings, see --help";
    const { sub, rest } = subcommandOf(ctx, "image", OWN_FLAGS, missing);
    switch (sub) {
      case "list":
        noWords(rest, "image list", "argument");
        return await list(ctx);
      case "download":
        if (rest.length !== 1) {
          throw usageError("usage: kvm-manager image download URL|ID --pool POOL [--wait]");
        }
        return await download(ctx, rest[0]);
      case "settings":
        noWords(rest, "image settings", "argument");
        return await settings(ctx);
    }
    throw usageError(`unknown command "image ${sub}": see kvm-manager image --help`);
  });
}

async function list(ctx: CommandContext): Promise<number> {
  const res = await (await ctx.connect()).call<ImageLibrary>("GET", imagesPath());
  if (ctx.json) printJson(res.text);
  else {
    out(table(
      ["ID", "KIND", "NAME", "IN POOLS", "URL"],
      res.body.images.map((i) => [
        i.id,
        i.kind,
        i.name,
        i.inPools.join(",") || "-",
        i.downloadUrl,
      ]),
    ));
  }
  return EXIT.OK;
}

async function download(ctx: CommandContext, url: string): Promise<number> {
  const pool = textValue(ctx.values, "pool");
  if (!pool) throw usageError("image download needs --pool POOL");
  // A library id is a bare word; anything with a scheme is a URL.
  const body: DownloadRequest = /^[a-z][a-z0-9+.-]*:/i.test(url)
    ? { url, pool }
    : { image: url, pool };
  const name = textValue(ctx.values, "name");
  const checksum = textValue(ctx.values, "checksum");
  const checksumUrl = textValue(ctx.values, "checksum-url");
  if (name !== undefined) body.name = name;
  if (checksum !== undefined) body.checksum = checksum;
  if (checksumUrl !== undefined) body.checksumUrl = checksumUrl;
  const api = await ctx.connect();
  const res = await api.call<DownloadStarted>("POST", imageDownloadsPath(), { body });
  const started = res.body;
  if (ctx.values.wait !== true || started.taskId === null) {
    if (ctx.json) printJson(res.text);
    else {
      out(
        `Downloading ${url} into ${started.pool}/${started.name} (${size(started.size)})` +
          (started.taskId !== null ? `, task ${started.taskId}` : "") + "\n",
      );
    }
    return EXIT.OK;
  }
  const task = await follow(ctx, started.taskId);
  if (task.status === "succeeded") {
    if (ctx.json) printJson(JSON.stringify(task));
    if (!ctx.json) out(`${task.message ?? `Downloaded ${started.name}`}\n`);
    return EXIT.OK;
  }
  throw new CliError(
    EXIT.REFUSED,
    task.code ?? task.status.toUpperCase(),
    task.message ?? `the download ${task.status}`,
  );
}

/** Polls the task until it ends, saying its progress on stderr when it changes. */
async function follow(ctx: CommandContext, id: number): Promise<Task> {
  const api = await ctx.connect();
  let said = "";
  for (;;) {
    const task = (await api.call<Task>("GET", taskPath(id))).body;
    if (task.status !== "running") return task;
    const words = task.message ??
      (task.progress === null ? "running" : `${Math.round(task.progress * 100)} %`);
    if (words !== said && !ctx.json) err(`${words}\n`);
    said = words;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function settings(ctx: CommandContext): Promise<number> {
  const api = await ctx.connect();
  const allow = textValue(ctx.values, "allow");
  const maxBytes = intValue(ctx.values, "max-bytes");
  let res;
  if (allow === undefined && maxBytes === undefined) {
    res = await api.call<ImageSettings>("GET", imageSettingsPath());
  } else {
    const now = (await api.call<ImageSettings>("GET", imageSettingsPath())).body;
    const body: ImageSettings = {
      allowedSources: allow === undefined
        ? now.allowedSources
        : allow.split(",").map((s) => s.trim()).filter(Boolean),
      maxDownloadBytes: maxBytes ?? now.maxDownloadBytes,
      mirrors: now.mirrors,
    };
    res = await api.call<ImageSettings>("PUT", imageSettingsPath(), { body });
  }
  if (ctx.json) printJson(res.text);
  else {
    out(fields([
      ["Allowed sources", res.body.allowedSources.join(", ") || "none (public addresses only)"],
      [
        "Largest download",
        `${size(res.body.maxDownloadBytes)} (${res.body.maxDownloadBytes} bytes)`,
      ],
    ]));
  }
  return EXIT.OK;
}
