// /api/cluster: the Pacemaker/Corosync cluster this host belongs to (lib/cluster/), as its own
// tools report it, and the highly available VMs KVM Manager hands to it. App-wide, like
// /api/hosts: the cluster is the server's own host's.

import { z } from "zod";
import type { ClusterService } from "../../lib/cluster/service.ts";
import type { HaService } from "../../lib/cluster/ha.ts";
import {
  FencingBody,
  HA_ACTIONS,
  HaBody,
  OptionsBody,
  RESOURCE_ID,
  SharedPoolsBody,
} from "../../lib/cluster/input.ts";
import { ClusterControl } from "../../lib/cluster/control.ts";
import { FENCE_AGENT } from "../../lib/cluster/fence_params.ts";
import { FencingService } from "../../lib/cluster/fencing.ts";
import { NODE_ACTIONS } from "../../shared/cluster.ts";
import { CIB_ID } from "../../lib/cluster/cib.ts";
import { badRequest } from "../../lib/errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { DeclaredApp, reply } from "../declare.ts";

/** The path's resource id, checked: an XML id, as Pacemaker names resources. */
function resourceOf(value: string): string {
  if (!CIB_ID.test(value)) {
    throw badRequest(t("A resource id is a letter or _ then up to 99 letters, digits, _ . or -"));
  }
  return value;
}

/** The path's action, checked against `actions`: 400 in `words` for any other. */
function actionOf<A extends string>(value: string, actions: readonly A[], words: string): A {
  if (!(actions as readonly string[]).includes(value)) throw badRequest(words);
  return value as A;
}

/** A node name as Corosync takes it (a host name). */
const NODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const NODE_NAME = z.string().regex(NODE).meta({ description: "The node's name in the cluster" });

/** Mounted at /api/cluster by routes/app.ts. */
export function clusterRoutes(cluster: ClusterService, ha: HaService): DeclaredApp {
  const control = new ClusterControl(cluster);
  const fencing = new FencingService(cluster);
  const app = new DeclaredApp({ access: "admin", writesStore: false });
  app.GET(
    "/",
    "The cluster as Pacemaker reports it, or why there is none ({present: false, code, reason})",
    { access: "read", answer: "ClusterView" },
    reply(() => cluster.view()),
  );
  app.GET(
    "/shared-pools",
    "The storage pools marked as shared: every node sees them at the same path",
    { access: "read", answer: "ClusterSharedPools" },
    reply(() => ({ pools: ha.sharedPools() })),
  );
  app.PUT("/shared-pools", "Mark which storage pools every node sees at the same path", {
    audit: "cluster.shared-pools",
    writesStore: true,
    body: { schema: SharedPoolsBody },
    answer: "ClusterSharedPools",
  }, reply((_, { pools }) => ({ pools: ha.setSharedPools(pools) })));
  app.POST("/vms", "Make a VM highly available: a Pacemaker VirtualDomain resource", {
    audit: "cluster.ha-add",
    body: { schema: HaBody },
    responses: { 201: "The resource made, and the definition's file on shared storage" },
    answer: "ClusterHaMade",
  }, reply((_, body) => ha.makeHa(body)));
  app.POST(
    "/vms/:resource/:action",
    "Start or stop a highly available VM through Pacemaker (a stop holds until a start)",
    {
      audit: "cluster.ha-action",
      params: {
        resource: RESOURCE_ID,
        action: z.string().meta({ description: HA_ACTIONS.join(", ") }),
      },
      answer: "ClusterHaAction",
    },
    async (c) => {
      const action = actionOf(c.req.param("action"), HA_ACTIONS, t("action must be start or stop"));
      const resource = resourceOf(c.req.param("resource"));
      return c.json(await ha.action(resource, action));
    },
  );
  app.DELETE(
    "/vms/:resource",
    "Hand a highly available VM back: Pacemaker stops managing it; the VM keeps running",
    { audit: "cluster.ha-remove", params: { resource: RESOURCE_ID }, answer: "ClusterHaRemoved" },
    reply(({ resource }) => ha.removeHa(resourceOf(resource))),
  );
  app.POST(
    "/nodes/:node/:action",
    "Standby (its HA VMs move away, live where allowed), back from standby, maintenance (its resources run unwatched), or back from maintenance",
    {
      audit: "cluster.node",
      params: {
        node: NODE_NAME,
        action: z.string().meta({ description: NODE_ACTIONS.join(", ") }),
      },
      answer: "ClusterNodeChanged",
    },
    async (c) => {
      const action = actionOf(
        c.req.param("action"),
        NODE_ACTIONS,
        t("action must be standby, unstandby, maintenance or unmaintenance"),
      );
      const node = c.req.param("node");
      if (!NODE.test(node)) throw badRequest(t("A node name is 1 to 100 characters"));
      return c.json(await control.node(node, action));
    },
  );
  app.PUT("/options", "Turn fencing (stonith-enabled) or cluster-wide maintenance mode on or off", {
    audit: "cluster.options",
    body: { schema: OptionsBody },
    answer: "ClusterOptions",
  }, reply((_, body) => control.options(body)));
  app.GET("/fence-agents", "The fence agents installed on this node (Debian's fence-agents)", {
    answer: "FenceAgentList",
  }, reply(async () => ({ agents: await fencing.agents() })));
  app.GET(
    "/fence-agents/:agent",
    "A fence agent's parameters, from its own metadata",
    {
      params: { agent: z.string().regex(FENCE_AGENT).meta({ description: "fence_…" }) },
      answer: "FenceAgentInfo",
    },
    async (c) => {
      const agent = c.req.param("agent");
      if (!FENCE_AGENT.test(agent)) {
        throw badRequest(
          t("agent must be an installed fence agent: fence_ then letters, digits or _"),
        );
      }
      return c.json(await fencing.agent(agent));
    },
  );
  app.POST("/fencing", "Add a fencing device (the agent checks its parameters first)", {
    audit: "cluster.fencing-add",
    body: { schema: FencingBody },
    responses: { 201: "The device added" },
    answer: "FencingDevice",
  }, reply((_, body) => fencing.add(body)));
  app.POST(
    "/fencing/:device/test",
    "Ask a fencing device whether it answers, and which nodes it can power off; fences nothing",
    { audit: "cluster.fencing-test", params: { device: RESOURCE_ID }, answer: "FencingTest" },
    reply(({ device }) => fencing.test(resourceOf(device))),
  );
  app.DELETE("/fencing/:device", "Remove a fencing device KVM Manager added", {
    audit: "cluster.fencing-remove",
    params: { device: RESOURCE_ID },
    answer: "FencingDevice",
  }, reply(({ device }) => fencing.remove(resourceOf(device))));
  return app;
}
