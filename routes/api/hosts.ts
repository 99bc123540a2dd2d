// /api/hosts: the libvirt hosts this server manages, and adding or removing remote ones.

import { z } from "zod";
import { HOST_CODES, HostBody } from "../../lib/hosts/input.ts";
import type { HostRegistry } from "../../lib/hosts/registry.ts";
import { DeclaredApp, reply } from "../declare.ts";

/** The `:id` of every route under /api/hosts. */
export const HOST_ID = { id: z.string().meta({ description: "Host id (local for this host)" }) };

export function hostListRoutes(hosts: HostRegistry): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: true, params: HOST_ID });
  app.GET("/", "List the libvirt hosts", {
    access: "read",
    answer: "HostStatusList",
  }, reply(() => hosts.list()));
  app.POST("/", "Add a remote libvirt host", {
    audit: "host.add",
    // Checked by the registry, which knows where key files may be (its data folder's ssh/).
    body: { schema: HostBody, ...HOST_CODES, check: false },
    responses: { 201: "The host (it connects in the background)" },
    answer: "HostStatus",
  }, reply((_, body) => hosts.add(body)));
  app.GET("/:id", "One host and its connection", {
    access: "read",
    answer: "HostStatus",
  }, reply(({ id }) => hosts.status(id)));
  app.DELETE("/:id", "Remove a remote host", {
    audit: "host.remove",
    responses: { 204: "Removed" },
  }, reply(({ id }) => hosts.remove(id)));
  return app;
}
