// qemu-img runs that take a while (convert, rebase): its `-p` progress goes to the request's
// task, and a failure comes back as qemu-img's last words.

import { currentTask } from "../tasks/current.ts";

/** "    (45.03/100%)" as qemu-img -p prints it: the fraction done, or null. */
export function qemuImgProgress(text: string): number | null {
  const all = [...text.matchAll(/\((\d+(?:\.\d+)?)\/100%\)/g)];
  return all.length ? Number(all[all.length - 1][1]) / 100 : null;
}

/**
 * Runs `qemu-img ARGS` (with -p among them); null when it succeeded, else why it failed.
 * `part`: this run is the share [from, to] of the task's work (one disk of several).
 */
export async function qemuImgWithProgress(
  args: string[],
  part: [number, number] = [0, 1],
): Promise<string | null> {
  const task = currentTask();
  const child = new Deno.Command("qemu-img", { args, stdout: "piped", stderr: "piped" }).spawn();
  const decoder = new TextDecoder();
  let errors = "";
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
  const status = await child.status;
  if (status.success) return null;
  return errors.trim().split("\n").at(-1) || `qemu-img exit ${status.code}`;
}
