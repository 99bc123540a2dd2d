// Browser entry of /topology (bundled to static/build/topology.js).

import { hydrateIslands } from "../client/hydrate.ts";
import Topology from "../Topology.tsx";

hydrateIslands({ Topology });
