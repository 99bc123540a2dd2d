// The one check every disk source passes, whatever the route (create, attach, CD-ROM change,
// XML import and editor, clone, volume copy and download): a volume of a storage pool whose real
// path stays inside its pool, with no backing file or data file outside the pools, no network
// source, a size its pool can hold, and, for a disk a VM writes to, not the base of linked clones
// (their overlays read it: one write to it corrupts them all).

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { PoolSnapshot } from "../../ffi/libvirt/ops/storage.ts";
import { AppError, badRequest } from "../errors.ts";
import { volumeAt, type VolumeDetails } from "./lookups.ts";
import { linkedChildren } from "./linked.ts";
import { domainSources, type SourceRef } from "../xml/disk_sources.ts";
import { poolFacts } from "../xml/pool_xml.ts";
import { t } from "../../shared/i18n/t.ts";
import { readInto } from "./read_into.ts";

/** The largest volume KVM Manager makes (64 TiB, the volume API's limit): no source may be more. */
export const MAX_VOLUME_BYTES = 64 * 1024 ** 4;
/** Pool types whose volumes are files under the pool's folder, where links can lead out. */
export const FILE_POOLS: ReadonlySet<string> = new Set(["dir", "fs", "netfs"]);
const MAX_CHAIN = 16;

/** How a path failed the check; `notVolume` keeps the routes' "not found" words. */
export interface SourceRefusal {
  reason: string;
  notVolume?: boolean;
  backing?: boolean;
  /** The path is the base of linked clones, and a VM would write to it. */
  linkedBase?: boolean;
}

/** One check run: the pools read once, whether the host's files can be looked at from here. */
interface Run {
  client: LibvirtClient;
  /** "local": the connection's host is this machine; "test": the test driver's files are not real. */
  where: "local" | "remote" | "test";
  pools: Map<string, Promise<PoolSnapshot | null>>;
}

function runOf(client: LibvirtClient): Run {
  return { client, where: whereOf(client.uri), pools: new Map() };
}

/**
 * Where a connection's files are: libvirt URIs with a host part (qemu+ssh://h/system) are remote
 * (https://libvirt.org/uri.html); the test driver's volumes are not files at all.
 */
export function whereOf(uri: string): Run["where"] {
  if (uri.startsWith("test:")) return "test";
  const m = /^[a-z0-9+.-]+:\/\/([^/?]*)/i.exec(uri);
  const host = (m?.[1] ?? "").replace(/^[^@]*@/, "").replace(/:\d+$/, "");
  return host === "" || host === "localhost" ? "local" : "remote";
}

function pool(run: Run, name: string): Promise<PoolSnapshot | null> {
  let p = run.pools.get(name);
  if (!p) {
    p = run.client.call("poolGet", name).catch(() => null);
    run.pools.set(name, p);
  }
  return p;
}

/** "1.5 GiB": a size in the refusals' words (binary units, one decimal at most). */
export const sizeText = (bytes: number) => {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  let n = bytes, i = 0;
  while (n >= 1024 && i < units.length - 1) (n /= 1024, i++);
  return `${+n.toFixed(1)} ${units[i]}`;
};

/** What a qcow2 header names beside its own data: a backing file, an external data file. */
interface Qcow2Facts {
  backing: string | null;
  dataFile: boolean;
  virtualSize: number;
}

/**
 * Reads a qcow2 header (https://www.qemu.org/docs/master/interop/qcow2.html) without opening
 * anything it names; null for other formats. libvirt reports the backing file too, but not an
 * external data file, which QEMU would open from the header.
 */
export async function qcow2Facts(path: string): Promise<Qcow2Facts | null> {
  using file = await Deno.open(path, { read: true });
  const head = new Uint8Array(104);
  const got = await readInto(file, head);
  const view = new DataView(head.buffer);
  if (got < 72 || view.getUint32(0) !== 0x514649fb) return null;
  const version = view.getUint32(4);
  const backingOffset = view.getBigUint64(8);
  const backingSize = view.getUint32(16);
  let backing: string | null = null;
  if (backingOffset !== 0n && backingSize > 0) {
    const name = new Uint8Array(Math.min(backingSize, 1023));
    await file.seek(backingOffset, Deno.SeekMode.Start);
    const n = await file.read(name);
    backing = new TextDecoder().decode(name.subarray(0, n ?? 0));
  }
  const incompatible = version >= 3 && got >= 80 ? view.getBigUint64(72) : 0n;
  return {
    backing,
    dataFile: (incompatible & 4n) !== 0n,
    virtualSize: Number(view.getBigUint64(24)),
  };
}

const inside = (path: string, root: string) =>
  path.startsWith(root.endsWith("/") ? root : `${root}/`);
const dirOf = (path: string) => path.slice(0, path.lastIndexOf("/")) || "/";

