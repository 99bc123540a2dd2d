// The features that plug in: each is its lib/ folder's feature (services, background work, task
// titles) with its routes, one line each. The composition (lib/compose.ts) makes each on first
// use, and each host's app (routes/app.ts) mounts their routes in this order. A new feature is its
// folder plus one line here (docs/ARCHITECTURE.md).

import { screenBudgetFeature, screensFeature } from "../lib/consoles/screens_feature.ts";
import { mediatedDevicesFeature } from "../lib/host_devices/mdev_feature.ts";
import { passthroughFeature } from "../lib/host_devices/passthrough_feature.ts";
import { sharedFoldersFeature } from "../lib/filesystems/feature.ts";
import { vmFirewallFeature } from "../lib/vm_firewall/feature.ts";
import { clusterFeature, haFeature } from "../lib/cluster/feature.ts";
import { notifyFeature } from "../lib/notify/feature.ts";
import { resticFeature } from "../lib/restic/feature.ts";
import { ovaFeature } from "../lib/ova/feature.ts";
import { migrationFeature } from "../lib/migration/feature.ts";
import { topologyFeature } from "../lib/topology/feature.ts";
import { hostNetworkFeature } from "../lib/host_network/feature.ts";
import { acmeFeature } from "../lib/acme/feature.ts";
import { clusterRoutes } from "./api/cluster.ts";
import { mdevRoutes } from "./api/mdevs.ts";
import { migrationRoutesFor } from "./api/migration.ts";
import { notifyRoutes } from "./api/notify.ts";
import { ovaExportRoutes, ovaImportReadRoutes, ovaImportRoutes } from "./api/ova.ts";
import { resticRoutes } from "./api/restic.ts";
import { screenRoutes } from "./api/screen.ts";
import { topologyRoutes } from "./api/topology.ts";
import { hostNetworkRoutes } from "./api/host_network.ts";
import { acmeRoutes } from "./api/acme.ts";
import { vmFilesystemRoutes } from "./api/vm_filesystems.ts";
import { vmFirewallRoutes } from "./api/vm_firewall.ts";
import { vmHostDeviceRoutes } from "./api/vm_hostdevs.ts";
import { plug } from "./plug.ts";

export const FEATURES = [
  plug(resticFeature, { mount: "/api", routes: resticRoutes }),
  plug(topologyFeature, { mount: "/api", routes: topologyRoutes }),
  plug(hostNetworkFeature, { mount: "/api", routes: hostNetworkRoutes }),
  plug(mediatedDevicesFeature, { mount: "/api", routes: mdevRoutes }),
  plug(screenBudgetFeature),
  plug(screensFeature, { mount: "/api/vms", routes: screenRoutes }),
  plug(passthroughFeature, { mount: "/api/vms", routes: vmHostDeviceRoutes }),
  plug(sharedFoldersFeature, { mount: "/api/vms", routes: vmFilesystemRoutes }),
  plug(vmFirewallFeature, { mount: "/api/vms", routes: vmFirewallRoutes }),
  plug(migrationFeature, { mount: "/api/vms", routes: migrationRoutesFor }),
  plug(
    ovaFeature,
    { mount: "/api/vms", routes: ovaExportRoutes },
    { mount: "/api/pools", routes: ovaImportRoutes },
    { mount: "/api/images", routes: ovaImportReadRoutes },
  ),
  plug(notifyFeature, { mount: "/api/notify", routes: notifyRoutes }),
  plug(acmeFeature, { mount: "/api/acme", routes: acmeRoutes }),
  plug(clusterFeature, {
    mount: "/api/cluster",
    routes: (cluster, ctx) => clusterRoutes(cluster, ctx.features.lazy(haFeature)),
  }),
  plug(haFeature),
];
