// The Pacemaker/Corosync cluster this host belongs to, as GET /api/cluster answers it and the
// Cluster page draws it (lib/cluster/ reads it from Pacemaker's own XML).

/**
 * A node's state, worst first where several hold: `unclean` (lost without fencing yet: its
 * resources cannot move until it is fenced), `fenced` (offline, and Pacemaker's last fencing of
 * it succeeded), `offline`, `pending` (joining), `maintenance`, `standby`, `online`.
 */
export type ClusterNodeState =
  | "unclean"
  | "fenced"
  | "offline"
  | "pending"
  | "maintenance"
  | "standby"
  | "online";

export interface ClusterNode {
  name: string;
  /** Corosync's node id. */
  id: string;
  state: ClusterNodeState;
  online: boolean;
  /** The designated controller: the node that decides for the cluster. */
  dc: boolean;
  resourcesRunning: number;
  /** When Pacemaker last fenced this node successfully (ISO time), or null. */
  lastFenced: string | null;
}

/** What a resource is to us: a VM (VirtualDomain), a fencing device, or anything else. */
export type ClusterResourceKind = "vm" | "fencing" | "other";

export interface ClusterResource {
  id: string;
  /** `class:provider:type` or `stonith:type`, as Pacemaker names the agent. */
  agent: string;
  kind: ClusterResourceKind;
  /** Pacemaker's role now: Started, Stopped, Starting, Stopping, Migrating, Promoted, … */
  role: string;
  /** The role it is asked to have (target-role), when one is set. */
  targetRole: string | null;
  /** Where it runs now (two nodes while a live migration is under way). */
  nodes: string[];
  managed: boolean;
  failed: boolean;
  /** The group or clone it belongs to, or null. */
  parent: string | null;
  /** For a VM: the libvirt domain it runs (named in its config file), when it could be read. */
  domain: string | null;
  /** That domain's UUID, when its config file gives one. */
  domainUuid: string | null;
  /** KVM Manager made it (POST /api/cluster/vms), so its HA controls may change it. */
  ours: boolean;
}

export interface FenceEvent {
  /** The node fenced. */
  target: string;
  /** off, reboot or on. */
  action: string;
  /** success, failed or pending. */
  status: string;
  /** The node that carried it out, when known. */
  delegate: string | null;
  /** When it ended (ISO time), or null while pending. */
  completed: string | null;
}

/** A failed operation Pacemaker records (the resource's fail count goes up). */
export interface ClusterFailure {
  resource: string;
  node: string;
  /** start, stop, monitor, migrate_to, … */
  operation: string;
  /** The agent's exit reason or status words. */
  reason: string;
}

export interface ClusterFencing {
  /** The cluster option stonith-enabled. */
  enabled: boolean;
  devices: ClusterResource[];
  /**
   * Why failover is unsafe here, or null when fencing is on with a started device. Without
   * working fencing Pacemaker cannot be sure a lost node's VMs are off before starting them
   * elsewhere (two copies writing one disk), so it does not move them at all.
   */
  unsafe: string | null;
}

export interface ClusterStatus {
  present: true;
  /** The node this server runs on, as the cluster names it (null when it is not a member). */
  localNode: string | null;
  /** The designated controller's name, or null while none is elected. */
  dc: string | null;
  quorum: boolean;
  /** Pacemaker's version, from the DC. */
  version: string | null;
  /** The cluster-wide maintenance-mode option: Pacemaker then starts and stops nothing. */
  maintenanceMode: boolean;
  nodes: ClusterNode[];
  /** Every resource but the fencing devices. */
  resources: ClusterResource[];
  fencing: ClusterFencing;
  /** Fencing actions, newest first (at most FENCE_HISTORY_MAX). */
  fenceHistory: FenceEvent[];
  failures: ClusterFailure[];
  /** When this was read (epoch ms). */
  readAt: number;
}

/** No cluster to show, and why (the tools are missing, Pacemaker does not run here). */
export interface NoCluster {
  present: false;
  code: "CLUSTER_TOOLS_MISSING" | "CLUSTER_NOT_RUNNING";
  reason: string;
  readAt: number;
}

export type ClusterView = ClusterStatus | NoCluster;

export const FENCE_HISTORY_MAX = 20;

/** One parameter of a fence agent, from its own metadata (GET /api/cluster/fence-agents/:agent). */
export interface FenceParam {
  name: string;
  /** string, boolean, integer, second or select. */
  type: string;
  required: boolean;
  description: string;
  default: string | null;
  /** The values a select takes. */
  choices: string[];
  /** A password or key: entered hidden, never sent back. */
  secret: boolean;
}

export interface FenceAgentInfo {
  agent: string;
  description: string;
  params: FenceParam[];
}

/** What testing a fencing device found (it fences nothing). */
export interface FencingTest {
  device: string;
  /** The device answered its monitor. */
  ok: boolean;
  message: string;
  /** The nodes it can power off. */
  targets: string[];
  /** Nodes of the cluster it cannot power off. */
  uncovered: string[];
  testedAt: string;
}

/** Node actions: standby moves its resources away (live where allowed); maintenance freezes them. */
export const NODE_ACTIONS = ["standby", "unstandby", "maintenance", "unmaintenance"] as const;
export type NodeAction = typeof NODE_ACTIONS[number];
