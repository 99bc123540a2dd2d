// Checks a `POST /api/pools` body before libvirt sees it: names, types, target folders inside
// the allowed storage roots (symlinks followed), sources. Every rule gives a 400 in plain words.

import { isValidName, objectNameIssue, objectNameRule } from "../../shared/names.ts";
import { t } from "../../shared/i18n/t.ts";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { closedObject, fieldCodes, refuser, trueOrFalse, validated } from "../validate.ts";
import { POOL_TYPES, type PoolType } from "../../shared/storage.ts";
import type { PoolSpec } from "../xml/pool_xml.ts";

const invalid = (message: string, field: string) =>
  new AppError("INVALID_POOL", message, { field });

/** The pool name rule in the request's words (computed per request, never at load). */
export const poolNameRule = (): string => objectNameRule("pool");

/** The pool name rule; null when `name` is fine. */
export const poolNameIssue = (name: unknown): string | null => objectNameIssue("pool", name);

/** A normalised absolute path, or null when `path` is not absolute or has "." or ".." parts. */
export function cleanAbsolutePath(path: unknown): string | null {
  if (typeof path !== "string" || !path.startsWith("/") || path.length > 4096) return null;
  // deno-lint-ignore no-control-regex
  if (/[\x00-\x1f\x7f]/.test(path)) return null;
  const parts = path.split("/").filter((p) => p !== "");
  if (parts.some((p) => p === "." || p === "..")) return null;
  return "/" + parts.join("/");
}

function within(path: string, root: string): boolean {
  return root === "/" || path === root || path.startsWith(root + "/");
}

/** The real path of `path`: its longest existing ancestor resolved, plus the rest as written. */
async function realPathOf(path: string): Promise<string> {
  const parts = path.split("/").filter(Boolean);
  for (let n = parts.length; n >= 0; n--) {
    const head = "/" + parts.slice(0, n).join("/");
    try {
      const real = await Deno.realPath(head);
      const rest = parts.slice(n);
      return rest.length ? `${real === "/" ? "" : real}/${rest.join("/")}` : real;
    } catch {
      // Not there yet: try its parent.
    }
  }
  return path;
}

/**
 * The target folder, checked: absolute, no "..", inside one of `roots` both as written and
 * after following symlinks (a link inside a root must not lead out of it).
 */
export async function checkTargetPath(path: unknown, roots: string[]): Promise<string> {
  const clean = cleanAbsolutePath(path);
  if (!clean) throw invalid(pathRule(path), "path");
  const allowed = roots.join(", ");
  if (!roots.some((root) => within(clean, root) && clean !== root)) {
    throw invalid(
      t(
        "Pool path {{path}} is outside the allowed storage roots: allowed roots are {{roots}} (--storage-root)",
        { path: clean, roots: allowed },
      ),
      "path",
    );
  }
  const real = await realPathOf(clean);
  const realRoots = await Promise.all(roots.map(realPathOf));
  if (!realRoots.some((root) => within(real, root) && real !== root)) {
    throw invalid(
      t(
        "Pool path {{path}} leads to {{real}} through a symbolic link, outside the allowed storage roots: allowed roots are {{roots}} (--storage-root)",
        { path: clean, real, roots: allowed },
      ),
      "path",
    );
  }
  return clean;
}

const HOST =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*$/;
const IPV6 = /^\[?[0-9A-Fa-f:.]{2,45}\]?$/;
const DEVICE = /^\/dev\/[A-Za-z0-9._\-/:+]+$/;
const IQN = /^(iqn\.\d{4}-\d{2}\.[A-Za-z0-9.:_-]+|eui\.[0-9A-Fa-f]{16})$/;
const VG = /^[A-Za-z0-9+_.][A-Za-z0-9+_.-]{0,126}$/;
/** LVM's volume group names (lvm(8), VALID NAMES) inside the one name rule: not ".", "..", ".x". */
const isVolumeGroup = (vg: unknown): vg is string =>
  isValidName(vg, 127) && VG.test(vg) && !vg.includes("..");

// The refusals' words are functions, so that zod asks for them per request (in its language).
const flag = (key: string) => trueOrFalse(key).optional();
const typeRule = (type: unknown) =>
  t('Invalid pool type "{{type}}": must be one of {{types}}', {
    type: String(type),
    types: POOL_TYPES.join(", "),
  });
function pathRule(path: unknown): string {
  return t('Invalid pool path "{{path}}": must be an absolute path without "." or ".."', {
    path: String(path),
  });
}
const hostRule = (host: unknown) =>
  t('Invalid source host "{{host}}": give a host name or IP address', { host: String(host) });
const exportRule = (path: unknown) =>
  t('Invalid NFS export "{{path}}": must be an absolute path like /export/vms', {
    path: String(path),
  });
const vgRule = (vg: unknown) => t('Invalid volume group name "{{vg}}"', { vg: String(vg) });
const devicesRule = () =>
  t("sourceDevices must be a list of at most 64 device paths or iSCSI targets");

