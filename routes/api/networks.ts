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
import { DeclaredApp } from "../declare.ts";

export function networkRoutes({ networks }: AppContext): DeclaredApp {
  // Changes are admins' and live in libvirt, except port forwards (kept in the store).
  const app = new DeclaredApp({ access: "admin", writesStore: false });

  app.GET(
    "/",
    "List virtual networks",
    { access: "read", answer: "VirtualNetworkList" },
    async (c) => c.json(await networks.list()),
  );
  app.POST("/", "Define a virtual network (and start and autostart it)", {
    body: { schema: NetworkCreateBody, ...NETWORK_CREATE_CODES },
    responses: { 201: "The network" },
    answer: "VirtualNetwork",
  }, async (c) => c.json(await networks.create(c.get("body")), 201));
  app.GET(
    "/:net",
    "One virtual network",
    { access: "read", answer: "VirtualNetwork" },
    async (c) => c.json(await networks.get(c.req.param("net"))),
  );
  app.PATCH("/:net", "Turn a network's autostart on or off", {
    audit: "network.autostart",
    body: { schema: AutostartBody },
    answer: "VirtualNetwork",
  }, async (c) => c.json(await networks.update(c.req.param("net"), c.get("body"))));
  app.DELETE("/:net", "Delete a virtual network", { responses: { 204: "Deleted" } }, async (c) => {
    await networks.delete(c.req.param("net"));
    return c.body(null, 204);
  });
  app.PUT("/:net/dhcp", "Replace a network's DHCP ranges, or turn DHCP off", {
    body: { schema: DhcpBody, ...DHCP_CODES },
    answer: "VirtualNetwork",
  }, async (c) => c.json(await networks.setDhcp(c.req.param("net"), c.get("body"))));
  app.POST("/:net/hosts", "Add a static DHCP host to a network", {
    body: { schema: DhcpHostBody, ...DHCP_HOST_CODES },
    responses: { 201: "The network" },
    answer: "VirtualNetwork",
  }, async (c) => c.json(await networks.addHost(c.req.param("net"), c.get("body")), 201));
  app.DELETE(
    "/:net/hosts/:mac",
    "Remove a static DHCP host from a network",
    { answer: "VirtualNetwork" },
    async (c) => c.json(await networks.removeHost(c.req.param("net"), c.req.param("mac"))),
  );
  app.GET(
    "/:net/leases",
    "A network's DHCP leases",
    { access: "read", answer: "DhcpLeaseList" },
    async (c) => c.json(await networks.leases(c.req.param("net"))),
  );
  app.GET(
    "/:net/forwards",
    "A network's port forwards",
    { access: "read", answer: "PortForwardList" },
    async (c) => c.json(await networks.forwards(c.req.param("net"))),
  );
  app.POST("/:net/forwards", "Forward a host port to a guest on a network", {
    writesStore: true,
    body: { schema: PortForwardBody, ...PORT_FORWARD_CODES },
    responses: { 201: "The port forward" },
    answer: "PortForward",
  }, async (c) => c.json(await networks.addForward(c.req.param("net"), c.get("body")), 201));
  app.DELETE("/:net/forwards/:id", "Remove a port forward", {
    writesStore: true,
    responses: { 204: "Removed" },
  }, async (c) => {
    await networks.removeForward(c.req.param("net"), c.req.param("id"));
    return c.body(null, 204);
  });
  app.POST("/:net/:action", "Start or stop a virtual network", {
    params: { action: z.string().meta({ description: "start or stop" }) },
    answer: "VirtualNetwork",
  }, async (c) => c.json(await networks.action(c.req.param("net"), c.req.param("action"))));

  return app;
}
