// The profile API's errors: the contract's codes (their statuses are in shared/errors.ts), answered as
// `{code, message, details}` (details always an object).

import { AppError } from "../errors.ts";
import type { ProfileErrorCode } from "../../shared/profiles.ts";
import { t } from "../../shared/i18n/t.ts";

/** `cause`: the error behind it (the store's, say), logged with a 5xx and never sent. */
export function profileError(
  code: ProfileErrorCode,
  message: string,
  details: Record<string, unknown> = {},
  status?: number,
  cause?: unknown,
): AppError {
  return new AppError(code, message, { details }, { status, cause });
}

export const profileNotFound = (id: string) =>
  profileError("ProfileNotFound", t("Profile not found: {{id}}", { id }), { id });

export const nameExists = (name: string, existingProfileId: string) =>
  profileError("ProfileNameExists", t("A profile named {{name}} already exists", { name }), {
    name,
    existingProfileId,
  });

/** InvalidFormat naming the field at fault. */
export const invalidFormat = (field: string, message: string) =>
  profileError("InvalidFormat", `${field}: ${message}`, { field });
