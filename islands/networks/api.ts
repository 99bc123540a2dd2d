// Browser calls of the networks, DHCP and port-forward API; failures carry the API's message.

import type {
  DhcpLease,
  NetworkCreateRequest,
  NetworkInfo,
  PortForward,
} from "../../shared/networks.ts";
import { request } from "../client/api.ts";

const part = encodeURIComponent;
const netPath = (net: string) => `/api/networks/${part(net)}`;

export type NetworkAction = "start" | "stop";
export type ForwardRequest = Pick<
  PortForward,
  "protocol" | "hostPort" | "guestIp" | "guestPort" | "description"
>;

export const listNetworks = () => request<NetworkInfo[]>("GET", "/api/networks");
export const getNetwork = (net: string) => request<NetworkInfo>("GET", netPath(net));
export const createNetwork = (req: NetworkCreateRequest) =>
  request<NetworkInfo>("POST", "/api/networks", req);
export const setNetworkAutostart = (net: string, autostart: boolean) =>
  request<NetworkInfo>("PATCH", netPath(net), { autostart });
export const networkAction = (net: string, action: NetworkAction) =>
  request<NetworkInfo>("POST", `${netPath(net)}/${action}`);
export const deleteNetwork = (net: string) => request<void>("DELETE", netPath(net));

export const setDhcpRange = (net: string, range: { start: string; end: string } | null) =>
  request<NetworkInfo>("PUT", `${netPath(net)}/dhcp`, range ?? { dhcp: null });
export const addDhcpHost = (net: string, host: { mac: string; ip: string; name?: string }) =>
  request<NetworkInfo>("POST", `${netPath(net)}/hosts`, host);
export const removeDhcpHost = (net: string, mac: string) =>
  request<NetworkInfo>("DELETE", `${netPath(net)}/hosts/${part(mac)}`);
export const listLeases = (net: string) => request<DhcpLease[]>("GET", `${netPath(net)}/leases`);

export const listForwards = (net: string) =>
  request<PortForward[]>("GET", `${netPath(net)}/forwards`);
export const addForward = (net: string, fwd: ForwardRequest) =>
  request<PortForward>("POST", `${netPath(net)}/forwards`, fwd);
export const removeForward = (net: string, id: number) =>
  request<void>("DELETE", `${netPath(net)}/forwards/${id}`);
