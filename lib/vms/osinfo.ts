// The libosinfo database (osinfo-db) read into OsVariant records: load, inherit resources, look up.

import { XMLParser } from "fast-xml-parser";
import type { OsNeed, OsType, OsVariant } from "../../shared/vms.ts";
import { addNewerReleases } from "./osinfo_newer.ts";
import { type Field, FIELDS, type RawOs, type Resources } from "./osinfo_raw.ts";

/** Where to read the database from, and the clock that decides end-of-life. */
export interface OsinfoOptions {
  /** Database roots (each holding an `os/` folder); later roots override earlier ones. */
  roots?: string[];
  /** "Now" for the eol-date check; defaults to the current time. */
  now?: Date;
}

/** Fallbacks for a missing database or an unknown variant. osinfo has no generic Windows. */
export const GENERIC_VARIANTS: OsVariant[] = [
  generic("generic-linux", "http://libosinfo.org/linux/2022", "Generic Linux", "linux", "linux"),
  generic("generic-windows", "http://libosinfo.org/unknown", "Generic Windows", "windows", null),
  generic("generic", "http://libosinfo.org/unknown", "Generic OS", "other", null),
];

function generic(
  id: string,
  osinfoId: string,
  name: string,
  osType: OsType,
  family: string | null,
): OsVariant {
  return {
    id,
    osinfoId,
    name,
    osType,
    family,
    minimumMemoryMb: null,
    recommendedMemoryMb: null,
    minimumCpus: null,
    recommendedCpus: null,
    minimumDiskGb: null,
    recommendedDiskGb: null,
    releaseDate: null,
    supported: true,
  };
}

/**
 * The database roots libosinfo would read: system, local, then user
 * (OSINFO_SYSTEM_DIR / OSINFO_LOCAL_DIR / OSINFO_USER_DIR; see osinfo-db-path(1)).
 * OSINFO_DB_PATH, a colon-separated list, is our own override of the whole list.
 */
export function defaultOsinfoRoots(): string[] {
  const env = (name: string) => {
    try {
      return Deno.env.get(name) || undefined;
    } catch {
      return undefined; // no --allow-env: use the defaults
    }
  };
  const override = env("OSINFO_DB_PATH");
  if (override) return override.split(":").filter(Boolean);
  const home = env("XDG_CONFIG_HOME") ?? (env("HOME") ? `${env("HOME")}/.config` : undefined);
  const user = env("OSINFO_USER_DIR") ?? (home ? `${home}/osinfo` : undefined);
  return [
    env("OSINFO_SYSTEM_DIR") ?? "/usr/share/osinfo",
    env("OSINFO_LOCAL_DIR") ?? "/etc/osinfo",
    ...(user ? [user] : []),
  ];
}

/**
 * Systems that need a TPM 2.0 and Secure Boot, and what derives from them. osinfo-db 20221130
 * states only that Windows 11 boots no BIOS (its `<firmware>`), not its TPM and Secure Boot
 * requirement (https://learn.microsoft.com/windows/whats-new/windows-11-requirements).
 */
const TRUSTED_BOOT = new Set(["http://microsoft.com/win/11"]);

const OS = "libosinfo.os";
const ARRAYS = [
  "short-id",
  "name",
  "resources",
  "derives-from",
  "upgrades",
  "media",
  "tree",
  "firmware",
]
  .map((tag) => `${OS}.${tag}`);
// Arches a guest can use on an x86_64 host; "all" is osinfo's wildcard.
const X86 = new Set(["all", "x86_64", "i686"]);
// Resource blocks by preference; i686 last, for 32-bit-only systems that list only it.
const ARCH_ORDER = ["x86_64", "all", "i686"];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (_name, jpath) => jpath === OS || ARRAYS.includes(String(jpath)),
  // Media, trees and install scripts are most of each file and none of our business.
  stopNodes: ["media", "tree", "variant", "installer", "devices", "image", "description"].map((t) =>
    `${OS}.${t}`
  ),
});

function str(node: unknown): string | null {
  if (typeof node === "string") return node || null;
  if (node && typeof node === "object" && "#text" in node) return String(node["#text"]) || null;
  return null;
}

