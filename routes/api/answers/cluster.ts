// What the cluster routes answer (routes/api/cluster.ts).

import { z } from "zod";
import {
  type ClusterFailure as Failure,
  type ClusterFencing as Fencing,
  type ClusterNode as Node,
  type ClusterResource as Resource,
  type ClusterStatus as Status,
  type ClusterView as View,
  type FenceAgentInfo as AgentInfo,
  type FenceEvent as Event,
  type FenceParam as Param,
  type FencingTest as Test,
  type NoCluster as None,
  NODE_ACTIONS,
} from "../../../shared/cluster.ts";
import { describes } from "./describes.ts";

const ClusterNode = describes<Node>()(
  z.object({
    name: z.string(),
    id: z.string().meta({ description: "Corosync's node id" }),
    state: z.enum(["unclean", "fenced", "offline", "pending", "maintenance", "standby", "online"])
      .meta({ description: "The worst that holds; unclean: lost and not fenced yet" }),
    online: z.boolean(),
    dc: z.boolean().meta({ description: "The designated controller" }),
    resourcesRunning: z.number().int(),
    lastFenced: z.string().nullable().meta({
      description: "When Pacemaker last fenced it successfully (ISO 8601), or null",
    }),
  }),
);

const ClusterResource = describes<Resource>()(
  z.object({
    id: z.string(),
    agent: z.string().meta({ description: "class:provider:type or stonith:type" }),
    kind: z.enum(["vm", "fencing", "other"]),
    role: z.string().meta({ description: "Pacemaker's role now: Started, Stopped, …" }),
    targetRole: z.string().nullable(),
    nodes: z.array(z.string()).meta({
      description: "Where it runs now (two nodes during a live migration)",
    }),
    managed: z.boolean(),
    failed: z.boolean(),
    parent: z.string().nullable().meta({ description: "Its group or clone, or null" }),
    domain: z.string().nullable().meta({ description: "A VM's libvirt domain, when read" }),
    domainUuid: z.string().nullable(),
    ours: z.boolean().meta({ description: "KVM Manager made it, so its controls may change it" }),
  }),
);

const FenceEvent = describes<Event>()(
  z.object({
    target: z.string().meta({ description: "The node fenced" }),
    action: z.string().meta({ description: "off, reboot or on" }),
    status: z.string().meta({ description: "success, failed or pending" }),
    delegate: z.string().nullable(),
    completed: z.string().nullable().meta({ description: "ISO 8601; null while pending" }),
  }),
);

const ClusterFailure = describes<Failure>()(
  z.object({
    resource: z.string(),
    node: z.string(),
    operation: z.string(),
    reason: z.string(),
  }),
);

const ClusterFencing = describes<Fencing>()(
  z.object({
    enabled: z.boolean().meta({ description: "The cluster option stonith-enabled" }),
    devices: z.array(ClusterResource),
    unsafe: z.string().nullable().meta({
      description: "Why failover is unsafe here, or null when fencing is on with a started device",
    }),
  }),
);

const ClusterStatus = describes<Status>()(
  z.object({
    present: z.literal(true),
    localNode: z.string().nullable().meta({
      description: "This server's node, or null when it is not a member",
    }),
    dc: z.string().nullable(),
    quorum: z.boolean(),
    version: z.string().nullable(),
    maintenanceMode: z.boolean(),
    nodes: z.array(ClusterNode),
    resources: z.array(ClusterResource).meta({ description: "All but the fencing devices" }),
    fencing: ClusterFencing,
    fenceHistory: z.array(FenceEvent).meta({ description: "Newest first, at most 20" }),
    failures: z.array(ClusterFailure),
    readAt: z.number().meta({ description: "Epoch ms" }),
  }),
);

const NoCluster = describes<None>()(
  z.object({
    present: z.literal(false),
    code: z.enum(["CLUSTER_TOOLS_MISSING", "CLUSTER_NOT_RUNNING"]),
    reason: z.string(),
    readAt: z.number(),
  }),
);

export const ClusterView = describes<View>()(
  z.discriminatedUnion("present", [ClusterStatus, NoCluster]).meta({ id: "ClusterView" }),
);

export const ClusterSharedPools = z.object({ pools: z.array(z.string()) });

export const ClusterHaMade = z.object({
  resource: z.string().meta({ description: "The Pacemaker resource's id" }),
  config: z.string().meta({ description: "The definition's file on shared storage" }),
});

export const ClusterHaAction = z.object({
  resource: z.string(),
  targetRole: z.enum(["Started", "Stopped"]),
});

export const ClusterHaRemoved = z.object({ resource: z.string() });

export const ClusterNodeChanged = z.object({ node: z.string(), action: z.enum(NODE_ACTIONS) });

export const ClusterOptions = z.object({
  fencingEnabled: z.boolean(),
  maintenanceMode: z.boolean(),
}).meta({ description: "Both switches as they are now" });

export const FenceAgentList = z.object({ agents: z.array(z.string()) });

const FenceParam = describes<Param>()(
  z.object({
    name: z.string(),
    type: z.string().meta({ description: "string, boolean, integer, second or select" }),
    required: z.boolean(),
    description: z.string(),
    default: z.string().nullable(),
    choices: z.array(z.string()).meta({ description: "The values a select takes" }),
    secret: z.boolean().meta({ description: "A password or key: entered hidden, never sent back" }),
  }),
);

export const FenceAgentInfo = describes<AgentInfo>()(
  z.object({ agent: z.string(), description: z.string(), params: z.array(FenceParam) }).meta({
    id: "FenceAgentInfo",
  }),
);

export const FencingDevice = z.object({ device: z.string() });

export const FencingTest = describes<Test>()(
  z.object({
    device: z.string(),
    ok: z.boolean().meta({ description: "The device answered its monitor" }),
    message: z.string(),
    targets: z.array(z.string()).meta({ description: "The nodes it can power off" }),
    uncovered: z.array(z.string()).meta({
      description: "Nodes of the cluster it cannot power off",
    }),
    testedAt: z.string(),
  }).meta({ id: "FencingTest" }),
);
