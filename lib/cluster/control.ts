// The cluster's nodes and switches (issue 48 item 3), changed through crm_attribute as `crm node
// standby` and `pcs node maintenance` do: standby makes Pacemaker move a node's resources away
// (HA VMs live, where they allow it) and start none there; maintenance leaves a node's resources
// running but unwatched; the cluster-wide maintenance-mode does that everywhere; fencing off
// (stonith-enabled=false) makes a lost node's VMs unsafe to start elsewhere.

import { AppError } from "../errors.ts";
import type { NodeAction } from "../../shared/cluster.ts";
import { t } from "../../shared/i18n/t.ts";
import { pcmk } from "./pcmk.ts";
import type { ClusterService } from "./service.ts";
import type { OptionsInput } from "./input.ts";

/** The node attribute each action sets, and to what. */
const NODE_ATTRIBUTE: Record<NodeAction, [string, string]> = {
  standby: ["standby", "on"],
  unstandby: ["standby", "off"],
  maintenance: ["maintenance", "true"],
  unmaintenance: ["maintenance", "false"],
};

export class ClusterControl {
  readonly #cluster: ClusterService;

  constructor(cluster: ClusterService) {
    this.#cluster = cluster;
  }

  /** Puts a node in or out of standby or maintenance. */
  async node(node: string, action: NodeAction): Promise<{ node: string; action: NodeAction }> {
    const cluster = await this.#cluster.member();
    if (!cluster.nodes.some((n) => n.name === node)) {
      throw new AppError(
        "CLUSTER_NODE_NOT_FOUND",
        t("The cluster has no node {{node}}: its nodes are {{nodes}}", {
          node,
          nodes: cluster.nodes.map((n) => n.name).join(", "),
        }),
      );
    }
    const [name, value] = NODE_ATTRIBUTE[action];
    this.#cluster.forget();
    // --lifetime forever: in the CIB's node section, so it outlasts the node's reboot (a
    // standby for a hardware repair must not end when the node comes back up).
    await pcmk("crm_attribute", [
      "--node",
      node,
      "--name",
      name,
      "--update",
      value,
      "--lifetime",
      "forever",
    ]);
    this.#cluster.forget();
    return { node, action };
  }

  /** Sets the cluster-wide switches given; answers both as they are now. */
  async options(
    input: OptionsInput,
  ): Promise<{ fencingEnabled: boolean; maintenanceMode: boolean }> {
    await this.#cluster.member();
    const set = async (name: string, on: boolean) =>
      await pcmk("crm_attribute", [
        "--type",
        "crm_config",
        "--name",
        name,
        "--update",
        String(on),
      ]);
    this.#cluster.forget();
    if (input.fencingEnabled !== undefined) await set("stonith-enabled", input.fencingEnabled);
    if (input.maintenanceMode !== undefined) await set("maintenance-mode", input.maintenanceMode);
    this.#cluster.forget();
    const now = await this.#cluster.member();
    return { fencingEnabled: now.fencing.enabled, maintenanceMode: now.maintenanceMode };
  }
}
