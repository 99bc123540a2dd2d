// The wire shapes of images: the image library (a catalog shipped in the program plus an admin's
// own entries), downloads from a URL into a storage pool, and what downloads may reach.

/** An image the library offers. */
export interface CatalogEntry {
  /** "debian-13-cloud": lower-case letters, digits, ".", "_" and "-". */
  id: string;
  name: string;
  /** A cloud image (boots configured by cloud-init) or an install ISO. */
  kind: "cloud" | "iso";
  /**
   * Where the distribution publishes it (before any mirror); with a `pattern`, the folder
   * ("…/images/", ending in "/") that holds it.
   */
  url: string;
  /**
   * A file name whose release is found at download time, or null: "*" stands for any run of
   * characters, "?" for one ("Fedora-Cloud-Base-Generic-43-*.x86_64.qcow2"). The newest name it
   * matches in the sums file (or, with a per-file sums file, in the folder's index page) is
   * fetched; a pool holds the entry when it holds a volume so named.
   */
  pattern: string | null;
  /**
   * A SHA256SUMS/SHA512SUMS/CHECKSUM file listing it, or null. Its name may have a "*" too
   * ("Fedora-Cloud-43-*-x86_64-CHECKSUM", found in its folder's index page), or name each
   * file's own sums file with "{file}" (".../{file}.sha512").
   */
  checksumUrl: string | null;
  /** The checksum algorithm the sums file is read for, or null: whichever it lists. */
  algorithm: "sha256" | "sha512" | null;
  /** "sha256:<hex>" when the entry names its checksum itself, else null. */
  checksum: string | null;
  /** The osinfo id VMs made from it get ("debian13"), or null. */
  osinfo: string | null;
  /** The account cloud-init makes on a cloud image ("debian"), or null. */
  defaultUser: string | null;
  /** The smallest disk a VM made from it should have, in bytes. */
  minDiskBytes: number;
  /** An admin's own entry (removable), not one shipped in the program. */
  custom: boolean;
}

/** An entry as GET /api/images lists it. */
export interface CatalogItem extends CatalogEntry {
  /**
   * The volume name a download gives it: the URL's file name without .gz/.xz/.zst; with a
   * `pattern`, that pattern so (the name is the file found at download time).
   */
  volumeName: string;
  /** The URL a download fetches: `url` through the first mirror that matches (+ `pattern`). */
  downloadUrl: string;
  /** The checksum file's URL through the mirrors, or null. */
  downloadChecksumUrl: string | null;
  /** Pools holding a volume of that name (or matching that pattern), on this host. */
  inPools: string[];
}

/** GET /api/images. */
export interface ImageLibrary {
  images: CatalogItem[];
}

/** A local mirror: URLs starting with `from` are fetched from `to` instead. */
export interface ImageMirror {
  from: string;
  to: string;
}

/** GET and PUT /api/images/settings (admins). */
export interface ImageSettings {
  /**
   * Addresses or networks ("192.168.1.20", "10.0.0.0/8", "fd00::/8") a download may reach
   * although they are loopback, private or link-local: a local mirror. Public addresses need
   * no entry.
   */
  allowedSources: string[];
  /** The largest file a download may bring, in bytes (after unpacking, too). */
  maxDownloadBytes: number;
  /** Local mirrors, tried in order; a download and its checksum file go through them. */
  mirrors: ImageMirror[];
}

/** The body of POST /api/images/downloads. */
export interface DownloadRequest {
  /** http:// or https://; .gz files are unpacked on the way. Not with `image`. */
  url?: string;
  /** A library entry's id instead of `url`: its URL and checksum, through the mirrors. */
  image?: string;
  /** The storage pool the volume is made in. */
  pool: string;
  /** The new volume's name; default the URL's file name without a .gz/.xz/.zst ending. */
  name?: string;
  /** "sha256:<hex>" or "sha512:<hex>" of the file as published (before unpacking). */
  checksum?: string;
  /** A SHA256SUMS/SHA512SUMS file listing the file by name (GNU or BSD style). */
  checksumUrl?: string;
}

/** The 202 answer of POST /api/images/downloads: the download goes on as a task. */
export interface DownloadStarted {
  pool: string;
  name: string;
  /** The task (GET /api/tasks) that shows its progress and can cancel it. */
  taskId: number | null;
  /** The file's size as the server said (before unpacking), or null. */
  size: number | null;
  /** The checksum it will be checked against, or null when none was given. */
  checksum: string | null;
}
