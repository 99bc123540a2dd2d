// Checks a `POST /api/pools` body before libvirt sees it: names, types, target folders inside
// the allowed storage roots (symlinks followed), sources. Every rule gives a 400 in plain words.

import { AppError } from "../errors.ts";
import { POOL_TYPES, type PoolType } from "../../shared/storage.ts";
import type { PoolSpec } from "../xml/pool_xml.ts";

const invalid = (message: string, field: string) =>
  new AppError("INVALID_POOL", message, { field });

const FIELDS = new Set([
  "name",
  "type",
  "path",
  "sourceHost",
  "sourcePath",
  "sourceDevices",
  "sourceName",
  "build",
  "start",
  "autostart",
]);

export const POOL_NAME_RULE =
  "Invalid pool name: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

/** The pool name rule; null when `name` is fine. */
export function poolNameIssue(name: unknown): string | null {
  return typeof name === "string" && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name) &&
      !name.includes("..")
    ? null
    : POOL_NAME_RULE;
}

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
  if (!clean) {
    throw invalid(
      `Invalid pool path "${path}": must be an absolute path without "." or ".."`,
      "path",
    );
  }
  const allowed = `allowed roots are ${roots.join(", ")} (--storage-root)`;
  if (!roots.some((root) => within(clean, root) && clean !== root)) {
    throw invalid(`Pool path ${clean} is outside the allowed storage roots: ${allowed}`, "path");
  }
  const real = await realPathOf(clean);
  const realRoots = await Promise.all(roots.map(realPathOf));
  if (!realRoots.some((root) => within(real, root) && real !== root)) {
    throw invalid(
      `Pool path ${clean} leads to ${real} through a symbolic link, outside the allowed storage roots: ${allowed}`,
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

function hostOf(value: unknown): string {
  if (typeof value !== "string" || !(HOST.test(value) || IPV6.test(value))) {
    throw invalid(`Invalid source host "${value}": give a host name or IP address`, "sourceHost");
  }
  return value;
}

function devicesOf(value: unknown, { min, iqn = false }: { min: number; iqn?: boolean }) {
  const list = value === undefined ? [] : value;
  if (!Array.isArray(list) || list.length < min || list.length > 64) {
    throw invalid(
      iqn
        ? "An iSCSI pool needs the target's IQN in sourceDevices"
        : `Give ${min ? "at least one" : "zero or more"} device paths in sourceDevices`,
      "sourceDevices",
    );
  }
  for (const d of list) {
    const ok = typeof d === "string" && (iqn ? IQN.test(d) : DEVICE.test(d) && !d.includes(".."));
    if (!ok) {
      throw invalid(
        iqn
          ? `Invalid iSCSI target "${d}": expected an IQN like iqn.2024-01.com.example:disk1`
          : `Invalid device "${d}": expected a path under /dev`,
        "sourceDevices",
      );
    }
  }
  return list as string[];
}

function boolOf(body: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const v = body[key];
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") throw invalid(`${key} must be true or false`, key);
  return v;
}

/** A checked pool request: the spec for its XML plus what to do after defining it. */
export interface PoolCreate {
  spec: PoolSpec;
  build: boolean;
  start: boolean;
  autostart: boolean;
}

/** Checks a create request; `roots` are the allowed storage roots. */
export async function checkPoolCreate(input: unknown, roots: string[]): Promise<PoolCreate> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new AppError("BAD_REQUEST", "Body must be a JSON object");
  }
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (!FIELDS.has(key)) throw invalid(`Unknown field "${key}"`, key);
  }
  const nameIssue = poolNameIssue(body.name);
  if (nameIssue) throw invalid(nameIssue, "name");
  const name = body.name as string;
  if (!POOL_TYPES.includes(body.type as PoolType)) {
    throw invalid(
      `Invalid pool type "${body.type}": must be one of ${POOL_TYPES.join(", ")}`,
      "type",
    );
  }
  const type = body.type as PoolType;
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
        sourceDevices: devicesOf(body.sourceDevices, { min: 1 }).slice(0, 1),
      };
      break;
    case "netfs": {
      const sourcePath = cleanAbsolutePath(body.sourcePath);
      if (!sourcePath) {
        throw invalid(
          `Invalid NFS export "${body.sourcePath}": must be an absolute path like /export/vms`,
          "sourcePath",
        );
      }
      spec = {
        name,
        type,
        path: await checkTargetPath(body.path, roots),
        sourceHost: hostOf(body.sourceHost),
        sourcePath,
      };
      break;
    }
    case "logical": {
      const vg = body.sourceName ?? name;
      if (typeof vg !== "string" || !VG.test(vg) || vg.startsWith("-") || vg.includes("..")) {
        throw invalid(`Invalid volume group name "${vg}"`, "sourceName");
      }
      spec = {
        name,
        type,
        path: `/dev/${vg}`,
        sourceName: vg,
        sourceDevices: devicesOf(body.sourceDevices, { min: body.build === true ? 1 : 0 }),
      };
      break;
    }
    case "iscsi":
      spec = {
        name,
        type,
        path: "/dev/disk/by-path",
        sourceHost: hostOf(body.sourceHost),
        sourceDevices: devicesOf(body.sourceDevices, { min: 1, iqn: true }).slice(0, 1),
      };
      break;
  }
  return {
    spec,
    build: boolOf(body, "build", type === "dir"),
    start: boolOf(body, "start", true),
    autostart: boolOf(body, "autostart", false),
  };
}
