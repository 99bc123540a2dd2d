// What the volume routes take: new volumes' names and sizes, and the bodies of create, resize,
// clone and convert, checked at the boundary.

import { z } from "zod";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { VOLUME_FORMATS } from "../../shared/storage.ts";
import { MAX_VOLUME_BYTES } from "./disk_sources.ts";

/** The rule for new volume names, in the request's words. */
export const volumeNameRule = (): string =>
  t(
    "Invalid volume name: use 1-255 letters, digits, '.', '_', '+' or '-', not starting with '-' or '.', without '/' or '..'",
  );

/** The rule for new volume names; null when `name` is fine. */
export function volumeNameIssue(name: unknown): string | null {
  return typeof name === "string" && /^[A-Za-z0-9_+][A-Za-z0-9._+-]{0,254}$/.test(name) &&
      !name.includes("..")
    ? null
    : volumeNameRule();
}

/** A new volume's name, or 400 INVALID_NAME. */
export function checkNewName(name: unknown): string {
  const issue = volumeNameIssue(name);
  if (issue) throw new AppError("INVALID_NAME", issue, { field: "name" });
  return name as string;
}

export const GIB = 1024 ** 3;
const MAX_GB = MAX_VOLUME_BYTES / GIB;
export const bytesOf = (sizeGb: number) => Math.round(sizeGb * GIB);

const sizeRule = (sizeGb: unknown) =>
  t("Invalid size: {{size}} (must be more than 0 and at most {{max}} GB)", {
    size: String(sizeGb),
    max: String(MAX_GB),
  });
const closed = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? t('Unknown field "{{key}}"', { key: issue.keys[0] })
        : t("Body must be a JSON object"),
  });
const NAME = z.string({ error: volumeNameRule }).max(255, { error: volumeNameRule })
  .refine((name) => volumeNameIssue(name) === null, { error: volumeNameRule });
const SIZE = z.number({ error: (issue) => sizeRule(issue.input) })
  .gt(0, { error: (issue) => sizeRule(issue.input) })
  .max(MAX_GB, { error: (issue) => sizeRule(issue.input) })
  .meta({ description: "The size in GB (GiB), fractions allowed" });
export const VOLUME_CODES = {
  fields: { name: "INVALID_NAME", format: "INVALID_FORMAT", sizeGb: "INVALID_SIZE" },
  nameField: true,
} as const;

/** The body of `POST /api/pools/:pool/volumes`. */
export const VolumeCreateBody = closed({
  name: NAME,
  format: z.enum(VOLUME_FORMATS, {
    error: (issue) =>
      t('Invalid format "{{format}}": must be qcow2 or raw', { format: String(issue.input) }),
  }).nullable().optional(),
  sizeGb: SIZE,
});
/** The body of `POST /api/pools/:pool/volumes/:vol/resize`. */
export const VolumeResizeBody = closed({ sizeGb: SIZE });
/** The body of `POST /api/pools/:pool/volumes/:vol/clone`. */
export const VolumeCloneBody = closed({ name: NAME });
/** The body of `POST /api/pools/:pool/volumes/:vol/convert`. */
export const VolumeConvertBody = closed({
  name: NAME,
  format: z.enum(VOLUME_FORMATS, {
    error: (issue) =>
      t('Invalid format "{{format}}": must be qcow2 or raw', { format: String(issue.input) }),
  }),
});
