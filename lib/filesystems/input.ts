// Checks a shared folder before libvirt sees it: the body's shape, the tag (bounded, safe
// characters), and the host folder: absolute, no "..", an existing folder inside the allowed
// storage roots both as written and after following symbolic links.

import { z } from "zod";
import { AppError } from "../errors.ts";
import { closedObject, fieldCodes, trueOrFalse } from "../validate.ts";
import { cleanAbsolutePath } from "../storage/pool_input.ts";
import { MAX_TAG_LENGTH, TAG_PATTERN } from "../../shared/filesystems.ts";
import { t } from "../../shared/i18n/t.ts";

const invalid = (message: string, field: string) =>
  new AppError("INVALID_SHARED_FOLDER", message, { field });

/** The tag rule; null when `tag` is fine. */
export function tagIssue(tag: unknown): string | null {
  if (typeof tag === "string" && tag.length <= MAX_TAG_LENGTH && TAG_PATTERN.test(tag)) {
    return null;
  }
  return t(
    'Invalid tag "{{tag}}": 1 to {{max}} letters, digits, ".", "_" or "-", starting with a letter or digit',
    { tag: String(tag ?? ""), max: MAX_TAG_LENGTH },
  );
}

const sourceRule = (source: unknown) =>
  t('Invalid folder "{{path}}": must be an absolute path without "." or ".."', {
    path: String(source ?? ""),
  });

const shape = {
  source: z.string({ error: (i) => sourceRule(i.input) }).max(4096, {
    error: (i) => sourceRule(i.input),
  }).meta({ description: "The host folder, inside the allowed storage roots" }),
  tag: z.string({ error: (i) => tagIssue(i.input) ?? undefined }).superRefine((tag, ctx) => {
    const issue = tagIssue(tag);
    if (issue) ctx.addIssue({ code: "custom", message: issue, input: tag });
  }).meta({
    description: `The mount tag the guest names (mount -t virtiofs TAG DIR): 1-${MAX_TAG_LENGTH} ` +
      "letters, digits, '.', '_', '-', unique in the VM",
  }),
  readOnly: trueOrFalse("readOnly").optional().meta({
    description: "The guest may read but not write (default false)",
  }),
};

export const FilesystemAddBody = closedObject(shape, { code: "INVALID_SHARED_FOLDER" });

/** The codes a refused body answers with. */
export const FILESYSTEM_CODES = {
  fields: fieldCodes(shape, "INVALID_SHARED_FOLDER"),
  nameField: true,
};

export type FilesystemAddInput = z.output<typeof FilesystemAddBody>;

const within = (path: string, root: string) =>
  root === "/" || path === root || path.startsWith(root + "/");

const outside = (path: string, roots: string[]) =>
  t(
    "Folder {{path}} is outside the allowed storage roots: allowed roots are {{roots}} (--storage-root)",
    { path, roots: roots.join(", ") },
  );

/**
 * The host folder, checked: absolute, no "." or "..", an existing folder, strictly inside one of
 * `roots` both as written and after following symbolic links (a link inside a root must not lead
 * out of it); for a remote host (`local` false) only as written. The real path is what the VM is given, so a link changed later changes nothing.
 */
export async function checkShareFolder(
  source: unknown,
  roots: string[],
  { local = true }: { local?: boolean } = {},
): Promise<string> {
  const clean = cleanAbsolutePath(source);
  if (!clean || (typeof source === "string" && source.includes(","))) {
    throw invalid(sourceRule(source), "source");
  }
  if (!roots.some((root) => within(clean, root) && clean !== root)) {
    throw invalid(outside(clean, roots), "source");
  }
  // A remote host's folders are not ours to read: its libvirt and virtiofsd judge the rest.
  if (!local) return clean;
  let real: string;
  try {
    real = await Deno.realPath(clean);
  } catch {
    throw invalid(t("Folder {{path}} does not exist on the host", { path: clean }), "source");
  }
  const realRoots = await Promise.all(roots.map((r) => Deno.realPath(r).catch(() => r)));
  if (!realRoots.some((root) => within(real, root) && real !== root)) {
    throw invalid(
      t(
        "Folder {{path}} leads to {{real}} through a symbolic link, outside the allowed storage roots: allowed roots are {{roots}} (--storage-root)",
        { path: clean, real, roots: roots.join(", ") },
      ),
      "source",
    );
  }
  const st = await Deno.stat(real);
  if (!st.isDirectory) {
    throw invalid(t("{{path}} is not a folder", { path: clean }), "source");
  }
  if (real.includes(",")) throw invalid(sourceRule(real), "source");
  return real;
}
