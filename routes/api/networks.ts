// /api/networks: virtual networks, their DHCP ranges, static hosts, leases and port forwards.

import { z } from "zod";
import type { AppContext } from "../../lib/context.ts";
import {
  DHCP_CODES,
  DHCP_HOST_CODES,
  DhcpBody,
  DhcpHostBody,
  NETWORK_CREATE_CODES,
  NetworkCreateBody,
} from "../../lib/networks/input.ts";
import { AutostartBody } from "../../lib/storage/pool_input.ts";
import { PORT_FORWARD_CODES, PortForwardBody } from "../../lib/firewall/port_forwards.ts";
import { DeclaredApp, reply } from "../declare.ts";

export function networkRoutes({ networks }: AppContext): DeclaredApp {
  // Changes are admins' and live in libvirt, except port forwards (kept in the store).
  const app = new DeclaredApp({ access: "admin", writesStore: false });

  app.GET("/", "List virtual networks", {
    access: "read",
    answer: "VirtualNetworkList",
  }, reply(() => networks.list()));
  app.POST("/", "Define a virtual network (and start and autostart it)", {
    body: { schema: NetworkCreateBody, ...NETWORK_CREATE_CODES },
    responses: { 201: "The network" },
    answer: "VirtualNetwork",
  }, reply((_, body) => networks.create(body)));
  app.GET("/:net", "One virtual network", {
    access: "read",
    answer: "VirtualNetwork",
  }, reply(({ net }) => networks.get(net)));
  app.PATCH("/:net", "Turn a network's autostart on or off", {
    audit: "network.autostart",
    body: { schema: AutostartBody },
    answer: "VirtualNetwork",
  }, reply(({ net }, body) => networks.update(net, body)));
  app.DELETE("/:net", "Delete a virtual network", {
    responses: { 204: "Deleted" },
  }, reply(({ net }) => networks.delete(net)));
  app.PUT("/:net/dhcp", "Replace a network's DHCP ranges, or turn DHCP off", {
    body: { schema: DhcpBody, ...DHCP_CODES },
    answer: "VirtualNetwork",
  }, reply(({ net }, body) => networks.setDhcp(net, body)));
  app.POST("/:net/hosts", "Add a static DHCP host to a network", {
    body: { schema: DhcpHostBody, ...DHCP_HOST_CODES },
    responses: { 201: "The network" },
    answer: "VirtualNetwork",
  }, reply(({ net }, body) => networks.addHost(net, body)));
  app.DELETE("/:net/hosts/:mac", "Remove a static DHCP host from a network", {
    answer: "VirtualNetwork",
  }, reply(({ net, mac }) => networks.removeHost(net, mac)));
  app.GET("/:net/leases", "A network's DHCP leases", {
    access: "read",
    answer: "DhcpLeaseList",
  }, reply(({ net }) => networks.leases(net)));
  app.GET("/:net/forwards", "A network's port forwards", {
    access: "read",
    answer: "PortForwardList",
  }, reply(({ net }) => networks.forwards(net)));
  app.POST("/:net/forwards", "Forward a host port to a guest on a network", {
    writesStore: true,
    body: { schema: PortForwardBody, ...PORT_FORWARD_CODES },
    responses: { 201: "The port forward" },
    answer: "PortForward",
  }, reply(({ net }, body) => networks.addForward(net, body)));
  app.DELETE("/:net/forwards/:id", "Remove a port forward", {
    writesStore: true,
    responses: { 204: "Removed" },
  }, reply(({ net, id }) => networks.removeForward(net, id)));
  app.POST("/:net/:action", "Start or stop a virtual network", {
    params: { action: z.string().meta({ description: "start or stop" }) },
    answer: "VirtualNetwork",
  }, reply(({ net, action }) => networks.action(net, action)));

  return app;
}