const CREATE_SHAPE = {
  name: z.string({ error: poolNameRule }).max(64, { error: poolNameRule })
    .refine((name) => poolNameIssue(name) === null, { error: poolNameRule }),
  type: z.enum(POOL_TYPES, { error: (issue) => typeRule(issue.input) }),
  path: z.string({ error: (issue) => pathRule(issue.input) })
    .max(4096, { error: (issue) => pathRule(issue.input) }).optional()
    .meta({ description: "The target folder, inside a storage root (dir, fs, netfs)" }),
  sourceHost: z.string({ error: (issue) => hostRule(issue.input) })
    .max(253, { error: (issue) => hostRule(issue.input) })
    .refine((host) => HOST.test(host) || IPV6.test(host), { error: (i) => hostRule(i.input) })
    .optional(),
  sourcePath: z.string({ error: (issue) => exportRule(issue.input) })
    .max(4096, { error: (issue) => exportRule(issue.input) })
    .refine((path) => cleanAbsolutePath(path) !== null, { error: (i) => exportRule(i.input) })
    .optional(),
  sourceDevices: z.array(z.string({ error: devicesRule }).max(4096), { error: devicesRule })
    .max(64, { error: devicesRule }).optional(),
  sourceName: z.string({ error: (issue) => vgRule(issue.input) })
    .refine(isVolumeGroup, { error: (issue) => vgRule(issue.input) }).nullable().optional(),
  build: flag("build"),
  start: flag("start"),
  autostart: flag("autostart"),
};

/** What each pool type needs of its source: how many devices, and of which kind. */
function devicesIssue(body: { type: PoolType; sourceDevices?: string[]; build?: boolean }) {
  const list = body.sourceDevices ?? [];
  const iqn = body.type === "iscsi";
  const min = body.type === "logical" ? (body.build ? 1 : 0) : 1;
  if (list.length < min) {
    return iqn
      ? t("An iSCSI pool needs the target's IQN in sourceDevices")
      : min
      ? t("Give at least one device paths in sourceDevices")
      : t("Give zero or more device paths in sourceDevices");
  }
  const bad = list.find((d) => !(iqn ? IQN.test(d) : DEVICE.test(d) && !d.includes("..")));
  if (bad === undefined) return null;
  return iqn
    ? t('Invalid iSCSI target "{{target}}": expected an IQN like iqn.2024-01.com.example:disk1', {
      target: bad,
    })
    : t('Invalid device "{{device}}": expected a path under /dev', { device: bad });
}

/**
 * The body of `POST /api/pools`: what each type needs is checked here; the target folder against
 * the storage roots after (checkTargetPath).
 */
export const PoolCreateBody = closedObject(CREATE_SHAPE, { code: "INVALID_POOL" })
  .superRefine((body, ctx) => {
    const refuse = refuser(ctx, body, "INVALID_POOL");
    const { type } = body;
    if (type === "netfs" && body.sourcePath === undefined) {
      return refuse(exportRule(body.sourcePath), "sourcePath");
    }
    if ((type === "netfs" || type === "iscsi") && body.sourceHost === undefined) {
      return refuse(hostRule(body.sourceHost), "sourceHost");
    }
    if (type === "fs" || type === "logical" || type === "iscsi") {
      const issue = devicesIssue(body);
      if (issue) return refuse(issue, "sourceDevices");
    }
  });
export const POOL_CREATE_CODES = {
  fields: fieldCodes(CREATE_SHAPE, "INVALID_POOL"),
  nameField: true,
};

/** A checked pool request: the spec for its XML plus what to do after defining it. */
export interface PoolCreate {
  spec: PoolSpec;
  build: boolean;
  start: boolean;
  autostart: boolean;
}

/** Checks a create request; `roots` are the allowed storage roots. */
export async function checkPoolCreate(input: unknown, roots: string[]): Promise<PoolCreate> {
  const body = validated(PoolCreateBody, input, POOL_CREATE_CODES);
  const { name, type } = body;
  const devices = body.sourceDevices ?? [];
  let spec: PoolSpec;
  switch (type) {
    case "dir":
      spec = { name, type, path: await checkTargetPath(body.path, roots) };
      break;
    case "fs":
      spec = {
        name,
        type,
        path: await checkTargetPath(body.path, roots),
        sourceDevices: devices.slice(0, 1),
      };
      break;
    case "netfs":
      spec = {
        name,
        type,
        path: await checkTargetPath(body.path, roots),
        sourceHost: body.sourceHost!,
        sourcePath: cleanAbsolutePath(body.sourcePath)!,
      };
      break;
    case "logical": {
      const vg = body.sourceName ?? name;
      if (!isVolumeGroup(vg)) {
        throw invalid(vgRule(vg), "sourceName");
      }
      spec = { name, type, path: `/dev/${vg}`, sourceName: vg, sourceDevices: devices };
      break;
    }
    case "iscsi":
      spec = {
        name,
        type,
        path: "/dev/disk/by-path",
        sourceHost: body.sourceHost!,
        sourceDevices: devices.slice(0, 1),
      };
      break;
  }
  return {
    spec,
    build: body.build ?? type === "dir",
    start: body.start ?? true,
    autostart: body.autostart ?? false,
  };
}

/** The body of a PATCH on a pool or a network. */
export const AutostartBody = z.strictObject({
  autostart: trueOrFalse("autostart"),
}, { error: () => t('Body must be a JSON object like {"autostart": true}') });

/** The optional body of `DELETE /api/pools/:pool`; the confirmation is checked by the service. */
export const PoolDeleteBody = z.strictObject({
  deleteContents: trueOrFalse("deleteContents").nullable()
    .optional(),
  confirm: z.string().max(255).optional().meta({
    description: "The pool's name again, to delete its volumes too",
  }),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys"
      ? t('Unknown field "{{key}}"', { key: issue.keys[0] })
      : t('Body must be a JSON object like {"deleteContents": true, "confirm": "NAME"}'),
}).nullable();
