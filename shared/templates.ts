// VM templates: saved VM configs without the VM's name.

import type { VmConfig } from "./vms.ts";

/** A saved VmConfig to create VMs from (SQLite). */
export interface VmTemplate {
  id: string;
  name: string;
  description: string;
  /** Everything but the VM's own name. */
  config: Omit<VmConfig, "name">;
  createdAt: number;
  updatedAt: number;
}
