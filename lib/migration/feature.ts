// Moving a host's VMs to another host, as a feature (lib/feature.ts): made for a host on its first
// migration (a request, or a maintenance run's move), closed with the host, its running moves
// cancelled.

import type { FeatureParts } from "../context.ts";
import { feature } from "../feature.ts";
import { clusterFeature, clusterManaged } from "../cluster/feature.ts";
import { MigrationService } from "./service.ts";

export const migrationFeature = feature({
  name: "migration",
  scope: "host",
  make: (parts: FeatureParts) => {
    const { client, emit, hostId, ctx } = parts;
    const migrations = new MigrationService({
      client,
      emit,
      hostId,
      // A VM Pacemaker runs is moved by Pacemaker (lib/cluster/).
      refuseManaged: clusterManaged(parts)
        ? (idOf) => ctx.features.get(clusterFeature).refuseManaged(idOf)
        : undefined,
      destination: (id) => {
        const host = ctx.hosts.get(id);
        // A host in maintenance takes no VMs in (lib/maintenance/): nor new ones (vms, backups).
        ctx.maintenance.refuseNewVms(host.id);
        return { id: host.id, name: host.name, uri: host.uri, client: host.client };
      },
    });
    return { services: migrations, close: () => migrations.close() };
  },
});
