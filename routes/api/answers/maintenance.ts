// What the host maintenance routes answer (routes/api/maintenance.ts).

import { z } from "zod";
import type {
  MaintenancePlan as Plan,
  MaintenanceRun as Run,
  MaintenanceStatus as Status,
  MovedVm as Moved,
  PlanHost as Host,
  PlannedMove as Move,
} from "../../../shared/maintenance.ts";
import { describes } from "./describes.ts";

const PlannedMove = describes<Move>()(
  z.object({
    vmId: z.string(),
    name: z.string(),
    state: z.string(),
    memoryMb: z.number(),
    cpuCount: z.number().int(),
    kind: z.enum(["live", "offline", "stay"]).meta({
      description: "Live migration of a running VM, the definition of a stopped one, or none",
    }),
    to: z.string().nullable().meta({
      description: "The destination host id; null when none fits (see problem) or it stays",
    }),
    toName: z.string().nullable(),
    chosen: z.boolean().meta({ description: "Chosen by the admin rather than by free memory" }),
    problem: z.string().optional().meta({ description: "Why it has no destination" }),
  }),
);

const PlanHost = describes<Host>()(
  z.object({
    id: z.string(),
    name: z.string(),
    connected: z.boolean(),
    inMaintenance: z.boolean(),
    memoryFreeMb: z.number().nullable(),
    cpuThreads: z.number().int().nullable(),
    runningVcpus: z.number().int().nullable().meta({ description: "vCPUs of its running VMs" }),
  }),
);

export const MaintenancePlan = describes<Plan>()(
  z.object({
    hostId: z.string(),
    moves: z.array(PlannedMove),
    hosts: z.array(PlanHost).meta({
      description: "The hosts the plan may send VMs to, as they stand before the moves",
    }),
    ok: z.boolean().meta({ description: "Whether every VM that must move has a destination" }),
  }).meta({ id: "HostMaintenancePlan" }),
);

const MovedVm = describes<Moved>()(
  z.object({
    vmId: z.string(),
    name: z.string(),
    to: z.string().meta({ description: "The host id it went to" }),
  }),
);

const MaintenanceRun = describes<Run>()(
  z.object({
    kind: z.enum(["enter", "leave"]),
    state: z.enum(["running", "completed", "failed", "cancelled"]),
    total: z.number().int(),
    done: z.number().int(),
    moving: z.array(z.string()).meta({ description: "Names of the VMs moving now" }),
    failures: z.array(z.object({ name: z.string(), message: z.string() })),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    taskId: z.number().int().optional().meta({ description: "Its task in the task log" }),
  }),
);

export const MaintenanceStatus = describes<Status>()(
  z.object({
    hostId: z.string(),
    inMaintenance: z.boolean(),
    since: z.string().nullable().meta({
      description: "When it entered; null when not in maintenance",
    }),
    by: z.string().nullable().meta({ description: "Who entered it" }),
    moved: z.array(MovedVm).meta({ description: "The VMs maintenance moved away" }),
    run: MaintenanceRun.nullable().meta({
      description: "The latest enter or leave since KVM Manager started, or null",
    }),
  }).meta({ id: "HostMaintenanceStatus" }),
);
