// qemu-img runs: `info` on an image named exactly (a json: spec of pinned files), and runs that
// take a while (convert, rebase), whose `-p` progress goes to the request's task, which can
// stop them (the child is killed and the task ends "cancelled"); a failure comes back as
// qemu-img's last words.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { currentTask } from "../tasks/current.ts";

/** What `qemu-img info` says of an image, as far as we read it. */
export interface ImageInfo {
  format: string;
  "virtual-size": number;
  "backing-filename"?: string;
  "backing-filename-format"?: string;
  "format-specific"?: {
    type: string;
    data?: { extents?: { filename: string }[]; "data-file"?: string };
  };
}

/** qemu-img's node for a file already opened (a pinned file's /proc/PID/fd/N). */
export const fileNode = (path: string) => ({ driver: "file", filename: path });

/** A json: image name: qemu-img opens the nodes it describes and nothing else by name. */
export const jsonSpec = (node: Record<string, unknown>) => `json:${JSON.stringify(node)}`;

/**
 * `qemu-img info` of `spec` (a path or a json: name), without a backing file's (-U: read while
 * another holds it); `{info}` or qemu-img's last words.
 */
export async function qemuImgInfo(spec: string): Promise<{ info: ImageInfo } | { error: string }> {
  const r = await new Deno.Command("qemu-img", {
    args: ["info", "-U", "--output=json", spec],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  if (!r.success) return { error: dec.decode(r.stderr).trim().split("\n").at(-1) ?? "" };
  return { info: JSON.parse(dec.decode(r.stdout)) as ImageInfo };
}

/**
 * Runs a short `qemu-img ARGS` (create, resize: no output wanted, no progress); null when it
 * succeeded, else qemu-img's last words, for the caller to put in its own sentence.
 */
export async function qemuImgRun(args: string[]): Promise<string | null> {
  const r = await new Deno.Command("qemu-img", { args, stdout: "null", stderr: "piped" }).output();
  if (r.success) return null;
  return new TextDecoder().decode(r.stderr).trim().split("\n").at(-1) ?? "";
}

/** "    (45.03/100%)" as qemu-img -p prints it: the fraction done, or null. */
export function qemuImgProgress(text: string): number | null {
  const all = [...text.matchAll(/\((\d+(?:\.\d+)?)\/100%\)/g)];
  return all.length ? Number(all[all.length - 1][1]) / 100 : null;
}

/**
 * Runs `qemu-img ARGS` (with -p among them); null when it succeeded, else why it failed.
 * `part`: this run is the share [from, to] of the task's work (one disk of several). While it
 * runs, the task may be cancelled: qemu-img is killed, the task ends "cancelled" and this throws
 * 409 OPERATION_CANCELLED, so the caller removes what it made as for any failure.
 */
export async function qemuImgWithProgress(
  args: string[],
  part: [number, number] = [0, 1],
): Promise<string | null> {
  const task = currentTask();
  const child = new Deno.Command("qemu-img", { args, stdout: "piped", stderr: "piped" }).spawn();
  let cancelled = false;
  task?.cancellable(async () => {
    cancelled = true;
    try {
      child.kill("SIGKILL");
    } catch {
      // It ended by itself meanwhile.
    }
    await child.status;
  });
  const decoder = new TextDecoder();
  let errors = "";
  try {
    await Promise.all([
      (async () => {
        for await (const chunk of child.stdout) {
          const done = qemuImgProgress(decoder.decode(chunk, { stream: true }));
          if (done !== null) task?.progress(part[0] + done * (part[1] - part[0]));
        }
      })(),
      (async () => {
        for await (const chunk of child.stderr) errors += decoder.decode(chunk, { stream: true });
      })(),
    ]);
  } finally {
    task?.cancellable(null);
  }
  const status = await child.status;
  if (cancelled) {
    const words = t("Cancelled: qemu-img was stopped and what it had made is removed");
    task?.cancelled(words);
    throw new AppError("OPERATION_CANCELLED", words);
  }
  if (status.success) return null;
  return errors.trim().split("\n").at(-1) || `qemu-img exit ${status.code}`;
}
