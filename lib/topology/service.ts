// GET /api/host/topology: reads what the topology is drawn from — the host's interfaces, its
// networks, its VMs with their states and NICs — and joins it (graph.ts). A host whose libvirt
// cannot list interfaces (no interface driver) still gets its networks and VMs, with a note.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { ErrorCode, LibvirtError } from "../../ffi/libvirt/error.ts";
import type { Topology } from "../../shared/topology.ts";
import type { HostInfo } from "../../shared/host.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { buildTopology } from "./graph.ts";

/** What the service needs of the VM service: the list with states, and the host's name. */
export interface TopologyVms {
  listVms(): Promise<VmSummary[]>;
  hostInfo(): Promise<HostInfo>;
}

const UNSUPPORTED = new Set<number>([ErrorCode.NO_SUPPORT, ErrorCode.OPERATION_UNSUPPORTED]);

export class TopologyService {
  constructor(private readonly client: LibvirtClient, private readonly vms: TopologyVms) {}

  async topology(): Promise<Topology> {
    const failed = t("Failed to read the network topology");
    const notes: string[] = [];
    const interfaces = this.client.call("interfaceList").catch((err) => {
      // Only a driver without interfaces is drawn around; anything else (a lost connection)
      // fails the whole answer like every other read.
      if (!(err instanceof LibvirtError) || !UNSUPPORTED.has(err.code)) throw err;
      notes.push(t("libvirt on this host does not list its interfaces: {{reason}}", {
        reason: err.message,
      }));
      return null;
    });
    try {
      const [ifaces, networks, vms, domains, host] = await Promise.all([
        interfaces,
        this.client.call("networkList"),
        this.vms.listVms(),
        this.client.call("domainXmlList"),
        this.vms.hostInfo(),
      ]);
      const topology = buildTopology({
        hostLabel: host.hostname,
        interfaces: ifaces,
        networks,
        vms,
        domains,
      });
      return { ...topology, notes };
    } catch (err) {
      throw fromLibvirt(err, { failed });
    }
  }
}
