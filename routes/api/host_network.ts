// /api/host/network: this machine's network changes (admin only), the host network feature's
// routes (routes/features.ts). Changes are staged and shown as a diff, then applied as one step
// that rolls back unless POST /host/network/confirm arrives in time over the changed network.

import type { HostNetwork } from "../../lib/host_network/host_network.ts";
import {
  AddressBody,
  ApplyBody,
  BondBody,
  BondChangeBody,
  BridgeNicBody,
  BridgePortsBody,
  ConfirmBody,
  DEFAULT_MIIMON,
  DEFAULT_ROLLBACK_SECONDS,
  DeleteBody,
  HOST_NETWORK_CODES,
  VlanBody,
} from "../../lib/host_network/input.ts";
import type { Addressing } from "../../lib/host_network/stanzas.ts";
import { DeclaredApp, reply } from "../declare.ts";

export function hostNetworkRoutes(network: HostNetwork): DeclaredApp {
  // The files and daemons are this machine's, not the app store's.
  const app = new DeclaredApp({ access: "admin", writesStore: false });
  app.GET(
    "/host/network",
    "This machine's interfaces file, its staged changes as a diff, and a change waiting for its confirmation",
    { answer: "HostNetworkState" },
    reply(() => network.service.state()),
  );
  app.POST("/host/network/staged/bridge", "Stage a bridge over a NIC, with the NIC's addresses", {
    audit: "host-network.stage",
    body: { schema: BridgeNicBody, ...HOST_NETWORK_CODES },
    answer: "HostNetworkState",
  }, reply((_, { nic, bridge }) => network.service.stageBridge(nic, bridge)));
  app.POST(
    "/host/network/staged/bond",
    "Stage a bond over NICs, with a member's addresses",
    {
      audit: "host-network.stage-bond",
      body: { schema: BondBody, ...HOST_NETWORK_CODES },
      answer: "HostNetworkState",
    },
    reply((_, body) =>
      network.service.stageBond({ ...body, miimon: body.miimon ?? DEFAULT_MIIMON })
    ),
  );
  app.POST("/host/network/staged/vlan", "Stage a VLAN interface over a NIC, bond or bridge", {
    audit: "host-network.stage-vlan",
    body: { schema: VlanBody, ...HOST_NETWORK_CODES },
    answer: "HostNetworkState",
  }, reply((_, body) => network.service.stageVlan(body)));
  app.POST(
    "/host/network/staged/address",
    "Stage an interface's addresses: static, DHCP or none",
    {
      audit: "host-network.stage-address",
      body: { schema: AddressBody, ...HOST_NETWORK_CODES },
      answer: "HostNetworkState",
    },
    reply((_, { interface: name, method, addresses, gateway }) => {
      const addressing: Addressing = method === "static"
        ? { method, addresses: addresses ?? [], ...(gateway === undefined ? {} : { gateway }) }
        : { method };
      return network.service.stageAddress(name, addressing);
    }),
  );
  app.POST(
    "/host/network/staged/bridge-ports",
    "Stage a bridge's ports: NICs, bonds or VLANs, or none",
    {
      audit: "host-network.stage-bridge-ports",
      body: { schema: BridgePortsBody, ...HOST_NETWORK_CODES },
      answer: "HostNetworkState",
    },
    reply((_, { bridge, ports }) => network.service.stageBridgePorts(bridge, ports)),
  );
  app.POST(
    "/host/network/staged/bond-change",
    "Stage a bond's members, mode and link check",
    {
      audit: "host-network.stage-bond-change",
      body: { schema: BondChangeBody, ...HOST_NETWORK_CODES },
      answer: "HostNetworkState",
    },
    reply((_, body) => network.service.stageBondChange(body)),
  );
  app.POST("/host/network/staged/delete", "Stage the deletion of a bridge, bond or VLAN", {
    audit: "host-network.stage-delete",
    body: { schema: DeleteBody, ...HOST_NETWORK_CODES },
    answer: "HostNetworkState",
  }, reply((_, { name }) => network.service.stageDelete(name)));
  app.DELETE("/host/network/staged", "Discard the staged changes", {
    audit: "host-network.discard",
    answer: "HostNetworkState",
  }, reply(() => network.service.discard()));
  app.POST(
    "/host/network/apply",
    "Apply the staged changes (ifreload); they roll back unless confirmed in time",
    {
      audit: "host-network.apply",
      body: { schema: ApplyBody, empty: {}, ...HOST_NETWORK_CODES },
      answer: "PendingHostNetworkChange",
    },
    reply((_, { rollbackSeconds }) =>
      network.service.apply(rollbackSeconds ?? DEFAULT_ROLLBACK_SECONDS)
    ),
  );
  app.POST("/host/network/confirm", "Keep the applied change", {
    audit: "host-network.confirm",
    body: { schema: ConfirmBody, ...HOST_NETWORK_CODES },
    responses: { 204: "Kept" },
  }, reply((_, { id }) => network.service.applier.confirm(id)));
  app.POST("/host/network/rollback", "Undo the applied change now", {
    audit: "host-network.rollback",
    responses: { 204: "Rolled back" },
  }, reply(() => network.service.applier.rollback()));
  return app;
}
