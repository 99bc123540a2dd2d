// The HA test bed of issue 48 (scripts/ha-bed.sh, docs/dev/ha-bed.md): three Pacemaker/Corosync
// nodes in namespaces on this machine, each with its own libvirtd, a shared folder, and a power
// switch that Pacemaker uses as its fencing device. Helpers to start it, run commands inside a
// node, power nodes off and on, and read Pacemaker's XML.

import { run } from "./guest.ts";

const SCRIPT = new URL("../../scripts/ha-bed.sh", import.meta.url).pathname;
/** The bed's state folder as seen from outside the nodes. */
export const BED_BASE = Deno.env.get("KVMM_HA_BASE") ?? "/tmp/kvmm-ha-bed";
/** The shared folder: $BED_BASE/shared outside, SHARED_IN_NODE inside every node. */
export const BED_SHARED = `${BED_BASE}/shared`;
export const SHARED_IN_NODE = "/var/lib/libvirt/images/shared";
/** One line per power-off: `TIME RAN-ON source=pacemaker|ha-bed action=off plug=NODE done`. */
export const FENCE_LOG = `${BED_BASE}/fence.log`;
export const BED_NODES = ["kvmm-ha1", "kvmm-ha2", "kvmm-ha3"] as const;
export type BedNode = typeof BED_NODES[number];

/** A node's address on the bed's bridge (the host has 10.77.0.1 there). */
export function nodeAddress(node: BedNode): string {
  return `10.77.0.1${node.slice(-1)}`;
}

/** The node's own libvirtd, from the host. */
export function nodeUri(node: BedNode): string {
  return `qemu+tcp://${nodeAddress(node)}/system`;
}

/** Builds and boots the bed unless it runs; returns when 3 nodes are online with quorum. */
export async function bedUp(): Promise<void> {
  await run("bash", [SCRIPT, "up"]);
}

/** Removes the bed: processes, namespaces, links and the state folder. */
export async function bedDown(): Promise<void> {
  await run("bash", [SCRIPT, "down"]);
}

/** Runs a command inside `node` ("any": the first node that is on); its stdout. */
export async function onNode(node: BedNode | "any", ...cmd: string[]): Promise<string> {
  return await run("bash", [SCRIPT, "exec", node, ...cmd]);
}

/** The bed's power switch: `node` loses its link and every process at once. */
export async function powerOff(node: BedNode): Promise<void> {
  await run("bash", [SCRIPT, "poweroff", node]);
}

/** Boots `node` again (it rejoins the cluster within seconds). */
export async function powerOn(node: BedNode): Promise<void> {
  await run("bash", [SCRIPT, "poweron", node]);
}

/** `crm_mon --output-as=xml` as one node sees the cluster. */
export async function crmMonXml(node: BedNode | "any" = "any"): Promise<string> {
  return await onNode(node, "crm_mon", "--output-as=xml");
}
