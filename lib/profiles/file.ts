// The export file, NAME.kvmm-profile.json: a format marker and version around the profile's
// name, description and policy. Reading one refuses a newer version (VersionUnsupported) and any
// broken shape (InvalidFormat) before anything is saved. The profile inside is checked by the
// schemas of the API's bodies (lib/profiles/input.ts).

import type { z } from "zod";
import { isJsonObject, pathName, unknownKey, validated } from "../validate.ts";
import { DescriptionField, emptyPolicy, nameField, POLICY_SHAPE } from "./input.ts";
import { closedPart } from "./policy_input.ts";
import { invalidFormat, profileError } from "./errors.ts";
import {
  PROFILE_FILE_FORMAT,
  PROFILE_FILE_SUFFIX,
  PROFILE_FILE_VERSION,
  type ProfileDetails,
  type ProfileFile,
} from "../../shared/profiles.ts";
import { t } from "../../shared/i18n/t.ts";

/** The largest file an import reads. */
export const MAX_FILE_BYTES = 1024 * 1024;

export function profileFile(p: ProfileDetails, now: Date): ProfileFile {
  return {
    format: PROFILE_FILE_FORMAT,
    version: PROFILE_FILE_VERSION,
    exportedAt: now.toISOString(),
    profile: {
      name: p.name,
      description: p.description,
      agent: p.agent,
      alerts: p.alerts,
      backup: p.backup,
      tags: p.tags,
    },
  };
}

/** A file name for the download: the profile's name with anything odd made a dash. */
export function fileNameOf(name: string): string {
  const slug = name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "") || "profile";
  return slug + PROFILE_FILE_SUFFIX;
}

/** The profile a file holds: its name, description and policy, no other field. */
const FileProfile = closedPart({
  name: nameField(() => t("is missing or not a valid profile name")),
  description: DescriptionField,
  ...POLICY_SHAPE,
}, {
  notAnObject: () => t("must be an object with the profile's name and settings"),
  unknown: (key) => t('unknown field "{{key}}"', { key }),
});

/**
 * A problem of a file's profile, named as the format always has: the object `profile`, its name
 * `profile.name`, its description and settings by their own names ("alerts[0]").
 */
function fileRefusal(issue: z.core.$ZodIssue) {
  const field = pathName(issue.path);
  return invalidFormat(
    field === "" ? "profile" : field === "name" ? "profile.name" : field,
    issue.message,
  );
}

/** A file's text read back: its version and the profile it holds, fully checked. */
export function parseProfileFile(text: string): ProfileFile {
  if (new TextEncoder().encode(text).length > MAX_FILE_BYTES) {
    throw invalidFormat("file", t("is larger than {{size}} KiB", { size: MAX_FILE_BYTES / 1024 }));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw invalidFormat("file", t("is not JSON ({{error}})", { error: (err as Error).message }));
  }
  if (!isJsonObject(json)) {
    throw invalidFormat("file", t("is not a KVM Manager profile (not a JSON object)"));
  }
  const f = json;
  if (f.format !== PROFILE_FILE_FORMAT) {
    throw invalidFormat(
      "format",
      t('is {{format}}, expected "{{expected}}": not a KVM Manager profile', {
        format: String(JSON.stringify(f.format)),
        expected: PROFILE_FILE_FORMAT,
      }),
    );
  }
  const version = f.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw invalidFormat("version", t("must be a whole number from 1"));
  }
  if (version > PROFILE_FILE_VERSION) {
    throw profileError(
      "VersionUnsupported",
      t(
        "This profile file has format version {{version}}; this KVM Manager reads up to version {{supported}}. Import it with a newer KVM Manager.",
        { version, supported: PROFILE_FILE_VERSION },
      ),
      { version, supported: PROFILE_FILE_VERSION },
    );
  }
  const key = unknownKey(f, ["format", "version", "exportedAt", "profile"]);
  if (key !== undefined) throw invalidFormat("file", t('unknown field "{{key}}"', { key }));
  const { name, description, ...policy } = validated(FileProfile, f.profile, {
    refuse: fileRefusal,
  });
  return {
    format: PROFILE_FILE_FORMAT,
    version,
    exportedAt: typeof f.exportedAt === "string" ? f.exportedAt : "",
    profile: { name, description: description ?? null, ...emptyPolicy(), ...policy },
  };
}
