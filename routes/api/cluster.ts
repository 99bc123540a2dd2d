// /api/cluster: the Pacemaker/Corosync cluster this host belongs to (lib/cluster/), as its own
// tools report it, and the highly available VMs KVM Manager hands to it. App-wide, like
// /api/hosts: the cluster is the server's own host's.

import { z } from "zod";
import type { ClusterService } from "../../lib/cluster/service.ts";
import type { HaService } from "../../lib/cluster/ha.ts";
import { HA_ACTIONS, HaBody, RESOURCE_ID, SharedPoolsBody } from "../../lib/cluster/input.ts";
import { CIB_ID } from "../../lib/cluster/cib.ts";
import { badRequest } from "../../lib/errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { DeclaredApp } from "../declare.ts";

/** The path's resource id, checked: an XML id, as Pacemaker names resources. */
function resourceOf(value: string): string {
  if (!CIB_ID.test(value)) {
    throw badRequest(t("A resource id is a letter or _ then up to 99 letters, digits, _ . or -"));
  }
  return value;
}

/** Mounted at /api/cluster by routes/app.ts. */
export function clusterRoutes(cluster: ClusterService, ha: HaService): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: false });
  app.GET(
    "/",
    "The cluster as Pacemaker reports it, or why there is none ({present: false, code, reason})",
    { access: "read" },
    async (c) => c.json(await cluster.view()),
  );
  app.GET(
    "/shared-pools",
    "The storage pools marked as shared: every node sees them at the same path",
    { access: "read" },
    (c) => c.json({ pools: ha.sharedPools() }),
  );
  app.PUT("/shared-pools", "Mark which storage pools every node sees at the same path", {
    audit: "cluster.shared-pools",
    writesStore: true,
    body: { schema: SharedPoolsBody },
  }, (c) => c.json({ pools: ha.setSharedPools(c.get("body").pools) }));
  app.POST("/vms", "Make a VM highly available: a Pacemaker VirtualDomain resource", {
    audit: "cluster.ha-add",
    body: { schema: HaBody },
    responses: { 201: "The resource made, and the definition's file on shared storage" },
  }, async (c) => c.json(await ha.makeHa(c.get("body")), 201));
  app.POST(
    "/vms/:resource/:action",
    "Start or stop a highly available VM through Pacemaker (a stop holds until a start)",
    {
      audit: "cluster.ha-action",
      params: {
        resource: RESOURCE_ID,
        action: z.string().meta({ description: HA_ACTIONS.join(", ") }),
      },
    },
    async (c) => {
      const action = c.req.param("action");
      if (!(HA_ACTIONS as readonly string[]).includes(action)) {
        throw badRequest(t("action must be start or stop"));
      }
      const resource = resourceOf(c.req.param("resource"));
      return c.json(await ha.action(resource, action as typeof HA_ACTIONS[number]));
    },
  );
  app.DELETE(
    "/vms/:resource",
    "Hand a highly available VM back: Pacemaker stops managing it; the VM keeps running",
    { audit: "cluster.ha-remove", params: { resource: RESOURCE_ID } },
    async (c) => c.json(await ha.removeHa(resourceOf(c.req.param("resource")))),
  );
  return app;
}
