// corosync.conf for a new cluster (issue 48 item 4): Corosync 3 with knet, its traffic encrypted
// and signed with the shared authkey, votequorum, and every node named with its address. The file
// is Corosync's own brace format, not XML: every value written into it is checked first to be a
// name or an IP address, so none can open or close a section.

import { isIP } from "node:net";

export interface ClusterNode {
  /** The node's name in the cluster (what Pacemaker calls it). */
  name: string;
  /** The address Corosync uses to reach it (ring0_addr). */
  address: string;
}

export interface ClusterPlan {
  /** cluster_name. */
  name: string;
  nodes: ClusterNode[];
}

/** A cluster or node name: letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
/** Two nodes at least (two_node mode), 16 at most (a bound; Corosync itself allows more). */
export const MIN_NODES = 2;
export const MAX_NODES = 16;

/** What is wrong with a plan, in the words the command prints; null when it is fine. */
export function planProblem(plan: ClusterPlan): string | null {
  if (!CLUSTER_NAME.test(plan.name)) {
    return `the cluster name must be 1-63 letters, digits, ".", "_" or "-", not "${plan.name}"`;
  }
  if (plan.nodes.length < MIN_NODES || plan.nodes.length > MAX_NODES) {
    return `a cluster needs ${MIN_NODES} to ${MAX_NODES} nodes, not ${plan.nodes.length}`;
  }
  const names = new Set<string>();
  const addresses = new Set<string>();
  for (const node of plan.nodes) {
    if (!CLUSTER_NAME.test(node.name)) {
      return `a node name must be 1-63 letters, digits, ".", "_" or "-", not "${node.name}"`;
    }
    if (!isIP(node.address)) return `${node.name}: "${node.address}" is not an IP address`;
    if (names.has(node.name)) return `the node ${node.name} is named twice`;
    if (addresses.has(node.address)) return `the address ${node.address} is given twice`;
    names.add(node.name);
    addresses.add(node.address);
  }
  const families = new Set(plan.nodes.map((n) => isIP(n.address)));
  if (families.size > 1) return "the nodes' addresses must all be IPv4 or all IPv6";
  return null;
}

/** The file, for a plan planProblem() passed. */
export function corosyncConf(plan: ClusterPlan): string {
  const problem = planProblem(plan);
  if (problem) throw new Error(problem);
  const nodes = plan.nodes.map((node, i) =>
    [
      "  node {",
      `    name: ${node.name}`,
      `    nodeid: ${i + 1}`,
      `    ring0_addr: ${node.address}`,
      "  }",
    ].join("\n")
  );
  return [
    "# Written by kvm-manager install-cluster. Every node has the same file and the same",
    "# /etc/corosync/authkey; change both on every node, then restart corosync everywhere.",
    "totem {",
    "  version: 2",
    `  cluster_name: ${plan.name}`,
    "  transport: knet",
    "  crypto_cipher: aes256",
    "  crypto_hash: sha256",
    ...(isIP(plan.nodes[0].address) === 6 ? ["  ip_version: ipv6"] : []),
    "}",
    "logging {",
    "  to_logfile: yes",
    "  logfile: /var/log/corosync/corosync.log",
    "  to_syslog: yes",
    "  timestamp: on",
    "}",
    "quorum {",
    "  provider: corosync_votequorum",
    // Two nodes: either alone keeps quorum once both have been seen (wait_for_all), and
    // fencing decides who survives a split.
    ...(plan.nodes.length === 2 ? ["  two_node: 1"] : []),
    "}",
    "nodelist {",
    ...nodes,
    "}",
    "",
  ].join("\n");
}
