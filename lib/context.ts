// The services the HTTP layer uses, bundled once at start-up (see main.ts).

import type { Config } from "./config.ts";
import type { DeleteResult } from "./domains.ts";
import type { EventHub } from "./events.ts";
import type { TemplateService } from "./templates.ts";
import type {
  ConnectionStatus,
  CreateOptions,
  FieldIssue,
  HostInfo,
  ValidationResult,
  Vm,
  VmAction,
  VmConfig,
  VmStats,
  VmSummary,
} from "./types.ts";

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
  /** Host facts and choices for the create wizard. */
  createOptions(): Promise<CreateOptions>;
  /** Checks a VmConfig against the host without creating anything. */
  validateVm(input: unknown): Promise<ValidationResult>;
  /** Creates a VM; progress goes out on the event stream. */
  createVm(input: unknown): Promise<{ id: string; name: string; warnings: FieldIssue[] }>;
  /** The VmConfig that would recreate this VM (for templates), without its name. */
  vmConfig(id: string): Promise<Omit<VmConfig, "name">>;
  connection(): ConnectionStatus;
}

export interface AppContext {
  config: Config;
  kvm: Kvm;
  events: EventHub;
  templates: TemplateService;
}
