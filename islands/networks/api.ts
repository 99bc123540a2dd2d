// Browser calls of the networks, DHCP and port-forward API; failures carry the API's message.

import type {
  DhcpLease,
  NetworkCreateRequest,
  NetworkInfo,
  PortForward,
} from "../../shared/networks.ts";
import {
  networkActionPath,
  networkDhcpPath,
  networkForwardPath,
  networkForwardsPath,
  networkHostPath,
  networkHostsPath,
  networkLeasesPath,
  networkPath,
  networksPath,
} from "../../shared/api_paths.ts";
import { request } from "../../components/client/api.ts";

export type NetworkAction = "start" | "stop";
export type ForwardRequest = Pick<
  PortForward,
  "protocol" | "hostPort" | "guestIp" | "guestPort" | "description"
>;

export const listNetworks = () => request<NetworkInfo[]>("GET", networksPath());
export const getNetwork = (net: string) => request<NetworkInfo>("GET", networkPath(net));
export const createNetwork = (req: NetworkCreateRequest) =>
  request<NetworkInfo>("POST", networksPath(), req);
export const setNetworkAutostart = (net: string, autostart: boolean) =>
  request<NetworkInfo>("PATCH", networkPath(net), { autostart });
export const networkAction = (net: string, action: NetworkAction) =>
  request<NetworkInfo>("POST", networkActionPath(net, action));
export const deleteNetwork = (net: string) => request<void>("DELETE", networkPath(net));

export const setDhcpRange = (net: string, range: { start: string; end: string } | null) =>
  request<NetworkInfo>("PUT", networkDhcpPath(net), range ?? { dhcp: null });
export const addDhcpHost = (net: string, host: { mac: string; ip: string; name?: string }) =>
  request<NetworkInfo>("POST", networkHostsPath(net), host);
export const removeDhcpHost = (net: string, mac: string) =>
  request<NetworkInfo>("DELETE", networkHostPath(net, mac));
export const listLeases = (net: string) => request<DhcpLease[]>("GET", networkLeasesPath(net));

export const listForwards = (net: string) =>
  request<PortForward[]>("GET", networkForwardsPath(net));
export const addForward = (net: string, fwd: ForwardRequest) =>
  request<PortForward>("POST", networkForwardsPath(net), fwd);
export const removeForward = (net: string, id: number) =>
  request<void>("DELETE", networkForwardPath(net, id));
