// A VM's shared folders (virtiofs): what the API answers and takes. Browser-safe.

/** The longest mount tag: the guest's virtio-fs config holds 36 bytes (virtio spec 5.11.4). */
export const MAX_TAG_LENGTH = 36;

/** A tag: a letter or digit first, then letters, digits, ".", "_" and "-". */
export const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** One shared folder of a VM's definition. */
export interface VmFilesystem {
  /** The mount tag the guest names: `mount -t virtiofs TAG /mnt`. */
  tag: string;
  /** The host folder. */
  source: string;
  readOnly: boolean;
  /** "virtiofs", or the driver of a folder another tool added (9p's "path", "handle"). */
  driver: string;
}

/** POST /api/vms/:id/filesystems. */
export interface FilesystemAdd {
  source: string;
  tag: string;
  readOnly?: boolean;
}

/** How a shared-folder change landed: live (the VM runs and took it) and in the definition. */
export interface FilesystemResult {
  live: boolean;
  nextBoot: true;
  /** Shared memory was added to the definition: the VM must boot once before the folder shows. */
  sharedMemoryAdded: boolean;
}
