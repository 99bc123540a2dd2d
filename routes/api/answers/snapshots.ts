// What the snapshot routes answer (routes/api/snapshots.ts).

import { z } from "zod";
import type { SnapshotInfo as Info, SnapshotList as List } from "../../../shared/snapshots.ts";
import { describes } from "./describes.ts";
import { VmState } from "./common.ts";

export const SnapshotInfo = describes<Info>()(
  z.object({
    name: z.string(),
    description: z.string(),
    state: z.string().meta({ description: "The VM's state when it was taken (libvirt's words)" }),
    createdAt: z.string().meta({ description: "ISO 8601" }),
    parent: z.string().nullable(),
    children: z.array(z.string()).meta({ description: "Direct children, in tree order" }),
    depth: z.number().int(),
    current: z.boolean(),
    memory: z.boolean().meta({ description: "Whether it holds the VM's memory" }),
    quiesced: z.boolean().optional().meta({
      description: "Only in the answer to a create: whether the guest agent froze filesystems",
    }),
  }).meta({ id: "SnapshotInfo" }),
);

export const SnapshotList = describes<List>()(
  z.object({ snapshots: z.array(SnapshotInfo), current: z.string().nullable() }).meta({
    id: "SnapshotList",
  }),
);

/** A revert: the VM's state after it. */
export const SnapshotReverted = z.object({ state: VmState });

/** A delete: the snapshots deleted, the asked one's children too when asked. */
export const SnapshotsDeleted = z.object({ deleted: z.array(z.string()) });
