// What the storage pool and volume routes answer (routes/api/storage.ts).

import { z } from "zod";
import type {
  PoolDetail as Detail,
  PoolInfo as Info,
  VolumeInfo as Volume,
} from "../../../shared/storage.ts";
import type { LinkedClone as Clone } from "../../../lib/storage/linked.ts";
import { describes } from "./describes.ts";
import { lifecycleFields } from "./parts.ts";

const poolFields = {
  name: z.string(),
  uuid: z.string(),
  type: z.string().meta({
    description:
      'libvirt\'s pool type: dir, fs, netfs, logical, iscsi, or one not created here ("rbd")',
  }),
  ...lifecycleFields,
  capacityBytes: z.number(),
  allocationBytes: z.number(),
  availableBytes: z.number(),
  path: z.string().nullable().meta({ description: "The target folder or device, when it has one" }),
  source: z.object({
    host: z.string().nullable(),
    dir: z.string().nullable(),
    devices: z.array(z.string()),
    name: z.string().nullable(),
  }).meta({
    description:
      "Where the storage comes from: NFS host and export, device paths, volume group, IQN",
  }),
  volumeCount: z.number().int().nullable().meta({ description: "null while the pool is inactive" }),
};

export const StoragePool = describes<Info>()(
  z.object(poolFields).meta({ id: "StoragePool" }),
);

export const StoragePoolList = z.array(StoragePool);

export const StoragePoolDetail = describes<Detail>()(
  z.object({
    ...poolFields,
    vanishedVolumes: z.array(z.string()).meta({
      description:
        "Volumes libvirt still lists whose file was removed behind its back (left out of volume lists until a refresh); empty while the pool is inactive",
    }),
  }).meta({ id: "StoragePoolDetail" }),
);

/** A pool's delete: the volumes deleted with it (only when asked to delete its contents). */
export const StoragePoolDeleted = z.object({ deletedVolumes: z.array(z.string()) }).meta({
  id: "StoragePoolDeleted",
});

export const StorageVolume = describes<Volume>()(
  z.object({
    pool: z.string(),
    name: z.string(),
    path: z.string(),
    capacityBytes: z.number(),
    allocationBytes: z.number(),
    format: z.string().nullable().meta({
      description: 'libvirt\'s format ("qcow2", "raw", "iso" …)',
    }),
    backingPath: z.string().nullable().meta({
      description: "The backing file of a qcow2 overlay (a linked clone's base image), or null",
    }),
  }).meta({ id: "StorageVolume" }),
);

export const StorageVolumeList = z.array(StorageVolume);

/** A linked clone of a base image: its overlay volume and the VMs whose disk it is. */
export const LinkedClone = describes<Clone>()(
  z.object({
    name: z.string(),
    path: z.string(),
    vms: z.array(z.string()).meta({ description: "The names of the VMs using it" }),
  }),
);

export const StorageVolumeClones = z.object({ clones: z.array(LinkedClone) }).meta({
  id: "StorageVolumeClones",
});
