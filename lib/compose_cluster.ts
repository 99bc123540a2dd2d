// Composition of the cluster's services: the cluster read (app-wide, one per server) and the HA
// VMs over the local host's VMs and pools. Apart from compose.ts, which is at its size limit.

import type { Store } from "./store.ts";
import type { VmService } from "./vms/service.ts";
import type { PoolService } from "./storage/pools.ts";
import type { ClusterService } from "./cluster/service.ts";
import { HaService } from "./cluster/ha.ts";
import type { StartupService } from "./startup/service.ts";

/**
 * The HA service of the local host. KVMM_HA_MIGRATE_OPTIONS: extra `virsh migrate` options for
 * HA VMs on shared storage libvirt does not recognise as shared (a bind-mounted folder, as on the
 * HA test bed: `--unsafe`); NFS, GFS2, OCFS2 and CephFS need none. KVMM_HA_MIGRATION_TRANSPORT:
 * how the nodes' libvirtds reach each other to migrate (ssh by default, with root's keys; tls).
 */
export function haFor(
  { store, cluster, vms, pools, startup }: {
    store: Store;
    cluster: ClusterService;
    vms: VmService;
    pools: PoolService;
    startup: StartupService;
  },
): HaService {
  return new HaService({
    store,
    cluster,
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
}