const list = (node: unknown): any[] => Array.isArray(node) ? node : [];

/** Parses one file into its <os> records; [] for anything that is not an osinfo os file. */
function parseOsFile(xml: string): RawOs[] {
  const doc = parser.parse(xml, true);
  const out: RawOs[] = [];
  for (const os of list(doc?.libosinfo?.os)) {
    const id = os["@id"];
    const shortIds = list(os["short-id"]).map(str).filter((s): s is string => !!s);
    if (typeof id !== "string" || shortIds.length === 0) continue;
    // The untranslated name is the one without xml:lang.
    const name = list(os.name).map((n) => typeof n === "string" ? n : null).find(Boolean);
    const resources = list(os.resources);
    const arches = [...resources, ...list(os.media), ...list(os.tree)].map((r) => r?.["@arch"]);
    // Skip systems published only for other architectures (aarch64, s390x, ppc64…).
    if (arches.length > 0 && !arches.some((a) => a === undefined || X86.has(a))) continue;
    const own: Resources = {};
    for (const arch of ARCH_ORDER) {
      for (const block of resources.filter((r) => (r?.["@arch"] ?? "all") === arch)) {
        for (const [field, [kind, tag, unit]] of Object.entries(FIELDS)) {
          const value = Number(str(block?.[kind]?.[tag]));
          own[field as Field] ??= value > 0 ? Math.ceil(value / unit) : undefined;
        }
      }
    }
    out.push({
      id,
      shortIds,
      name: name ?? shortIds[0],
      version: str(os.version),
      family: str(os.family),
      releaseDate: str(os["release-date"]),
      eolDate: str(os["eol-date"]),
      parents: [...list(os["derives-from"]), ...list(os.upgrades)]
        .map((p) => p?.["@id"]).filter((p): p is string => typeof p === "string"),
      own,
      efiOnly: list(os.firmware).some((f) =>
        f?.["@type"] === "bios" && f?.["@supported"] === "false" && X86.has(f?.["@arch"] ?? "all")
      ),
    });
  }
  return out;
}

/** Paths of os/*.xml and os/<vendor>/*.xml; `win-10.d/` folders hold driver lists, not systems. */
async function osFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string, depth: number) => {
    try {
      for await (const entry of Deno.readDir(dir)) {
        const path = `${dir}/${entry.name}`;
        if (entry.name.endsWith(".xml") && !entry.isDirectory) files.push(path);
        else if (entry.isDirectory && depth === 0 && !entry.name.endsWith(".d")) {
          await walk(path, 1);
        }
      }
    } catch {
      // Missing or unreadable folder: nothing to load from it.
    }
  };
  await walk(`${root}/os`, 0);
  return files.sort();
}

async function readOs(path: string): Promise<RawOs[]> {
  try {
    return parseOsFile(await Deno.readTextFile(path));
  } catch {
    return []; // unreadable or malformed: skip it, as libosinfo's tools warn and go on
  }
}

function osType(family: string | null): OsType {
  if (family === "linux") return "linux";
  if (family?.startsWith("win")) return "windows"; // winnt, win9x, win16
  return "other";
}

/** Variants plus every short id (aliases included) mapped to its variant. */
interface Loaded {
  variants: OsVariant[];
  byShortId: Map<string, OsVariant>;
}

