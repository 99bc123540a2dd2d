// The profile API's errors: the contract's codes, each with its HTTP status, answered as
// `{code, message, details}` (details always an object).

import { AppError } from "../errors.ts";
import type { ProfileErrorCode } from "../../shared/profiles.ts";

const STATUS: Record<ProfileErrorCode, number> = {
  ProfileNotFound: 404,
  ProfileNameExists: 409,
  InvalidName: 400,
  VmNotFound: 404,
  VmAlreadyAssigned: 409,
  NoProfileAssigned: 409,
  OverrideExists: 409,
  OverrideNotFound: 404,
  InvalidFormat: 400,
  VersionUnsupported: 422,
  NameCollision: 409,
  IoError: 500,
};

export function profileError(
  code: ProfileErrorCode,
  message: string,
  details: Record<string, unknown> = {},
  status = STATUS[code],
): AppError {
  return new AppError(status, code, message, { details });
}

export const profileNotFound = (id: string) =>
  profileError("ProfileNotFound", `Profile not found: ${id}`, { id });

export const nameExists = (name: string, existingProfileId: string) =>
  profileError("ProfileNameExists", `A profile named ${name} already exists`, {
    name,
    existingProfileId,
  });

/** InvalidFormat naming the field at fault. */
export const invalidFormat = (field: string, message: string) =>
  profileError("InvalidFormat", `${field}: ${message}`, { field });
