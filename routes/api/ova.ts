// OVA import and export, the OVA feature's routes (routes/features.ts), mounted where their
// objects live: a VM exported (/api/vms/:id/export), a pool's volume imported
// (/api/pools/:pool/volumes/:vol/import-ova) and an import read back (/api/images/ova-imports/:id).

import { z } from "zod";
import type { OvaService } from "../../lib/ova/service.ts";
import { EXPORT_CODES, ExportBody } from "../../lib/ova/service.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { VM_ID } from "./vms.ts";

/** Mounted at /api/vms. */
export function ovaExportRoutes(ova: OvaService): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: false, params: VM_ID });
  app.POST(
    "/:id/export",
    "Export a stopped VM as an OVA (OVF 1.0 and stream-optimized vmdk disks) into a new volume of a folder pool, which downloads as one file (local host)",
    {
      access: "admin",
      audit: "vm.export",
      body: { schema: ExportBody, ...EXPORT_CODES, empty: {} },
      responses: { 201: "The OVA volume" },
      answer: "VmOvaVolume",
    },
    reply(({ id }, body) => ova.exportVm(id, body)),
  );
  return app;
}

/** Mounted at /api/pools. */
export function ovaImportRoutes(ova: OvaService): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: false });
  app.POST(
    "/:pool/volumes/:vol/import-ova",
    "Import an OVA volume: its OVF read, its manifest checked and its disks converted into new qcow2 volumes of the pool, for the create wizard (/vms/new?ova=ID; local pools)",
    {
      audit: "volume.import-ova",
      writesStore: true,
      responses: { 201: "The import" },
      answer: "OvaImport",
    },
    reply(({ pool, vol }) => ova.importVolume(pool, vol)),
  );
  return app;
}

/** Mounted at /api/images. */
export function ovaImportReadRoutes(ova: OvaService): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: false });
  app.GET(
    "/ova-imports/:id",
    "An OVA import: what its descriptor says and the volumes its disks became",
    { params: { id: z.string().meta({ description: "The import's id" }) }, answer: "OvaImport" },
    reply(({ id }) => ova.imported(id)),
  );
  return app;
}
