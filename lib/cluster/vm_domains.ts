// Which libvirt domain each VirtualDomain resource runs: the CIB names the agent's `config` file
// (`cibadmin --query --scope resources`), and that domain XML names the domain. Read so KVM
// Manager can tell a VM Pacemaker runs from one it may start and stop itself.

import { XMLParser } from "fast-xml-parser";
import { readInto } from "../storage/read_into.ts";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) =>
    ["primitive", "group", "clone", "instance_attributes", "meta_attributes", "nvpair"]
      .includes(name),
});

// deno-lint-ignore no-explicit-any
type El = Record<string, any>;

/** A domain XML larger than this is not one the agent was given. */
const CONFIG_MAX = 1024 * 1024;

/** A VirtualDomain primitive of the CIB: its domain XML, and whether KVM Manager made it. */
export interface VirtualDomainConfig {
  config: string;
  /** Meta attribute kvmm-managed=true (lib/cluster/cib.ts). */
  ours: boolean;
}

/** Each VirtualDomain primitive in the CIB's resources section, by resource id. */
export function virtualDomainConfigs(cibResources: string): Map<string, VirtualDomainConfig> {
  const doc: El = parser.parse(cibResources);
  const out = new Map<string, VirtualDomainConfig>();
  const walk = (el: El | undefined) => {
    if (!el || typeof el !== "object") return;
    for (const p of (el.primitive ?? []) as El[]) {
      if (p["@type"] !== "VirtualDomain") continue;
      const pairs = (sets: El[] | undefined) => (sets ?? []).flatMap((set) => set.nvpair ?? []);
      const config = (pairs(p.instance_attributes) as El[]).find((n) => n["@name"] === "config");
      const mark = (pairs(p.meta_attributes) as El[]).find((n) => n["@name"] === "kvmm-managed");
      if (config?.["@value"]) {
        out.set(String(p["@id"]), {
          config: String(config["@value"]),
          ours: mark?.["@value"] === "true",
        });
      }
    }
    for (const kind of ["group", "clone"]) {
      for (const g of (el[kind] ?? []) as El[]) walk(g);
    }
  };
  walk(doc.resources);
  return out;
}

/** The ids of every primitive KVM Manager made (meta attribute kvmm-managed=true). */
export function kvmmManagedIds(cibResources: string): Set<string> {
  const doc: El = parser.parse(cibResources);
  const out = new Set<string>();
  const walk = (el: El | undefined) => {
    if (!el || typeof el !== "object") return;
    for (const p of (el.primitive ?? []) as El[]) {
      const meta = ((p.meta_attributes ?? []) as El[]).flatMap((set) => set.nvpair ?? []) as El[];
      if (meta.some((n) => n["@name"] === "kvmm-managed" && n["@value"] === "true")) {
        out.add(String(p["@id"]));
      }
    }
    for (const kind of ["group", "clone"]) {
      for (const g of (el[kind] ?? []) as El[]) walk(g);
    }
  };
  walk(doc.resources);
  return out;
}

/** The domain a config file defines: its name and UUID. */
export interface DomainId {
  name: string;
  uuid: string | null;
}

/** A config read this recent is used again; one that hung is not tried again for longer. */
const KNOWN_MS = 60_000;
const HUNG_MS = 300_000;
const KNOWN_MAX = 10_000;
const known = new Map<string, { id: DomainId | null; at: number; hung: boolean }>();
/** The read under way for each path: never a second one beside it (a hung one stays here). */
const reading = new Map<string, Promise<DomainId | null>>();

/**
 * The `<name>` and `<uuid>` of the domain XML at `path`, or null when it cannot be read as one
 * within `deadlineMs`: not a regular file (a link, a FIFO), larger than 1 MiB, or a read that
 * does not end (a hung NFS mount, /proc/kmsg) — that read is left behind, never waited for.
 * The cluster is read every few seconds: an answer is kept a minute, a path whose read hung is
 * not read again for five, and one path never has two reads under way, so a hung mount cannot
 * use up the threads file reads run on.
 */
export async function domainIdIn(path: string, deadlineMs = 2_000): Promise<DomainId | null> {
  const now = Date.now();
  const last = known.get(path);
  if (last && now - last.at < (last.hung ? HUNG_MS : KNOWN_MS)) return last.id;
  if (known.size > KNOWN_MAX) known.clear();
  let read = reading.get(path);
  if (!read) {
    read = readDomainId(path).finally(() => reading.delete(path));
    reading.set(path, read);
    read.then((id) => known.set(path, { id, at: Date.now(), hung: false }));
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) =>
    timer = setTimeout(() => resolve("late"), deadlineMs)
  );
  try {
    const got = await Promise.race([read, late]);
    if (got !== "late") return got;
    known.set(path, { id: last?.id ?? null, at: Date.now(), hung: true });
    return last?.id ?? null;
  } finally {
    clearTimeout(timer);
  }
}

async function readDomainId(path: string): Promise<DomainId | null> {
  try {
    const st = await Deno.lstat(path);
    if (!st.isFile || st.size > CONFIG_MAX) return null;
    using file = await Deno.open(path, { read: true });
    const opened = await file.stat();
    if (!opened.isFile || opened.size > CONFIG_MAX) return null;
    const buf = new Uint8Array(CONFIG_MAX + 1);
    const got = await readInto(file, buf);
    if (got > CONFIG_MAX) return null;
    const doc: El = parser.parse(new TextDecoder().decode(buf.subarray(0, got)));
    const name = doc.domain?.name;
    if (typeof name !== "string" || !name.trim()) return null;
    const uuid = typeof doc.domain?.uuid === "string" ? doc.domain.uuid.trim().toLowerCase() : null;
    return { name: name.trim(), uuid };
  } catch {
    return null;
  }
}
