// A running domain's block jobs through libvirt: a disk mirrored into a new file while the guest
// runs (virDomainBlockCopy), how far the job is (virDomainGetBlockJobInfo), and its end: the
// guest switched over to the copy (virDomainBlockJobAbort with PIVOT) or the copy dropped (without).
// https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainBlockCopy

import type { Domain } from "./domain.ts";
import { check } from "./error.ts";
import { cString, lv } from "./library.ts";
import { intThenU64s } from "./returned.ts";
import { encodeTypedParams, releaseParams } from "./typed_params.ts";

/** virDomainBlockCopyFlags. */
export const BlockCopyFlags = {
  /** Copy only the top of the chain. */
  SHALLOW: 1 << 0,
  /** The destination exists already (we make the volume first, in its pool). */
  REUSE_EXT: 1 << 1,
  /** The job does not survive a restart of the domain (needed by old QEMUs on persistent VMs). */
  TRANSIENT_JOB: 1 << 2,
} as const;

/** virDomainBlockJobAbortFlags. */
export const BlockJobAbortFlags = { ASYNC: 1 << 0, PIVOT: 1 << 1 } as const;

/** virDomainBlockJobType. */
export const BlockJobType = {
  UNKNOWN: 0,
  PULL: 1,
  COPY: 2,
  COMMIT: 3,
  ACTIVE_COMMIT: 4,
  BACKUP: 5,
} as const;

/** A disk's block job as virDomainGetBlockJobInfo reports it: `cur` of `end` bytes done. */
export interface BlockJobInfo {
  /** virDomainBlockJobType. */
  type: number;
  /** The bandwidth limit, MiB/s (0: none). */
  bandwidth: number;
  cur: number;
  end: number;
}

/** The optional limits of a block copy (VIR_DOMAIN_BLOCK_COPY_*); plain data for a worker. */
export interface BlockCopyParams {
  /** VIR_DOMAIN_BLOCK_COPY_BANDWIDTH: bytes per second at most. */
  bandwidthBytes?: number;
}

// struct _virDomainBlockJobInfo { int type; unsigned long bandwidth; unsigned long long cur;
// unsigned long long end; } — on LP64: type at 0, bandwidth at 8, cur at 16, end at 24.
const INFO_SIZE = 32;

/**
 * Starts copying `disk` (its target name, "vda") into the disk `destXml` describes
 * (`<disk type='file'><source file='…'/><driver type='qcow2'/></disk>`); the job runs in the
 * background and mirrors the guest's writes once it caught up.
 */
export function blockCopy(
  dom: Domain,
  disk: string,
  destXml: string,
  params: BlockCopyParams,
  flags: number,
): void {
  const encoded = encodeTypedParams(
    params.bandwidthBytes === undefined
      ? []
      : [{ field: "bandwidth", ullong: params.bandwidthBytes }],
  );
  check(
    lv().virDomainBlockCopy(
      dom.rawHandle(),
      cString(disk),
      cString(destXml),
      encoded.array,
      encoded.count,
      flags,
    ),
    "virDomainBlockCopy",
  );
  releaseParams(encoded);
}

/** The block job of `disk`, or null when it has none. */
export function blockJobInfo(dom: Domain, disk: string): BlockJobInfo | null {
  const buf = new Uint8Array(INFO_SIZE);
  const found = check(
    lv().virDomainGetBlockJobInfo(dom.rawHandle(), cString(disk), buf, 0),
    "virDomainGetBlockJobInfo",
  );
  if (found === 0) return null;
  const [type, bandwidth, cur, end] = intThenU64s(buf, 3);
  return { type, bandwidth, cur, end };
}

/** Ends `disk`'s block job: PIVOT switches the guest to the copy, 0 drops the copy. */
export function blockJobAbort(dom: Domain, disk: string, flags: number): void {
  check(
    lv().virDomainBlockJobAbort(dom.rawHandle(), cString(disk), flags),
    "virDomainBlockJobAbort",
  );
}
