// Browser calls of the host network API; failures carry the API's message.

import type {
  AddressMethod,
  BondMode,
  HostNetworkState,
  PendingChange,
} from "../../shared/host_network.ts";
import {
  hostNetworkActionPath,
  hostNetworkPath,
  hostNetworkStagedPath,
} from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

export const readHostNetwork = () => request<HostNetworkState>("GET", hostNetworkPath());
export const stageBridge = (nic: string, bridge: string) =>
  request<HostNetworkState>("POST", hostNetworkStagedPath("bridge"), { nic, bridge });
export const stageBond = (
  body: { name: string; members: string[]; mode: BondMode; miimon: number },
) => request<HostNetworkState>("POST", hostNetworkStagedPath("bond"), body);
export const stageVlan = (body: { parent: string; id: number; name?: string }) =>
  request<HostNetworkState>("POST", hostNetworkStagedPath("vlan"), body);
export const stageAddress = (
  body: { interface: string; method: AddressMethod; addresses?: string[]; gateway?: string },
) => request<HostNetworkState>("POST", hostNetworkStagedPath("address"), body);
export const stageBridgePorts = (bridge: string, ports: string[]) =>
  request<HostNetworkState>("POST", hostNetworkStagedPath("bridge-ports"), { bridge, ports });
export const stageBondChange = (
  body: { name: string; members: string[]; mode?: BondMode; miimon?: number },
) => request<HostNetworkState>("POST", hostNetworkStagedPath("bond-change"), body);
export const stageDelete = (name: string) =>
  request<HostNetworkState>("POST", hostNetworkStagedPath("delete"), { name });
export const discardStaged = () => request<HostNetworkState>("DELETE", hostNetworkStagedPath());
export const applyStaged = (rollbackSeconds: number) =>
  request<PendingChange>("POST", hostNetworkActionPath("apply"), { rollbackSeconds });
/** Sent by this browser over the network as changed: a change that cut it off cannot be kept. */
export const keepChange = (id: string) =>
  request<void>("POST", hostNetworkActionPath("confirm"), { id });
export const undoChange = () => request<void>("POST", hostNetworkActionPath("rollback"));
