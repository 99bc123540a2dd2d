// The body of `POST /api/vms/:id/disks/:target/move`, checked at the API boundary.

import { z } from "zod";
import { DISK_FORMATS } from "../../../shared/vms.ts";
import { t } from "../../../shared/i18n/t.ts";
import { strictBodyError } from "../../validate.ts";

/** Moves a disk to another pool (and format); answered 202 with the task that does it. */
export const DiskMoveBody = z.strictObject({
  pool: z.string({ error: () => t("pool must be a storage pool's name") })
    .min(1, { error: () => t("pool must be a storage pool's name") })
    .max(255, { error: () => t("pool must be a storage pool's name") })
    .meta({ description: "The storage pool the disk moves to (active, with room for it)" }),
  format: z.enum(DISK_FORMATS, { error: () => t("format must be qcow2 or raw") }).optional()
    .meta({ description: "The new volume's format; the disk's own when left out" }),
  deleteSource: z.boolean({ error: () => t("deleteSource must be true or false") }).optional()
    .meta({ description: "Delete the old volume once the VM uses the new one (default false)" }),
}, strictBodyError('{"pool": "fast"}'));

export type DiskMoveInput = z.output<typeof DiskMoveBody>;