async function load(opts: OsinfoOptions = {}): Promise<Loaded> {
  const now = (opts.now ?? new Date()).getTime();
  const byId = new Map<string, RawOs>();
  for (const root of opts.roots ?? defaultOsinfoRoots()) {
    const files = await osFiles(root);
    // In batches, so ~800 files stay clear of a 1024 open-file limit.
    for (let i = 0; i < files.length; i += 64) {
      const parsed = await Promise.all(files.slice(i, i + 64).map(readOs));
      for (const os of parsed.flat()) byId.set(os.id, os); // a later root replaces an entry
    }
  }
  addNewerReleases(byId);

  // Each missing value comes from the first ancestor that has it, depth first along
  // derives-from then upgrades; `seen` stops cycles and repeated diamond ancestors.
  const resolve = (os: RawOs): Resources => {
    const res: Resources = {};
    const seen = new Set<string>();
    const visit = (node: RawOs | undefined) => {
      if (!node || seen.has(node.id)) return;
      seen.add(node.id);
      for (const field of Object.keys(FIELDS) as Field[]) res[field] ??= node.own[field];
      for (const parent of node.parents) visit(byId.get(parent));
    };
    visit(os);
    return res;
  };

  // What an OS cannot install without: its own firmware facts; TPM and Secure Boot when it or an
  // ancestor is in TRUSTED_BOOT.
  const requires = (os: RawOs): OsNeed[] => {
    const trusted = TRUSTED_BOOT.has(os.id) || os.parents.some((p) => TRUSTED_BOOT.has(p));
    const needs: OsNeed[] = os.efiOnly || trusted ? ["uefi"] : [];
    return trusted ? [...needs, "secureBoot", "tpm"] : needs;
  };

  const variants = [...byId.values()].map((os): OsVariant => {
    const r = resolve(os);
    const needs = requires(os);
    // An inherited recommendation can be below this release's own minimum (win11 vs win10).
    const atLeast = (rec?: number, min?: number) =>
      rec !== undefined && min !== undefined ? Math.max(rec, min) : rec ?? null;
    const eol = os.eolDate ? Date.parse(`${os.eolDate}T00:00:00Z`) : NaN;
    return {
      id: os.shortIds[0],
      osinfoId: os.id,
      name: os.name,
      shortIds: os.shortIds,
      version: os.version,
      osType: osType(os.family),
      family: os.family,
      minimumMemoryMb: r.minimumMemoryMb ?? null,
      recommendedMemoryMb: atLeast(r.recommendedMemoryMb, r.minimumMemoryMb),
      minimumCpus: r.minimumCpus ?? null,
      recommendedCpus: atLeast(r.recommendedCpus, r.minimumCpus),
      minimumDiskGb: r.minimumDiskGb ?? null,
      recommendedDiskGb: atLeast(r.recommendedDiskGb, r.minimumDiskGb),
      releaseDate: os.releaseDate,
      supported: !(eol < now),
      ...(needs.length ? { requires: needs } : {}),
    };
  });
  variants.sort((a, b) =>
    Number(b.supported) - Number(a.supported) ||
    (b.releaseDate ?? "").localeCompare(a.releaseDate ?? "") ||
    a.name.localeCompare(b.name)
  );

  const byShortId = new Map<string, OsVariant>();
  for (const v of variants) {
    for (const short of byId.get(v.osinfoId)!.shortIds) {
      if (!byShortId.has(short)) byShortId.set(short, v);
    }
  }
  return { variants, byShortId };
}

/**
 * Reads every os file under the roots (default: libosinfo's system, local and user dirs),
 * skipping unreadable or malformed files, and returns the variants sorted supported first,
 * newest release first, then by name. Returns [] when no database is installed.
 */
export async function loadOsVariants(opts?: OsinfoOptions): Promise<OsVariant[]> {
  return (await load(opts)).variants;
}

/** The database loaded once, on first use; concurrent callers share the one load. */
export class OsinfoCatalog {
  #opts: OsinfoOptions;
  #loading?: Promise<Loaded>;

  constructor(opts: OsinfoOptions = {}) {
    this.#opts = opts;
  }

  #load(): Promise<Loaded> {
    this.#loading ??= load(this.#opts).catch((err) => {
      this.#loading = undefined; // let the next caller retry
      throw err;
    });
    return this.#loading;
  }

  /** All variants, sorted; GENERIC_VARIANTS when the database is missing or empty. */
  async list(): Promise<OsVariant[]> {
    const { variants } = await this.#load();
    return variants.length > 0 ? variants : GENERIC_VARIANTS;
  }

  /** The variant with this short id (any of its aliases, or a GENERIC_VARIANTS id). */
  async get(id: string): Promise<OsVariant | undefined> {
    const { byShortId } = await this.#load();
    return byShortId.get(id) ?? GENERIC_VARIANTS.find((v) => v.id === id);
  }
}
