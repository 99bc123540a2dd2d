// Composition of the cluster's services: the cluster read (app-wide, one per server) and the HA
// VMs over the local host's VMs and pools. Apart from compose.ts, which is at its size limit.

import type { Store } from "./store.ts";
import type { VmService } from "./vms/service.ts";
import type { PoolService } from "./storage/pools.ts";
import type { ClusterService } from "./cluster/service.ts";
import { HaService } from "./cluster/ha.ts";

/**
 * The HA service of the local host. KVMM_HA_MIGRATE_OPTIONS: extra `virsh migrate` options for
 * HA VMs on shared storage libvirt does not recognise as shared (a bind-mounted folder, as on the
 * HA test bed: `--unsafe`); NFS, GFS2, OCFS2 and CephFS need none.
 */
export function haFor(
  { store, cluster, vms, pools }: {
    store: Store;
    cluster: ClusterService;
    vms: VmService;
    pools: PoolService;
  },
): HaService {
  return new HaService({
    store,
    cluster,
    migrateOptions: Deno.env.get("KVMM_HA_MIGRATE_OPTIONS") || undefined,
    host: {
      getVm: (id) => vms.getVm(id),
      vmXml: (id) => vms.vmXml(id),
      pools: () => pools.list(),
      autostartOff: async (id) => {
        await vms.editVm(id, { autostart: false });
      },
    },
  });
}