/**
 * Checks the file at `path` against its pool: the volume libvirt knows, its real path inside
 * the pool's folder (local connections), no data file, no backing file unless `backing` allows
 * one inside the pools (checked the same way), and a size the pool holds.
 */
async function checkPath(
  run: Run,
  path: string,
  opts: { readonly: boolean; backing: boolean; sizes: boolean; depth?: number },
): Promise<{ refusal: SourceRefusal } | { vol: VolumeDetails }> {
  const depth = opts.depth ?? 0;
  const vol = await volumeAt({ client: run.client, path });
  if (!vol) {
    return {
      refusal: {
        reason: t("{{path}} is not a volume of a storage pool", { path }),
        notVolume: true,
      },
    };
  }
  const p = await pool(run, vol.pool);
  const facts = p ? poolFacts(p.xml) : null;
  let backing = vol.backingPath;
  let capacity = vol.capacityBytes;
  if (run.where === "local" && facts?.path && FILE_POOLS.has(facts.type)) {
    let real: string, root: string;
    try {
      [real, root] = await Promise.all([Deno.realPath(path), Deno.realPath(facts.path)]);
    } catch (err) {
      return {
        refusal: {
          reason: t("{{path}} cannot be read: {{error}}", { path, error: (err as Error).message }),
        },
      };
    }
    if (!inside(real, root)) {
      return {
        refusal: {
          reason: real === path
            ? t("{{path}} is outside pool '{{pool}}' ({{root}})", { path, pool: vol.pool, root })
            : t("{{path}} is a link to {{real}}, outside pool '{{pool}}'", {
              path,
              real,
              pool: vol.pool,
            }),
        },
      };
    }
    const stat = await Deno.stat(real);
    if (stat.isFile) {
      const q = await qcow2Facts(real).catch(() => null);
      if (q?.dataFile) {
        return {
          refusal: { reason: t("{{path}} is a qcow2 image with an external data file", { path }) },
        };
      }
      if (q) {
        backing ??= q.backing;
        capacity = Math.max(capacity, q.virtualSize);
      }
    } else if (!stat.isDirectory) {
      return { refusal: { reason: t("{{path}} is not a regular file", { path }) } };
    }
  }
  if (backing) {
    if (!opts.backing) {
      return {
        refusal: {
          reason: t("{{path}} has a backing file ({{backing}})", { path, backing }),
          backing: true,
        },
      };
    }
    const full = backing.startsWith("/") || /^[a-z0-9+.-]+:/i.test(backing)
      ? backing
      : `${dirOf(path)}/${backing}`;
    if (depth >= MAX_CHAIN) {
      return {
        refusal: {
          reason: t("{{path}} has a backing chain deeper than {{max}}", {
            path,
            max: String(MAX_CHAIN),
          }),
        },
      };
    }
    const below = await checkPath(run, full, { ...opts, readonly: true, depth: depth + 1 });
    if ("refusal" in below) {
      return {
        refusal: {
          reason: t("backing file of {{path}}: {{reason}}", { path, reason: below.refusal.reason }),
          backing: true,
        },
      };
    }
  }
  if (opts.sizes && capacity > MAX_VOLUME_BYTES) {
    return {
      refusal: {
        reason: t("{{path}} declares {{size}}, more than the {{max}} a volume may have", {
          path,
          size: sizeText(capacity),
          max: sizeText(MAX_VOLUME_BYTES),
        }),
      },
    };
  }
  // Like a new disk, what a writable image may still grow by must fit in its pool.
  const growth = capacity - vol.allocationBytes;
  if (opts.sizes && !opts.readonly && p && growth > p.available) {
    return {
      refusal: {
        reason: t("{{path}} may grow by {{size}}, more than pool '{{pool}}' has free ({{free}})", {
          path,
          size: sizeText(growth),
          pool: vol.pool,
          free: sizeText(p.available),
        }),
      },
    };
  }
  return { vol };
}

/**
 * A disk a VM will write to must not be the base of linked clones: the reason, naming them, or
 * null. (A VM that only reads it, as a CD-ROM or a read-only disk, harms none of them.)
 */
async function baseReason(run: Run, path: string): Promise<string | null> {
  const clones = await linkedChildren(run.client, path);
  if (!clones.length) return null;
  return t(
    "{{path}} is the base of linked clones {{clones}}: a VM writing to it would corrupt them; make them independent first, or use it read-only",
    { path, clones: clones.join(", ") },
  );
}

/**
 * Checks one path a route was given (an ISO, a disk to import or attach, a volume to copy).
 * `backing`: allow a backing chain whose every file passes too (else any backing file is refused).
 * `vmWrites`: a VM will write to it (a disk imported or attached), so it may be no linked base.
 */
