// Storage pool XML: built from a checked request with XMLBuilder (which escapes every value),
// and read back for the storage page (https://libvirt.org/formatstorage.html).

import { xmlBuilder as builder } from "./builder.ts";
import type { PoolType } from "../../shared/storage.ts";
import { parseXml, text, type XmlNode } from "./parser.ts";

/** A pool definition whose values have passed lib/storage/pool_input.ts. */
export interface PoolSpec {
  name: string;
  type: PoolType;
  /** Target folder (dir, fs, netfs) or device folder (logical, iscsi). */
  path: string;
  sourceHost?: string;
  sourcePath?: string;
  sourceDevices?: string[];
  sourceName?: string;
}

/** What a pool's XML says about where its storage is. */
export interface PoolFacts {
  type: string;
  path: string | null;
  source: { host: string | null; dir: string | null; devices: string[]; name: string | null };
}

function sourceOf(spec: PoolSpec): Record<string, unknown> | undefined {
  const devices = (spec.sourceDevices ?? []).map((path) => ({ "@path": path }));
  switch (spec.type) {
    case "dir":
      return undefined;
    case "fs":
      return { device: devices, format: { "@type": "auto" } };
    case "netfs":
      return {
        host: { "@name": spec.sourceHost },
        dir: { "@path": spec.sourcePath },
        format: { "@type": "nfs" },
      };
    case "logical":
      return { ...(devices.length ? { device: devices } : {}), name: spec.sourceName };
    case "iscsi":
      return { host: { "@name": spec.sourceHost }, device: devices };
  }
}

export function poolXml(spec: PoolSpec): string {
  const source = sourceOf(spec);
  return builder.build({
    pool: {
      "@type": spec.type,
      name: spec.name,
      ...(source ? { source } : {}),
      target: { path: spec.path },
    },
  }) as string;
}

export function asArray<T>(value: T | T[] | undefined | null): T[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

/** Reads type, target and source from a pool's XML; nulls for what is missing or unreadable. */
export function poolFacts(xml: string): PoolFacts {
  let pool: XmlNode = {};
  try {
    pool = parseXml(xml).pool ?? {};
  } catch {
    // A pool XML we cannot read still has a name and sizes.
  }
  const source: XmlNode = pool.source ?? {};
  return {
    type: pool["@type"] ?? "unknown",
    path: text(pool.target?.path) ?? null,
    source: {
      host: asArray<XmlNode>(source.host)[0]?.["@name"] ?? null,
      dir: source.dir?.["@path"] ?? null,
      devices: asArray<XmlNode>(source.device).map((d) => d["@path"]).filter(Boolean),
      name: text(source.name) ?? null,
    },
  };
}
