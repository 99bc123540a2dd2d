// Browser entry of /cluster (bundled to static/build/cluster.js).

import { hydrateIslands } from "../client/hydrate.ts";
import ClusterView from "../ClusterView.tsx";

hydrateIslands({ ClusterView });
