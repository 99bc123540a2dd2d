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

  app.api(
    { method: "get", path: "/", summary: "List virtual networks", access: "read" },
    async (c) => c.json(await networks.list()),
  );
  app.api({
    method: "post",
    path: "/",
    summary: "Define a virtual network (and start and autostart it)",
    body: { schema: NetworkCreateBody, ...NETWORK_CREATE_CODES },
    responses: { 201: "The network" },
  }, async (c) => c.json(await networks.create(c.get("body")), 201));
  app.api(
    { method: "get", path: "/:net", summary: "One virtual network", access: "read" },
    async (c) => c.json(await networks.get(c.req.param("net"))),
  );
  app.api({
    method: "patch",
    path: "/:net",
    summary: "Turn a network's autostart on or off",
    audit: "network.autostart",
    body: { schema: AutostartBody },
  }, async (c) => c.json(await networks.update(c.req.param("net"), c.get("body"))));
  app.api({
    method: "delete",
    path: "/:net",
    summary: "Delete a virtual network",
    responses: { 204: "Deleted" },
  }, async (c) => {
    await networks.delete(c.req.param("net"));
    return c.body(null, 204);
  });
  app.api({
    method: "put",
    path: "/:net/dhcp",
    summary: "Replace a network's DHCP ranges, or turn DHCP off",
    body: { schema: DhcpBody, ...DHCP_CODES },
  }, async (c) => c.json(await networks.setDhcp(c.req.param("net"), c.get("body"))));
  app.api({
    method: "post",
    path: "/:net/hosts",
    summary: "Add a static DHCP host to a network",
    body: { schema: DhcpHostBody, ...DHCP_HOST_CODES },
    responses: { 201: "The network" },
  }, async (c) => c.json(await networks.addHost(c.req.param("net"), c.get("body")), 201));
  app.api(
    {
      method: "delete",
      path: "/:net/hosts/:mac",
      summary: "Remove a static DHCP host from a network",
    },
    async (c) => c.json(await networks.removeHost(c.req.param("net"), c.req.param("mac"))),
  );
  app.api(
    { method: "get", path: "/:net/leases", summary: "A network's DHCP leases", access: "read" },
    async (c) => c.json(await networks.leases(c.req.param("net"))),
  );
  app.api(
    { method: "get", path: "/:net/forwards", summary: "A network's port forwards", access: "read" },
    async (c) => c.json(await networks.forwards(c.req.param("net"))),
  );
  app.api({
    method: "post",
    path: "/:net/forwards",
    summary: "Forward a host port to a guest on a network",
    writesStore: true,
    body: { schema: PortForwardBody, ...PORT_FORWARD_CODES },
    responses: { 201: "The port forward" },
  }, async (c) => c.json(await networks.addForward(c.req.param("net"), c.get("body")), 201));
  app.api({
    method: "delete",
    path: "/:net/forwards/:id",
    summary: "Remove a port forward",
    writesStore: true,
    responses: { 204: "Removed" },
  }, async (c) => {
    await networks.removeForward(c.req.param("net"), c.req.param("id"));
    return c.body(null, 204);
  });
  app.api({
    method: "post",
    path: "/:net/:action",
    summary: "Start or stop a virtual network",
    params: { action: z.string().meta({ description: "start or stop" }) },
  }, async (c) => c.json(await networks.action(c.req.param("net"), c.req.param("action"))));

  return app;
}
