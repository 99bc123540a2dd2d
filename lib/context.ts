// The services the HTTP layer uses, bundled once at start-up (see main.ts).

import type { Config } from "./config.ts";
import type { DeleteResult } from "./domains.ts";
import type { EventHub } from "./events.ts";
import type { ConnectionStatus, HostInfo, Vm, VmAction, VmStats, VmSummary } from "./types.ts";

/** What routes/ and pages call; each method throws AppError with the API's words. */
export interface Kvm {
  listVms(): Promise<VmSummary[]>;
  getVm(id: string): Promise<Vm>;
  vmAction(id: string, action: VmAction): Promise<void>;
  deleteVm(id: string, opts: { deleteDisks: boolean }): Promise<DeleteResult>;
  vmStats(id: string): Promise<VmStats>;
  /** Where the VM's own VNC server listens, from its live XML. */
  vncTarget(id: string): Promise<{ hostname: string; port: number }>;
  hostInfo(): Promise<HostInfo>;
  connection(): ConnectionStatus;
}

export interface AppContext {
  config: Config;
  kvm: Kvm;
  events: EventHub;
}