export async function checkSourcePath(
  { client, path, readonly = false, backing = false, sizes = true, vmWrites = false }: {
    client: LibvirtClient;
    path: string;
    readonly?: boolean;
    backing?: boolean;
    sizes?: boolean;
    vmWrites?: boolean;
  },
): Promise<{ refusal: SourceRefusal } | { vol: VolumeDetails }> {
  const run = runOf(client);
  const checked = await checkPath(run, path, { readonly, backing, sizes });
  if ("refusal" in checked || !vmWrites || readonly) return checked;
  const reason = await baseReason(run, path);
  return reason ? { refusal: { reason, linkedBase: true } } : checked;
}

/**
 * The format QEMU would find in a pool volume, for the formats a disk is attached in: "qcow2"
 * when it is a qcow2 image, else libvirt's probe of it ("raw", "iso", "vmdk" …, "raw" when none).
 * A file of this machine is judged by its own header; a remote host's file by libvirt's probe at
 * the pool's last refresh. null where no file format applies (LVM, iSCSI, disk pools) and on the
 * test driver, whose volumes are no files.
 */
export async function volumeFormat(
  client: LibvirtClient,
  vol: VolumeDetails,
): Promise<string | null> {
  const run = runOf(client);
  if (run.where === "test") return null;
  const facts = await pool(run, vol.pool).then((p) => p && poolFacts(p.xml));
  if (!facts || !FILE_POOLS.has(facts.type)) return null;
  if (run.where === "local") {
    const stat = await Deno.stat(vol.path).catch(() => null);
    if (!stat?.isFile) return null;
    if (await qcow2Facts(vol.path).catch(() => null)) return "qcow2";
    return vol.format && vol.format !== "qcow2" ? vol.format : "raw";
  }
  return vol.format;
}

/** 400 DISK_SOURCE_REFUSED naming the disk (or file) and the reason. */
export function sourceRefused(label: string, reason: string): AppError {
  return new AppError("DISK_SOURCE_REFUSED", `${label}: ${reason}`, { source: label });
}

/**
 * checkSourcePath() for a caller that wants the volume, its refusal thrown: 400 BAD_REQUEST in
 * `notFound`'s words when the path is no volume of a pool (each caller's own "not found"), else
 * DISK_SOURCE_REFUSED for `label` ("Disk vda") with the reason.
 */
export async function sourceVolume(
  check: Parameters<typeof checkSourcePath>[0],
  label: string,
  notFound: () => string,
): Promise<VolumeDetails> {
  const checked = await checkSourcePath(check);
  if ("vol" in checked) return checked.vol;
  const { refusal } = checked;
  throw refusal.notVolume ? badRequest(notFound()) : sourceRefused(label, refusal.reason);
}

async function checkRef(run: Run, ref: SourceRef): Promise<string | null> {
  switch (ref.kind) {
    case "network":
      return t("network disks ({{detail}}) are not allowed; use a volume of a storage pool", {
        detail: String(ref.detail),
      });
    case "other":
      return t("{{detail}} is not allowed; use a volume of a storage pool", {
        detail: String(ref.detail),
      });
    case "volume": {
      if (!ref.pool || !ref.volume) return t("a volume source needs pool and volume");
      const vol = await run.client.call("volumeGet", ref.pool, ref.volume).catch(() => null);
      if (!vol) {
        return t("volume {{volume}} not found in pool '{{pool}}'", {
          volume: ref.volume,
          pool: ref.pool,
        });
      }
      return await pathReason(run, vol.path, ref);
    }
    default:
      return await pathReason(run, ref.path!, ref);
  }
}

async function pathReason(run: Run, path: string, ref: SourceRef): Promise<string | null> {
  const result = await checkPath(run, path, {
    readonly: ref.readonly,
    backing: true,
    sizes: !ref.backing,
  });
  if ("refusal" in result) return result.refusal.reason;
  return ref.readonly || ref.backing ? null : await baseReason(run, path);
}

/**
 * Checks every source of a domain XML document (lib/xml/disk_sources.ts) and throws 400
 * DISK_SOURCE_REFUSED on the first that fails. With `current` (the VM's definition now), what is
 * unchanged from it is kept as is: a VM defined outside KVM Manager stays editable.
 */
export async function checkDomainSources(
  { client, xml, current }: { client: LibvirtClient; xml: string; current?: string },
): Promise<void> {
  let parsed;
  try {
    parsed = domainSources(xml);
  } catch (err) {
    throw new AppError(
      "INVALID_XML",
      t("Invalid domain XML: {{error}}", { error: (err as Error).message }),
    );
  }
  const { sources, refused } = parsed;
  const kept = new Set<string>();
  if (current) {
    const now = domainSources(current);
    for (const r of [...now.sources, ...now.refused]) kept.add(r.key);
  }
  const first = refused.find((r) => !kept.has(r.key));
  if (first) throw sourceRefused(first.label, first.reason);
  const run = runOf(client);
  for (const ref of sources) {
    if (kept.has(ref.key)) continue;
    const reason = await checkRef(run, ref);
    if (reason) throw sourceRefused(ref.label, reason);
  }
}
