// restic's --json output read as data: the status and summary lines `backup` prints one per
// line, the arrays `snapshots` and `forget` print. Lines that are not JSON are ignored (restic
// prints some plain words even with --json).

/** A `backup` status line: bytes read so far. */
export interface BackupStatus {
  bytesDone: number;
  totalBytes: number | null;
}

/** A `backup` summary line. */
export interface BackupSummary {
  snapshotId: string;
  dataAdded: number;
  totalBytesProcessed: number;
}

/** One snapshot as `snapshots --json` lists it. */
export interface Snapshot {
  id: string;
  shortId: string;
  time: string;
  paths: string[];
  tags: string[];
  hostname: string;
}

export type BackupLine =
  | { type: "status"; status: BackupStatus }
  | { type: "summary"; summary: BackupSummary }
  | { type: "error"; message: string };

function parse(line: string): Record<string, unknown> | null {
  const text = line.trim();
  if (!text.startsWith("{")) return null;
  try {
    const value = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

const num = (v: unknown) => typeof v === "number" && Number.isFinite(v) ? v : 0;

/** One line of `restic backup --json`; null for anything else. */
export function backupLine(line: string): BackupLine | null {
  const o = parse(line);
  if (!o) return null;
  switch (o.message_type) {
    case "status":
      return {
        type: "status",
        status: {
          bytesDone: num(o.bytes_done),
          totalBytes: typeof o.total_bytes === "number" ? o.total_bytes : null,
        },
      };
    case "summary":
      if (typeof o.snapshot_id !== "string") return null;
      return {
        type: "summary",
        summary: {
          snapshotId: o.snapshot_id,
          dataAdded: num(o.data_added),
          totalBytesProcessed: num(o.total_bytes_processed),
        },
      };
    case "error": {
      const err = o.error as { message?: unknown } | undefined;
      return { type: "error", message: String(err?.message ?? o.item ?? "error") };
    }
  }
  return null;
}

/** `restic snapshots --json`: the array, each entry checked; throws when it is no array. */
export function snapshotList(text: string): Snapshot[] {
  const value = JSON.parse(text.trim() || "[]");
  if (!Array.isArray(value)) throw new Error("restic snapshots: not a JSON array");
  return value.flatMap((s) => {
    if (typeof s?.id !== "string" || typeof s?.time !== "string") return [];
    return [{
      id: s.id,
      shortId: typeof s.short_id === "string" ? s.short_id : s.id.slice(0, 8),
      time: s.time,
      paths: Array.isArray(s.paths) ? s.paths.map(String) : [],
      tags: Array.isArray(s.tags) ? s.tags.map(String) : [],
      hostname: String(s.hostname ?? ""),
    }];
  });
}

/** `restic forget --json`: the ids kept and removed over every group. */
export function forgetResult(text: string): { kept: string[]; removed: string[] } {
  const value = JSON.parse(text.trim() || "[]");
  if (!Array.isArray(value)) throw new Error("restic forget: not a JSON array");
  const ids = (list: unknown) =>
    Array.isArray(list) ? list.flatMap((s) => typeof s?.id === "string" ? [s.id] : []) : [];
  return {
    kept: value.flatMap((g) => ids(g?.keep)),
    removed: value.flatMap((g) => ids(g?.remove)),
  };
}

/** The value of tag `name:VALUE` among `tags`, or null. */
export function tagValue(tags: string[], name: string): string | null {
  const found = tags.find((t) => t.startsWith(`${name}:`));
  return found === undefined ? null : found.slice(name.length + 1);
}
