// What the image routes answer (routes/api/images.ts), and an OVA import, which the storage
// routes answer too (POST /api/pools/:pool/volumes/:vol/import-ova).

import { z } from "zod";
import type {
  CatalogEntry as Entry,
  CatalogItem as Item,
  DownloadStarted as Started,
  ImageLibrary as Library,
  ImageSettings as Settings,
} from "../../../shared/images.ts";
import type { OvaImport as Import, OvfSummary as Summary } from "../../../shared/ova.ts";
import { OS_TYPES } from "../../../shared/vm_kinds.ts";
import { describes } from "./describes.ts";

const entryFields = {
  id: z.string().meta({ description: 'e.g. "debian-13-cloud"' }),
  name: z.string(),
  kind: z.enum(["cloud", "iso"]).meta({
    description: "A cloud image (configured by cloud-init) or an install ISO",
  }),
  url: z.string().meta({
    description:
      "Where the distribution publishes it (before any mirror); with a `pattern`, the folder that holds it",
  }),
  pattern: z.string().nullable().meta({
    description:
      'A file name whose release is found at download time ("*" any run of characters, "?" one), or null',
  }),
  checksumUrl: z.string().nullable().meta({ description: "A sums file listing it, or null" }),
  algorithm: z.enum(["sha256", "sha512"]).nullable().meta({
    description: "The algorithm the sums file is read for; null: whichever it lists",
  }),
  checksum: z.string().nullable().meta({ description: '"sha256:<hex>" when the entry names it' }),
  osinfo: z.string().nullable().meta({ description: 'The osinfo id its VMs get ("debian13")' }),
  defaultUser: z.string().nullable().meta({
    description: "The account cloud-init makes on a cloud image",
  }),
  minDiskBytes: z.number().meta({ description: "The smallest disk a VM made from it should have" }),
  custom: z.boolean().meta({ description: "An admin's own entry (removable), not a shipped one" }),
};

export const ImageCatalogEntry = describes<Entry>()(
  z.object(entryFields).meta({ id: "ImageCatalogEntry" }),
);

const CatalogItem = describes<Item>()(
  z.object({
    ...entryFields,
    volumeName: z.string().meta({
      description: "The volume name a download gives it (with a `pattern`, that pattern)",
    }),
    downloadUrl: z.string().meta({
      description: "The URL a download fetches, through the mirrors",
    }),
    downloadChecksumUrl: z.string().nullable(),
    inPools: z.array(z.string()).meta({ description: "Pools of this host holding its volume" }),
  }),
);

export const ImageLibrary = describes<Library>()(
  z.object({ images: z.array(CatalogItem) }).meta({ id: "ImageLibrary" }),
);

export const ImageSettings = describes<Settings>()(
  z.object({
    allowedSources: z.array(z.string()).meta({
      description:
        "Loopback, private or link-local addresses or networks a download may reach (a local mirror)",
    }),
    maxDownloadBytes: z.number().meta({
      description: "The largest file a download may bring (after unpacking, too)",
    }),
    mirrors: z.array(z.object({ from: z.string(), to: z.string() })).meta({
      description: "Local mirrors, tried in order: URLs starting with `from` are fetched from `to`",
    }),
  }).meta({ id: "ImageSettings" }),
);

export const ImageDownloadStarted = describes<Started>()(
  z.object({
    pool: z.string(),
    name: z.string().meta({ description: "The new volume's name" }),
    taskId: z.number().int().nullable().meta({
      description: "The task (GET /api/tasks) that shows its progress and can cancel it",
    }),
    size: z.number().nullable().meta({
      description: "The file's size as the server said (before unpacking), or null",
    }),
    checksum: z.string().nullable().meta({
      description: "What it will be checked against, or null when none was given",
    }),
  }).meta({ id: "ImageDownloadStarted" }),
);

const OvfSummary = describes<Summary>()(
  z.object({
    name: z.string(),
    cpuCount: z.number().int(),
    memoryMb: z.number().int(),
    firmware: z.enum(["bios", "uefi"]),
    osType: z.enum(OS_TYPES),
    osDescription: z.string().nullable().meta({
      description: 'The descriptor\'s words for its OS ("Debian_64")',
    }),
    osVariant: z.string().nullable().meta({ description: "The osinfo id, when it names one" }),
    disks: z.array(z.object({
      file: z.string().nullable().meta({
        description: "The file in the OVA; null for an empty disk to make",
      }),
      capacityBytes: z.number(),
      bus: z.enum(["virtio", "scsi", "sata"]),
    })).meta({ description: "In the order the VM's controllers attach them" }),
    nics: z.array(z.object({ network: z.string(), model: z.string().nullable() })),
  }),
);

export const OvaImport = describes<Import>()(
  z.object({
    id: z.string().meta({ description: "Names the import for /vms/new?ova=ID" }),
    hostId: z.string(),
    pool: z.string(),
    summary: OvfSummary.meta({ description: "What the OVF descriptor says of its VM" }),
    volumes: z.array(z.object({ name: z.string(), path: z.string() })).meta({
      description: "The converted volumes, in the summary's disk order",
    }),
    createdAt: z.number().meta({ description: "Unix time in milliseconds" }),
  }).meta({ id: "OvaImport" }),
);
