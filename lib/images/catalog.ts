// The image library's shipped entries: cloud images and install ISOs at the addresses their
// distributions publish as "latest" or "current" (so an entry keeps working as releases move),
// each with the checksum file published beside it. Images whose file names carry their release
// (Fedora, Alpine, FreeBSD …) are not shipped, since their address changes with each release:
// an admin adds them as entries of their own (POST /api/images/catalog), as they add local
// mirrors (ImageSettings.mirrors). Names are product names only: what kind of image an entry is
// shows in the page's Kind column, in the user's language.

import type { CatalogEntry } from "../../shared/images.ts";

type Shipped = Omit<CatalogEntry, "custom">;

const GIB = 1024 ** 3;

export const SHIPPED_CATALOG: readonly Shipped[] = [
  {
    id: "debian-13-cloud",
    name: "Debian 13 (trixie)",
    kind: "cloud",
    url: "https://cloud.debian.org/images/cloud/trixie/latest/debian-13-genericcloud-amd64.qcow2",
    checksumUrl: "https://cloud.debian.org/images/cloud/trixie/latest/SHA512SUMS",
    checksum: null,
    osinfo: "debian13",
    defaultUser: "debian",
    minDiskBytes: 3 * GIB,
  },
  {
    id: "debian-12-cloud",
    name: "Debian 12 (bookworm)",
    kind: "cloud",
    url: "https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2",
    checksumUrl: "https://cloud.debian.org/images/cloud/bookworm/latest/SHA512SUMS",
    checksum: null,
    osinfo: "debian12",
    defaultUser: "debian",
    minDiskBytes: 3 * GIB,
  },
  {
    id: "ubuntu-24.04-cloud",
    name: "Ubuntu 24.04 LTS (noble)",
    kind: "cloud",
    url: "https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img",
    checksumUrl: "https://cloud-images.ubuntu.com/noble/current/SHA256SUMS",
    checksum: null,
    osinfo: "ubuntu24.04",
    defaultUser: "ubuntu",
    minDiskBytes: 4 * GIB,
  },
  {
    id: "ubuntu-22.04-cloud",
    name: "Ubuntu 22.04 LTS (jammy)",
    kind: "cloud",
    url: "https://cloud-images.ubuntu.com/jammy/current/jammy-server-cloudimg-amd64.img",
    checksumUrl: "https://cloud-images.ubuntu.com/jammy/current/SHA256SUMS",
    checksum: null,
    osinfo: "ubuntu22.04",
    defaultUser: "ubuntu",
    minDiskBytes: 3 * GIB,
  },
  {
    id: "almalinux-9-cloud",
    name: "AlmaLinux 9",
    kind: "cloud",
    url:
      "https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/AlmaLinux-9-GenericCloud-latest.x86_64.qcow2",
    checksumUrl: "https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/CHECKSUM",
    checksum: null,
    osinfo: "almalinux9",
    defaultUser: "almalinux",
    minDiskBytes: 10 * GIB,
  },
  {
    id: "rocky-9-cloud",
    name: "Rocky Linux 9",
    kind: "cloud",
    url:
      "https://dl.rockylinux.org/pub/rocky/9/images/x86_64/Rocky-9-GenericCloud-Base.latest.x86_64.qcow2",
    checksumUrl:
      "https://dl.rockylinux.org/pub/rocky/9/images/x86_64/Rocky-9-GenericCloud-Base.latest.x86_64.qcow2.CHECKSUM",
    checksum: null,
    osinfo: "rocky9",
    defaultUser: "rocky",
    minDiskBytes: 10 * GIB,
  },
  {
    id: "arch-cloud",
    name: "Arch Linux",
    kind: "cloud",
    url: "https://geo.mirror.pkgbuild.com/images/latest/Arch-Linux-x86_64-cloudimg.qcow2",
    checksumUrl:
      "https://geo.mirror.pkgbuild.com/images/latest/Arch-Linux-x86_64-cloudimg.qcow2.SHA256",
    checksum: null,
    osinfo: "archlinux",
    defaultUser: "arch",
    minDiskBytes: 2 * GIB,
  },
  {
    id: "arch-iso",
    name: "Arch Linux ISO",
    kind: "iso",
    url: "https://geo.mirror.pkgbuild.com/iso/latest/archlinux-x86_64.iso",
    checksumUrl: "https://geo.mirror.pkgbuild.com/iso/latest/sha256sums.txt",
    checksum: null,
    osinfo: "archlinux",
    defaultUser: null,
    minDiskBytes: 10 * GIB,
  },
  {
    id: "almalinux-9-iso",
    name: "AlmaLinux 9 ISO (minimal)",
    kind: "iso",
    url: "https://repo.almalinux.org/almalinux/9/isos/x86_64/AlmaLinux-9-latest-x86_64-minimal.iso",
    checksumUrl: "https://repo.almalinux.org/almalinux/9/isos/x86_64/CHECKSUM",
    checksum: null,
    osinfo: "almalinux9",
    defaultUser: null,
    minDiskBytes: 10 * GIB,
  },
  {
    id: "rocky-9-iso",
    name: "Rocky Linux 9 ISO (minimal)",
    kind: "iso",
    url:
      "https://download.rockylinux.org/pub/rocky/9/isos/x86_64/Rocky-9-latest-x86_64-minimal.iso",
    checksumUrl: "https://download.rockylinux.org/pub/rocky/9/isos/x86_64/CHECKSUM",
    checksum: null,
    osinfo: "rocky9",
    defaultUser: null,
    minDiskBytes: 10 * GIB,
  },
];
