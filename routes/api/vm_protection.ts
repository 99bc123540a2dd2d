// /api/vms/:id/protection: protecting a VM from deletion (lib/vms/protection.ts).

import type { AppContext } from "../../lib/context.ts";
import { ProtectionBody } from "../../lib/vms/input.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { VM_ID } from "./vms.ts";

export function vmProtectionRoutes({ vms }: AppContext): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: false, params: VM_ID });

  app.PUT("/:id/protection", "Protect a VM from deletion, or remove the protection", {
    audit: "vm.protect",
    body: { schema: ProtectionBody },
    responses: {
      200:
        "`{id, name, protected}`. While protected, DELETE /api/vms/{id} (with or without disks) answers 409 VM_PROTECTED; the mark is kept in the domain's metadata, so an XML edit or import keeps it",
    },
    answer: "VmProtection",
  }, reply(({ id }, body) => vms.protectVm(id, body.protected)));

  return app;
}
