// Worker operations on a domain's snapshots, checkpoints and backup jobs: plain data in and out.

import type { Connection } from "../connection.ts";
import { findDomain } from "../find_domain.ts";
import type { TypedParams } from "../typed_params.ts";

/** A snapshot as libvirt describes it: its XML (parent, state, time, description, disks). */
export interface SnapshotRecord {
  name: string;
  current: boolean;
  xml: string;
}

/** A checkpoint and its XML. */
export interface CheckpointRecord {
  name: string;
  xml: string;
}

/** virDomainGetJobStats: the job type (virDomainJobType: 0 none, 1 bounded, 2 unbounded,
 * 3 completed, 4 failed, 5 cancelled) and libvirt's figures for it. */
export interface JobStats {
  type: number;
  params: TypedParams;
}

export const snapshotOps = {
  /** Every snapshot of a domain with its XML and whether it is current: one worker trip. */
  snapshotList(conn: Connection, id: string): SnapshotRecord[] {
    using dom = findDomain(conn, id);
    const snaps = dom.listSnapshots();
    try {
      return snaps.map((s) => ({ name: s.getName(), current: s.isCurrent(), xml: s.getXMLDesc() }));
    } finally {
      for (const s of snaps) s.free();
    }
  },

  /** Creates a snapshot from `<domainsnapshot>` XML; returns what libvirt made. */
  snapshotCreate(conn: Connection, id: string, xml: string, flags: number): SnapshotRecord {
    using dom = findDomain(conn, id);
    using snap = dom.createSnapshot(xml, flags);
    return { name: snap.getName(), current: snap.isCurrent(), xml: snap.getXMLDesc() };
  },

  snapshotRevert(conn: Connection, id: string, name: string, flags: number): void {
    using dom = findDomain(conn, id);
    using snap = dom.lookupSnapshot(name);
    snap.revert(flags);
  },

  snapshotDelete(conn: Connection, id: string, name: string, flags: number): void {
    using dom = findDomain(conn, id);
    using snap = dom.lookupSnapshot(name);
    snap.delete(flags);
  },

  checkpointList(conn: Connection, id: string): CheckpointRecord[] {
    using dom = findDomain(conn, id);
    const cps = dom.listCheckpoints();
    try {
      return cps.map((c) => ({ name: c.getName(), xml: c.getXMLDesc() }));
    } finally {
      for (const c of cps) c.free();
    }
  },

  checkpointDelete(conn: Connection, id: string, name: string, flags: number): void {
    using dom = findDomain(conn, id);
    using cp = dom.lookupCheckpoint(name);
    cp.delete(flags);
  },

  /** Starts a backup job (push mode writes the target files); it runs on in libvirt. */
  backupBegin(
    conn: Connection,
    id: string,
    backupXml: string,
    checkpointXml: string | null,
    flags: number,
  ): void {
    using dom = findDomain(conn, id);
    dom.backupBegin(backupXml, checkpointXml, flags);
  },

  /** The running backup job's XML (target files libvirt chose, incremental base). */
  backupXml(conn: Connection, id: string): string {
    using dom = findDomain(conn, id);
    return dom.backupXml();
  },

  /** The running job's figures, or the last finished job's with `completed`. */
  jobStats(conn: Connection, id: string, completed = false): JobStats {
    using dom = findDomain(conn, id);
    // VIR_DOMAIN_JOB_STATS_COMPLETED = 1
    return dom.getJobStats(completed ? 1 : 0);
  },

  jobAbort(conn: Connection, id: string): void {
    using dom = findDomain(conn, id);
    dom.abortJob();
  },
};
