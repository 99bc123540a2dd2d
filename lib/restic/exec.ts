// A helper program run to its end (qemu-img): arguments as data, never a shell; its stderr in
// the error when it fails; killed when `signal` aborts.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";

export async function runCommand(program: string, args: string[], signal?: AbortSignal) {
  const child = new Deno.Command(program, {
    args,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    signal,
  }).spawn();
  const out = await child.output();
  if (signal?.aborted) throw new AppError("BACKUP_CANCELLED", t("Cancelled: restic was stopped"));
  if (!out.success) {
    throw new AppError(
      "IoError",
      t("{{program}} failed: {{reason}}", {
        program,
        reason: new TextDecoder().decode(out.stderr).trim().slice(-500),
      }),
    );
  }
}
