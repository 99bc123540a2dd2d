// restic's failures in a user's words: what it printed on stderr (it has no error codes in 0.14)
// read once here and turned into AppErrors with codes callers and the UI can test.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";

/** The last few lines restic printed, for the message. */
function tail(stderr: string): string {
  return stderr.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("{"))
    .slice(-3).join(" ").slice(0, 500);
}

/** The AppError for restic ending with `code` after printing `stderr`; `name` the repository. */
export function resticError(name: string, code: number | null, stderr: string): AppError {
  const words = tail(stderr);
  if (/wrong password or no key found/i.test(stderr)) {
    return new AppError(
      "RESTIC_WRONG_PASSWORD",
      t("The password does not open repository {{name}}", { name }),
    );
  }
  if (
    /Is there a repository at the following location\?|unable to open config file|repository does not exist/i
      .test(stderr)
  ) {
    return new AppError(
      "RESTIC_REPO_NOT_FOUND",
      t("There is no restic repository at the location of {{name}}: {{reason}}", {
        name,
        reason: words,
      }),
    );
  }
  if (
    /repository contains errors|Pack ID does not match|ciphertext verification failed/i.test(stderr)
  ) {
    return new AppError(
      "RESTIC_CHECK_FAILED",
      t("Repository {{name}} is damaged: {{reason}}", { name, reason: words }),
    );
  }
  if (/repository is already locked/i.test(stderr)) {
    return new AppError(
      "RESTIC_LOCKED",
      t("Repository {{name}} is in use by another restic run: {{reason}}", { name, reason: words }),
    );
  }
  if (/config file already exists/i.test(stderr)) {
    return new AppError(
      "RESTIC_REPO_EXISTS",
      t("A repository already exists at the location of {{name}}", { name }),
    );
  }
  if (
    /ssh command exited|Permission denied|Host key verification failed|Connection refused/i.test(
      stderr,
    )
  ) {
    return new AppError(
      "RESTIC_UNREACHABLE",
      t("Repository {{name}} cannot be reached: {{reason}}", { name, reason: words }),
    );
  }
  return new AppError(
    "RESTIC_FAILED",
    t("restic failed on repository {{name}} (exit {{code}}): {{reason}}", {
      name,
      code: String(code ?? "?"),
      reason: words || t("no reason given"),
    }),
  );
}

/** restic is not installed. */
export function resticMissing(program: string): AppError {
  return new AppError(
    "RESTIC_MISSING",
    t(
      "restic is not installed on this server ({{program}} not found): install Debian's restic package",
      {
        program,
      },
    ),
  );
}
