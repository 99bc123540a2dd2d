// OVA in and out for one host: import an OVA volume into converted disks the create wizard
// starts from (`/vms/new?ova=ID`), and export a stopped VM as an OVA volume.

import { z } from "zod";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError } from "../errors.ts";
import { closedObject, validated } from "../validate.ts";
import { t } from "../../shared/i18n/t.ts";
import type { AppEvent } from "../../shared/events.ts";
import type { OvaImport } from "../../shared/ova.ts";
import type { VolumeInfo } from "../../shared/storage.ts";
import { checkExistingName } from "../existing_name.ts";
import { volumeNameIssue, volumeNameRule, type VolumeService } from "../storage/volumes.ts";
import type { VmService } from "../vms/service.ts";
import { exportOva } from "./export.ts";
import { importOva } from "./import.ts";
import { vmNameFrom } from "./ovf_read.ts";
import type { OvaRecords } from "./records.ts";

const nameWords = () => t("name must be a volume name ending in .ova");

/** The body of POST /api/vms/:id/export. */
export const ExportBody = closedObject({
  pool: z.string({ error: () => t("pool must be a storage pool name") }).max(255).optional(),
  name: z.string({ error: nameWords }).max(255, { error: nameWords })
    .refine((n) => n.toLowerCase().endsWith(".ova") && volumeNameIssue(n) === null, {
      error: nameWords,
    }).optional(),
}, { code: "BAD_REQUEST" });

export const EXPORT_CODES = { fields: { name: "INVALID_NAME", pool: "INVALID_NAME" } } as const;

export class OvaService {
  constructor(
    private readonly deps: {
      client: LibvirtClient;
      vms: VmService;
      volumes: VolumeService;
      records: OvaRecords;
      hostId: string;
      emit: (e: AppEvent) => void;
    },
  ) {}

  /** Imports the OVA volume `name` of `pool`; its disks become qcow2 volumes of that pool. */
  async importVolume(pool: string, name: string): Promise<OvaImport> {
    const { client, volumes, records, hostId, emit } = this.deps;
    const ova = await volumes.get(pool, name);
    try {
      const record = await importOva(client, ova, hostId);
      records.add(record);
      return record;
    } finally {
      await client.call("poolRefresh", pool).catch(() => {});
      emit({ type: "storage-changed", pool });
    }
  }

  /** An import of this host, for the wizard's review. */
  imported(id: string): OvaImport {
    const record = this.deps.records.get(id);
    if (!record || record.hostId !== this.deps.hostId) {
      throw new AppError("NOT_FOUND", t("No OVA import {{id}} on this host", { id }));
    }
    return record;
  }

  /** Exports the stopped VM `id` as a new OVA volume (by default NAME.ova in its disk's pool). */
  async exportVm(id: string, input: unknown): Promise<VolumeInfo> {
    const { client, vms, volumes, emit } = this.deps;
    const body = validated(ExportBody, input, EXPORT_CODES);
    const vm = await vms.getVm(id);
    const firstDisk = vm.disks.find((d) => d.device === "disk" && d.path);
    const pool = body.pool ??
      (firstDisk
        ? await client.call("volumeAt", firstDisk.path!).then((v) => v.pool, () => "default")
        : "default");
    checkExistingName(pool);
    const name = body.name ?? `${vmNameFrom(vm.name)}.ova`;
    if (volumeNameIssue(name)) throw new AppError("INVALID_NAME", volumeNameRule());
    if ((await volumes.list(pool)).some((v) => v.name === name)) {
      throw new AppError(
        "ALREADY_EXISTS",
        t("Volume already exists in {{pool}}: {{name}}", { pool, name }),
      );
    }
    try {
      await exportOva(client, vm, { pool, name });
    } finally {
      emit({ type: "storage-changed", pool });
    }
    return await volumes.get(pool, name);
  }
}
