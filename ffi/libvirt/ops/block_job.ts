// Worker operations on a running domain's block jobs (a live disk move): plain data in and out.
// Each is one short libvirt call; the copy itself runs inside QEMU, so none blocks for its length.

import type { Connection } from "../connection.ts";
import {
  blockCopy,
  type BlockCopyParams,
  blockJobAbort,
  type BlockJobInfo,
  blockJobInfo,
} from "../block_job.ts";
import { findDomain } from "../find_domain.ts";

export const blockJobOps = {
  /** virDomainBlockCopy of disk `disk` of domain `id` into the disk `destXml` describes. */
  domainBlockCopy(
    conn: Connection,
    id: string,
    disk: string,
    destXml: string,
    params: BlockCopyParams,
    flags: number,
  ): void {
    using dom = findDomain(conn, id);
    blockCopy(dom, disk, destXml, params, flags);
  },

  /** The block job of disk `disk` of domain `id`, null when it has none. */
  domainBlockJobInfo(conn: Connection, id: string, disk: string): BlockJobInfo | null {
    using dom = findDomain(conn, id);
    return blockJobInfo(dom, disk);
  },

  /** Ends the block job of disk `disk`: BlockJobAbortFlags.PIVOT to switch over, 0 to cancel. */
  domainBlockJobAbort(conn: Connection, id: string, disk: string, flags: number): void {
    using dom = findDomain(conn, id);
    blockJobAbort(dom, disk, flags);
  },
};
