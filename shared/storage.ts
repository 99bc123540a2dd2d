// Storage pools and volumes as the API sends and takes them.

/** A storage pool as the create wizard and disk forms see it. */
export interface PoolSummary {
  name: string;
  active: boolean;
  capacityBytes: number;
  allocationBytes: number;
  availableBytes: number;
  path: string | null;
}

/** A storage volume. */
export interface VolumeSummary {
  pool: string;
  name: string;
  path: string;
  capacityBytes: number;
  allocationBytes: number;
  format: string | null;
}

/** The pool kinds KVM Manager creates; each needs only libvirt itself (no extra daemon). */
export const POOL_TYPES = ["dir", "fs", "netfs", "logical", "iscsi"] as const;

export type PoolType = typeof POOL_TYPES[number];

/** `GET /api/pools/:name`: one pool, and what its page must warn about. */
export interface PoolDetail extends PoolInfo {
  /**
   * Volumes libvirt still lists whose file was removed behind its back: they are left out of
   * every volume list until the pool is refreshed. Empty while the pool is inactive.
   */
  vanishedVolumes: string[];
}

/** `GET /api/pools` and `/api/pools/:name`: a pool with everything the storage page shows. */
export interface PoolInfo extends PoolSummary {
  uuid: string;
  /** libvirt's pool type; may be one we do not create, e.g. "rbd". */
  type: string;
  autostart: boolean;
  persistent: boolean;
  /** Where the storage comes from: NFS host and export, device paths, volume group, IQN. */
  source: { host: string | null; dir: string | null; devices: string[]; name: string | null };
  /** Number of volumes; null while the pool is inactive. */
  volumeCount: number | null;
}

/** `POST /api/pools`. `path` is the target folder (dir, fs, netfs) inside an allowed root. */
export interface PoolCreateRequest {
  name: string;
  type: PoolType;
  path?: string;
  /** netfs and iscsi: the server's host name or address. */
  sourceHost?: string;
  /** netfs: the exported folder, e.g. "/export/vms". */
  sourcePath?: string;
  /** fs: the block device; logical: the physical volumes; iscsi: the target IQN. */
  sourceDevices?: string[];
  /** logical: the volume group name. */
  sourceName?: string;
  /** Build the pool first (mkdir, mkfs, vgcreate); default true for dir, false otherwise. */
  build?: boolean;
  /** Default true. */
  start?: boolean;
  /** Default false. */
  autostart?: boolean;
}

/** `GET /api/pools/:name/volumes`. */
export interface VolumeInfo extends VolumeSummary {
  /** The backing file of a qcow2 overlay, or null. */
  backingPath: string | null;
}

export const VOLUME_FORMATS = ["qcow2", "raw"] as const;

export type VolumeFormat = typeof VOLUME_FORMATS[number];
