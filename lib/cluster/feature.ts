// The Pacemaker cluster as app-wide features (lib/feature.ts): the cluster read, watched for what
// Pacemaker does on its own, and the highly available VMs of the local host. Both are made once,
// by the local host's composition; the watch runs from the start where this server's VMs may be
// Pacemaker's.

import type { FeatureParts } from "../context.ts";
import { feature } from "../feature.ts";
import { openableUri } from "../hosts/input.ts";
import { notifyFeature } from "../notify/feature.ts";
import { HaService } from "./ha.ts";
import { ClusterService } from "./service.ts";
import { ClusterWatch } from "./watch.ts";

/**
 * Whether Pacemaker may run this composition's VMs: those of the server's own host only (the
 * cluster read is local), and never the test driver's.
 */
export function clusterManaged({ local, config }: Pick<FeatureParts, "local" | "config">): boolean {
  return local && !openableUri(config.uri).startsWith("test:");
}

/** The cluster read (crm_mon, nodes, fencing) and, where it manages VMs, its watch. */
export const clusterFeature = feature({
  name: "cluster",
  scope: "app",
  make: (parts: FeatureParts) => {
    const { ctx } = parts;
    const cluster = new ClusterService();
    const watch = clusterManaged(parts)
      ? new ClusterWatch({
        cluster,
        tasks: ctx.tasks,
        publish: (e) => ctx.features.get(notifyFeature).publish(e),
      })
      : null;
    return {
      services: cluster,
      background: watch
        ? [{ name: "cluster", start: () => watch.start(), stop: () => watch.stop() }]
        : [],
    };
  },
  startsOn: clusterManaged,
});

/**
 * The HA VMs of the local host. KVMM_HA_MIGRATE_OPTIONS: extra `virsh migrate` options for HA VMs
 * on shared storage libvirt does not recognise as shared (a bind-mounted folder, as on the HA test
 * bed: `--unsafe`); NFS, GFS2, OCFS2 and CephFS need none. KVMM_HA_MIGRATION_TRANSPORT: how the
 * nodes' libvirtds reach each other to migrate (ssh by default, with root's keys; tls).
 */
export const haFeature = feature({
  name: "ha",
  scope: "app",
  make: ({ store, ctx }: FeatureParts) => {
    const { vms, pools, startup } = ctx;
    const ha = new HaService({
      store,
      cluster: ctx.features.get(clusterFeature),
      migrateOptions: Deno.env.get("KVMM_HA_MIGRATE_OPTIONS") || undefined,
      migrationTransport: Deno.env.get("KVMM_HA_MIGRATION_TRANSPORT") || undefined,
      host: {
        getVm: (id) => vms.getVm(id),
        vmXml: (id) => vms.vmXml(id),
        pools: () => pools.list(),
        autostartOff: async (id) => {
          await vms.editVm(id, { autostart: false });
        },
        clearBootOrder: async (id) => {
          await startup.clear(id);
        },
      },
    });
    return { services: ha };
  },
});
